"""The yearly report of an office for its performance report (LKjIP): its activities by kind
and budget source, their participants, the IKMs reached, the certificates obtained, the cases
closed and the IKMs that went up a class. Aggregated in the database: five queries.

An office's activities are those it organised or co-organised (a city office: its city and
joint activities; a province office: its province and joint activities), counted in the year
they started. An IKM is reached when it took part in one of them and was not marked absent,
counted once however many activities it joined. A certificate is a licence record linked to a
participant of those activities, counted once. Cases closed are those done (succeeded or not)
in the year, in the office's jurisdiction; IKMs that went up a class or a market reach are
read from the yearly data, as on the dashboards.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from guidance.constants import ActivityKind, BudgetSource, CaseOutcome, CaseStatus
from guidance.dashboards import naik_kelas
from guidance.models import Activity, ActivityParticipant, Case
from licensing.models import Licence
from sentra_portal.models import User


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    counts: list[int]  # per budget source, in `BudgetSource` order
    total: int


@dataclass(frozen=True)
class YearlyReport:
    year: int
    budget_sources: list[tuple[str, str]]
    kinds: list[KindRow]
    totals: list[int]  # per budget source
    activities: int
    participants: int
    attended: int
    ikms_reached: int
    certificates: int
    cases_closed: int
    cases_succeeded: int
    naik_kelas: int


def office_activities(*, user: User, year: int):
    """The activities the user's office organised or co-organised that started in `year`."""
    office = user.organisation_id
    return Activity.objects.filter(
        Q(city_office=office) | Q(province_office=office),
        starts_on__gte=datetime.date(year, 1, 1),
        starts_on__lte=datetime.date(year, 12, 31),
    )


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def yearly_report(*, user: User, year: int) -> YearlyReport:
    activities = office_activities(user=user, year=year)
    counts = {
        (row["kind"], row["budget_source"]): row["n"]
        for row in activities.order_by().values("kind", "budget_source").annotate(n=Count("pk"))
    }
    sources = list(BudgetSource.choices)
    kinds = []
    for kind, label in ActivityKind.choices:
        row = [counts.get((kind, source), 0) for source, _label in sources]
        kinds.append(KindRow(kind, str(label), row, sum(row)))
    totals = [sum(row.counts[index] for row in kinds) for index in range(len(sources))]

    participants = ActivityParticipant.objects.filter(activity__in=activities).aggregate(
        participant_count=Count("pk"),
        attended_count=Count("pk", filter=Q(attended=True)),
        reached_count=Count("ikm", distinct=True, filter=~Q(attended=False)),
    )
    certificates = (
        Licence.objects.filter(activity_participations__activity__in=activities)
        .values("pk")
        .distinct()
        .count()
    )
    start, end = _year_bounds(year)
    cases = (
        Case.objects.visible_to(user)
        .filter(status=CaseStatus.DONE, closed_at__gte=start, closed_at__lt=end)
        .aggregate(
            closed=Count("pk"), succeeded=Count("pk", filter=Q(outcome=CaseOutcome.SUCCEEDED))
        )
    )
    return YearlyReport(
        year=year,
        budget_sources=[(value, str(label)) for value, label in sources],
        kinds=kinds,
        totals=totals,
        activities=sum(totals),
        participants=participants["participant_count"],
        attended=participants["attended_count"],
        ikms_reached=participants["reached_count"],
        certificates=certificates,
        cases_closed=cases["closed"],
        cases_succeeded=cases["succeeded"],
        naik_kelas=naik_kelas(user=user, year=year).count(),
    )


def report_table(report: YearlyReport) -> tuple[list[str], list[list]]:
    """The report as one spreadsheet table: activities per kind and budget source with their
    totals, then each figure on a row of its own (label, value)."""
    headers = [
        gettext("Activity kind"),
        *(label for _value, label in report.budget_sources),
        gettext("Total"),
    ]
    rows: list[list] = [[row.label, *row.counts, row.total] for row in report.kinds]
    rows.append([gettext("Total"), *report.totals, report.activities])
    rows.append([])
    rows += [
        [gettext("Participants"), report.participants],
        [gettext("Participants who attended"), report.attended],
        [gettext("IKMs reached"), report.ikms_reached],
        [gettext("Certificates obtained"), report.certificates],
        [gettext("Guidance cases closed"), report.cases_closed],
        [gettext("of which succeeded"), report.cases_succeeded],
        [gettext("IKMs that went up a class or market reach"), report.naik_kelas],
    ]
    width = len(headers)  # every row as wide as the table, blank cells at its end
    return headers, [row + [""] * (width - len(row)) for row in rows]
