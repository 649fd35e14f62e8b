"""The city summaries behind the province dashboard, counted by the worker.

`city_summaries_count` counts every city at once, with the dashboard's own figure functions
(so a figure means the same on the city dashboard, counted live, and on the province's), and
replaces the summaries in one transaction. The worker runs it every ten minutes; `load_demo`
and the scale generator run it once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from guidance.dashboards import coverage_figures, ikm_figures, sentra_figures
from guidance.models import CitySummary
from licensing.dates import office_today
from licensing.models import Licence
from registry.models import Ikm, Sentra
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region

# Every ten minutes: the province dashboard's registry figures are at most that old.
SUMMARY_CRON = "*/10 * * * *"


def city_summaries_count(today: datetime.date | None = None) -> int:
    """Count every city's registry figures and coverage; how many cities were counted."""
    today = today or office_today()
    counted_at = timezone.now()
    registry = ikm_figures(Ikm.objects.all(), by_city=True)
    sentras = sentra_figures(Sentra.objects.all(), by_city=True)
    covered = coverage_figures(Licence.objects.all(), today=today, by_city=True)
    summaries = [
        CitySummary(
            city_id=city,
            sentras=sentras.get(city, {}).get("sentras", 0),
            covered=covered.get(city, {}),
            counted_at=counted_at,
            **registry.get(city, {}),
        )
        for city in Region.objects.filter(level=RegionLevel.CITY).values_list("code", flat=True)
    ]
    with transaction.atomic():
        CitySummary.objects.all().delete()
        CitySummary.objects.bulk_create(summaries)
    return len(summaries)
