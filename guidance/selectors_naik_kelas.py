"""Naik kelas: the IKMs that went up a class or a market reach in a year.

The one place of the rule, read by the dashboards (`guidance.dashboards`), the yearly report
(`guidance.reports_activities`) and the list behind the dashboard figure
(`guidance.views_naik_kelas`): a yearly record rises when its class or market reach ranks
above those of the IKM's previous recorded year (a first record never rises; a gap year
compares with the last year recorded before it).
"""

from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import Case as SqlCase
from django.db.models import CharField, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from guidance.constants import CaseStatus
from guidance.models import ActivityParticipant, Case
from licensing.models import Licence
from registry.constants import INDUSTRY_CLASS_RANK, MARKET_REACH_RANK
from registry.models import Ikm, YearlySnapshot
from registry.selectors_records import TimelineYear, yearly_timeline
from sentra_portal.models import User


def _rank(field_name: str, ranks: dict[str, int]) -> SqlCase:
    return SqlCase(
        *[When(**{field_name: value}, then=Value(rank)) for value, rank in ranks.items()],
        output_field=IntegerField(),
    )


CLASS_RANK = _rank("industry_class", INDUSTRY_CLASS_RANK)
REACH_RANK = _rank("market_reach", MARKET_REACH_RANK)
CLASS_UP = Q(class_rank__gt=F("previous_class_rank"))
REACH_UP = Q(reach_rank__gt=F("previous_reach_rank"))


def yearly_records_with_rise(*, user: User, year: int):
    """The yearly records of `year` in the user's scope, with the ranks of their class and
    market reach and of those of the IKM's previous recorded year (NULL for a first record,
    which is never a rise): `CLASS_UP` and `REACH_UP` compare them, as
    `registry.selectors_records.yearly_timeline` marks a year that naik kelas. The previous
    year's class and reach themselves come as `previous_class` and `previous_reach`.

    Each previous value is a correlated subquery answered by the (ikm, year) unique index.
    """
    previous = YearlySnapshot.objects.filter(ikm=OuterRef("ikm"), year__lt=year).order_by("-year")
    return (
        YearlySnapshot.objects.visible_to(user)
        .filter(year=year)
        .annotate(
            class_rank=CLASS_RANK,
            reach_rank=REACH_RANK,
            previous_class_rank=Subquery(
                previous.annotate(rank=CLASS_RANK).values("rank")[:1], output_field=IntegerField()
            ),
            previous_reach_rank=Subquery(
                previous.annotate(rank=REACH_RANK).values("rank")[:1], output_field=IntegerField()
            ),
        )
    )


def naik_kelas(*, user: User, year: int):
    """The yearly records of `year` whose IKM went up a class or a market reach."""
    return yearly_records_with_rise(user=user, year=year).filter(CLASS_UP | REACH_UP)


def naik_kelas_list(*, user: User, year: int):
    """`naik_kelas` with what the list shows: the IKM, its sentra and village, and the
    previous year's class and reach (one query for a page, whatever its length)."""
    previous = YearlySnapshot.objects.filter(ikm=OuterRef("ikm"), year__lt=year).order_by("-year")
    return (
        naik_kelas(user=user, year=year)
        .annotate(
            previous_class=Subquery(
                previous.values("industry_class")[:1], output_field=CharField()
            ),
            previous_reach=Subquery(previous.values("market_reach")[:1], output_field=CharField()),
        )
        .select_related("ikm", "ikm__sentra", "ikm__kelurahan", "ikm__city")
    )


# Per IKM: the naik kelas story (the IKM page's guidance panel, `guidance.panels`)


@dataclass
class StoryYear:
    """One year of an IKM's story: its yearly record (if any, marked where it rose), the
    milestones reached, the cases closed and the activities taken part in that year."""

    year: int
    record: TimelineYear | None = None
    milestones: list[dict] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    participations: list[ActivityParticipant] = field(default_factory=list)


def ikm_story(*, ikm: Ikm, cases: list[Case], licences: list[Licence]) -> list[StoryYear]:
    """The IKM's years in order, joining its yearly data (`yearly_timeline`), its milestones
    (the first issued licence of each type: the NIB, each certificate, the e-Katalog listing),
    its cases closed done with their outcome, and the activities it took part in (attendance
    not marked absent). `cases` and `licences` are the IKM's cases and licences the user may
    see, as the IKM page's panels have read them (`selectors.ikm_cases`,
    `licensing.selectors.ikm_licences_shown`). One query, whatever the number of records."""
    years: dict[int, StoryYear] = {}

    def year_of(year: int) -> StoryYear:
        return years.setdefault(year, StoryYear(year))

    for record in yearly_timeline(ikm=ikm):
        year_of(record.snapshot.year).record = record
    firsts: dict[str, Licence] = {}
    for licence in licences:
        first = firsts.get(licence.licence_type_id)
        if licence.issued_on and (first is None or licence.issued_on < first.issued_on):
            firsts[licence.licence_type_id] = licence
    for first in sorted(firsts.values(), key=attrgetter("issued_on", "licence_type_id")):
        year_of(first.issued_on.year).milestones.append(
            {
                "code": first.licence_type_id,
                "name": first.licence_type.name,
                "category": first.licence_type.category,
                "on": first.issued_on,
            }
        )
    closed = [case for case in cases if case.status == CaseStatus.DONE and case.closed_at]
    for case in sorted(closed, key=attrgetter("closed_at", "pk")):
        year_of(timezone.localdate(case.closed_at).year).cases.append(case)
    participations = (
        ActivityParticipant.objects.filter(ikm=ikm)
        .exclude(attended=False)
        .select_related("activity")
        .only("activity__kind", "activity__title", "activity__starts_on")
        .order_by("activity__starts_on", "pk")
    )
    for participation in participations:
        year_of(participation.activity.starts_on.year).participations.append(participation)
    return [years[year] for year in sorted(years)]
