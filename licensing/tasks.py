"""Background jobs of the licensing app: plain functions, and the queue's tasks that call them.

`licensing_daily` runs every day at 06:00 WITA on the worker (`manage.py procrastinate
worker`): it records the licences that expired, then sends the expiry reminders due that day.
Each step is safe to run twice and after a crash (see each function).
"""

import datetime
import logging

import procrastinate
from django.utils import timezone
from procrastinate.contrib.django import app

from licensing.dates import office_today
from licensing.models import Licence
from licensing.reminders import licence_reminders_send
from licensing.services import licence_record_expiry
from sentra_portal.errors import InvalidTransition

logger = logging.getLogger(__name__)

# 06:00 in the office's time zone. procrastinate reads cron expressions in UTC; WITA
# (Asia/Makassar) is UTC+8 all year, without daylight saving: 22:00 UTC the day before.
DAILY_CRON = "0 22 * * *"


def licences_expire(today: datetime.date | None = None) -> int:
    """Record the expiry of every issued licence whose valid-until date has passed.

    Each licence is its own transaction, so a crash midway keeps what was done; running it
    again, the same day or later, records only what is left. Returns how many it recorded.
    """
    today = today or office_today()
    recorded = 0
    for licence in Licence.objects.passed_expiry(today).order_by("pk").iterator():
        try:
            licence_record_expiry(actor=None, licence=licence, today=today)
        except InvalidTransition:
            continue  # changed meanwhile (recorded by a parallel run, revoked, renewed)
        recorded += 1
    logger.info("Recorded the expiry of %d licences (today is %s).", recorded, today)
    return recorded


def licensing_daily_run(today: datetime.date | None = None) -> tuple[int, int]:
    """The day's work: expiries recorded first, then reminders; how many of each."""
    today = today or office_today()
    return licences_expire(today), licence_reminders_send(today)


def office_date(timestamp: int) -> datetime.date:
    """The office's date (WITA) at a Unix timestamp."""
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return timezone.localdate(moment, timezone=timezone.get_default_timezone())


@app.periodic(cron=DAILY_CRON, periodic_id="daily")
@app.task(
    name="licensing.daily",
    # One at a time, and at most one waiting: a slow day never piles up behind itself.
    lock="licensing.daily",
    queueing_lock="licensing.daily",
    # A crash midway is retried (what was done is not done again), twice, 15 minutes apart.
    retry=procrastinate.RetryStrategy(max_attempts=2, wait=900),
)
def licensing_daily(timestamp: int) -> None:
    """The periodic task: the day's work for the date it was scheduled for."""
    licensing_daily_run(office_date(timestamp))
