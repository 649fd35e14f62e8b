"""The figures of the city and province dashboards, counted in the database.

Each figure group is one aggregate query over the user's scope (`visible_to`): the city
dashboard reads totals, the province dashboard the same figures grouped by city (one query per
group whatever the number of cities or rows), and adds them up for the province total. The
province's registry figures and licence coverage, the heaviest, come from the city summaries
the worker counts with these same functions (`guidance.summaries`). Nothing
here loops over records: Python only arranges the few result rows (per city, per licence type,
per officer) for the page.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from guidance import selectors
from guidance.models import Activity, Case, CitySummary
from guidance.selectors_naik_kelas import (  # noqa: F401 (naik_kelas: read from here too)
    CLASS_UP,
    REACH_UP,
    naik_kelas,
    yearly_records_with_rise,
)
from licensing.constants import ExpiryWindow, LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence, LicenceType
from registry.models import Ikm, Sentra
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region, User

EXPIRY_WINDOWS = [int(days) for days in ExpiryWindow.values]  # 30, 60, 90
# The previous year's class and reach in one number: class rank × 10 + reach rank.
RANK_BASE = 10


@dataclass
class Figures:
    """The headline figures of one area (a city, or the province as a whole)."""

    sentras: int = 0
    ikms: int = 0
    workers_male: int = 0
    workers_female: int = 0
    investment: int = 0
    # Licence type code -> IKMs holding a valid (issued, not past its date) licence of it.
    covered: dict[str, int] = field(default_factory=dict)
    # Days (30, 60, 90) -> licences issued, valid today, whose validity ends within them.
    expiring: dict[int, int] = field(default_factory=dict)
    open_cases: int = 0
    overdue_cases: int = 0
    naik_kelas: int = 0
    class_up: int = 0
    reach_up: int = 0
    # Activities visible to the user starting in the dashboard's year.
    activities: int = 0

    @property
    def workers(self) -> int:
        return self.workers_male + self.workers_female

    @property
    def expiring_counts(self) -> list[tuple[int, int]]:
        """(days, licences) for 30, 60 and 90 days, in that order."""
        return [(days, self.expiring.get(days, 0)) for days in EXPIRY_WINDOWS]

    def add(self, other: "Figures") -> None:
        for name in (
            "sentras",
            "ikms",
            "workers_male",
            "workers_female",
            "investment",
            "open_cases",
            "overdue_cases",
            "naik_kelas",
            "class_up",
            "reach_up",
            "activities",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, count in other.covered.items():
            self.covered[code] = self.covered.get(code, 0) + count
        for days, count in other.expiring.items():
            self.expiring[days] = self.expiring.get(days, 0) + count


@dataclass(frozen=True)
class Coverage:
    licence_type: LicenceType
    ikms: int  # IKMs holding a valid licence of the type
    of: int  # all IKMs of the area

    @property
    def percent(self) -> float:
        return 100 * self.ikms / self.of if self.of else 0.0


def coverage_rows(figures: Figures, licence_types: Iterable[LicenceType]) -> list[Coverage]:
    return [
        Coverage(kind, figures.covered.get(kind.code, 0), figures.ikms) for kind in licence_types
    ]


@dataclass
class CityDashboard:
    figures: Figures
    licence_types: list[LicenceType]
    officer_load: list[selectors.OfficerLoad]
    year: int
    today: datetime.date

    @property
    def coverage(self) -> list[Coverage]:
        return coverage_rows(self.figures, self.licence_types)


@dataclass
class CityColumn:
    """One city on the province dashboard."""

    city: Region
    figures: Figures
    coverage: list[Coverage]


@dataclass
class ProvinceDashboard:
    cities: list[CityColumn]
    total: Figures
    licence_types: list[LicenceType]
    year: int
    today: datetime.date
    # When the registry figures and coverage were counted; None until every city's were.
    counted_at: datetime.datetime | None

    @property
    def coverage(self) -> list[Coverage]:
        return coverage_rows(self.total, self.licence_types)


# The figure groups. With `by_city`, each answers {city code: {figure: value}}; without, the
# totals of the user's scope as {figure: value}.


def _grouped(queryset, city_field: str, by_city: bool, **aggregates):
    if not by_city:
        return queryset.aggregate(**aggregates)
    rows = queryset.order_by().values(city_field).annotate(**aggregates)
    return {row.pop(city_field): row for row in rows}


def sentra_figures(sentras, *, by_city: bool = False):
    return _grouped(sentras, "city", by_city, sentras=Count("pk"))


def ikm_figures(ikms, *, by_city: bool = False):
    """IKMs, workers (men, women) and investment (whole rupiah) of every IKM of `ikms`."""
    return _grouped(
        ikms,
        "city",
        by_city,
        ikms=Count("pk"),
        workers_male=Coalesce(Sum("workers_male"), 0),
        workers_female=Coalesce(Sum("workers_female"), 0),
        investment=Coalesce(Sum("investment"), 0),
    )


def coverage_figures(licences, *, today: datetime.date, by_city: bool = False):
    """Per licence type (and city), the IKMs holding one of `licences` of it valid on `today`
    (issued and not past its valid-until date, as the licence list's status filter reads it)."""
    groups = ["city", "licence_type"] if by_city else ["licence_type"]
    rows = (
        licences.in_effective_status(LicenceStatus.ISSUED, today)
        .order_by()
        .values(*groups)
        .annotate(ikms=Count("ikm", distinct=True))
    )
    if not by_city:
        return {row["licence_type"]: row["ikms"] for row in rows}
    covered: dict[str, dict[str, int]] = {}
    for row in rows:
        covered.setdefault(row["city"], {})[row["licence_type"]] = row["ikms"]
    return covered


def expiring_figures(*, user: User, today: datetime.date, by_city: bool = False):
    """Licences issued and valid today whose validity ends within 30, 60 and 90 days: their
    dates counted (not their ids), which the (status, valid until) index that holds the city
    answers alone."""
    longest = max(EXPIRY_WINDOWS)
    windows = {
        f"within_{days}": Count(
            "valid_until", filter=Q(valid_until__lte=today + datetime.timedelta(days=days))
        )
        for days in EXPIRY_WINDOWS
    }
    return _grouped(
        Licence.objects.visible_to(user).expiring_within(longest, today),
        "city",
        by_city,
        **windows,
    )


def case_figures(*, user: User, today: datetime.date, by_city: bool = False):
    """Open cases, and how many of them are overdue (`CaseQuerySet.with_overdue`)."""
    return _grouped(
        Case.objects.visible_to(user).open().with_overdue(today),
        "city",
        by_city,
        open_cases=Count("pk"),
        overdue_cases=Count("pk", filter=Q(is_overdue=True)),
    )


def activity_figures(*, user: User, year: int, by_city: bool = False):
    """Activities visible to the user that start in `year` (as the activity list's year
    filter reads it). By city: per organising city office; the province office's own
    activities come under None."""
    return _grouped(
        Activity.objects.visible_to(user).filter(
            starts_on__gte=datetime.date(year, 1, 1), starts_on__lte=datetime.date(year, 12, 31)
        ),
        "city_office__region",
        by_city,
        activities=Count("pk"),
    )


def naik_kelas_figures(*, user: User, year: int, by_city: bool = False):
    """IKMs that naik kelas in `year` (`naik_kelas`), and of them those up a class
    (`class_up`) and those up a market reach (`reach_up`; an IKM may be both)."""
    return _grouped(
        naik_kelas(user=user, year=year),
        "ikm__city",
        by_city,
        naik_kelas=Count("pk"),
        class_up=Count("pk", filter=CLASS_UP),
        reach_up=Count("pk", filter=REACH_UP),
    )


# The dashboards


def _figures(
    registry: dict,
    cases: dict,
    expiring: dict,
    rise: dict,
    sentras: dict,
    covered,
    activities: dict,
):
    return Figures(
        sentras=sentras.get("sentras") or 0,
        ikms=registry.get("ikms") or 0,
        workers_male=registry.get("workers_male") or 0,
        workers_female=registry.get("workers_female") or 0,
        investment=registry.get("investment") or 0,
        covered=dict(covered),
        expiring={days: expiring.get(f"within_{days}") or 0 for days in EXPIRY_WINDOWS},
        open_cases=cases.get("open_cases") or 0,
        overdue_cases=cases.get("overdue_cases") or 0,
        naik_kelas=rise.get("naik_kelas") or 0,
        class_up=rise.get("class_up") or 0,
        reach_up=rise.get("reach_up") or 0,
        activities=activities.get("activities") or 0,
    )


def licence_types() -> list[LicenceType]:
    return list(LicenceType.objects.order_by("sort_order", "code"))


def city_dashboard(*, user: User, today: datetime.date | None = None) -> CityDashboard:
    """The figures of the city staff's own city (a constant number of queries)."""
    today = today or office_today()
    year = today.year
    figures = _figures(
        registry=ikm_figures(Ikm.objects.visible_to(user)),
        cases=case_figures(user=user, today=today),
        expiring=expiring_figures(user=user, today=today),
        rise=naik_kelas_figures(user=user, year=year),
        sentras=sentra_figures(Sentra.objects.visible_to(user)),
        covered=coverage_figures(Licence.objects.visible_to(user), today=today),
        activities=activity_figures(user=user, year=year),
    )
    return CityDashboard(
        figures=figures,
        licence_types=licence_types(),
        officer_load=selectors.officer_load(user=user, today=today),
        year=year,
        today=today,
    )


def province_cities(*, user: User):
    """The cities and regencies of the provincial officer's province, in code order."""
    return Region.objects.filter(
        level=RegionLevel.CITY, code__startswith=f"{user.organisation.region_id}."
    ).order_by("code")


def province_dashboard(*, user: User, today: datetime.date | None = None) -> ProvinceDashboard:
    """The same figures for every city of the province (one query per figure group), and
    their sum for the province. The registry figures and licence coverage come from the
    worker's city summaries (`guidance.summaries`); the rest is counted now."""
    today = today or office_today()
    year = today.year
    cases = case_figures(user=user, today=today, by_city=True)
    expiring = expiring_figures(user=user, today=today, by_city=True)
    rise = naik_kelas_figures(user=user, year=year, by_city=True)
    activities = activity_figures(user=user, year=year, by_city=True)
    cities = list(province_cities(user=user))
    summaries = CitySummary.objects.in_bulk([city.code for city in cities])
    types = licence_types()
    total = Figures()
    columns = []
    for city in cities:
        summary = summaries.get(city.code)
        figures = _figures(
            registry=summary.registry_figures if summary else {},
            cases=cases.get(city.code, {}),
            expiring=expiring.get(city.code, {}),
            rise=rise.get(city.code, {}),
            sentras={"sentras": summary.sentras} if summary else {},
            covered=summary.covered if summary else {},
            activities=activities.get(city.code, {}),
        )
        total.add(figures)
        columns.append(CityColumn(city, figures, coverage_rows(figures, types)))
    # Every activity once, the province office's own (no city) included.
    total.activities = sum(row["activities"] for row in activities.values())
    counted = [summary.counted_at for summary in summaries.values()]
    return ProvinceDashboard(
        cities=columns,
        total=total,
        licence_types=types,
        year=year,
        today=today,
        counted_at=min(counted) if len(counted) == len(cities) else None,
    )
