"""Dates as the office counts them: days in the office's time zone (WITA), months on paper."""

import calendar
import datetime

from django.utils import timezone


def office_today() -> datetime.date:
    """Today's date in the project's time zone (Asia/Makassar), whatever zone is active."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
