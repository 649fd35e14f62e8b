"""Reads of guidance cases and of the pages that join every app (the home pages), scoped."""

import datetime
from dataclasses import dataclass

from django.db.models import Case as SqlCase
from django.db.models import Count, IntegerField, Prefetch, Q, Value, When

from guidance.constants import DEFAULT_OVERDUE_DAYS, OPEN_CASE_STATUSES, CaseGoal
from guidance.models import Case, CaseDocument, CaseEntry, OverdueRule
from guidance.permissions import ASSIGNABLE_ROLES
from licensing.constants import LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence
from licensing.selectors import STANDING_COLUMNS, with_renewal_state
from registry import selectors_records as registry_selectors
from registry.models import Ikm
from registry.selectors import ikm_places
from sentra_portal.constants import OrganisationKind
from sentra_portal.models import Organisation, User
from sentra_portal.scoping import get_visible_or_404

HIDDEN_STATUSES = [LicenceStatus.WITHDRAWN]


# What an IKM's pages show of a case: the IKM page's guidance panel and naik kelas story, the
# owner's home.
IKM_CASE_COLUMNS = ("ikm", "goal", "status", "outcome", "created_at", "closed_at")


def owner_home(*, user: User, today: datetime.date | None = None):
    """An owner's businesses, each with its current licences and its open cases."""
    licences = (
        with_renewal_state(
            Licence.objects.visible_to(user)
            .with_effective_status(today or office_today())
            .exclude(status__in=HIDDEN_STATUSES)
        )
        .filter(replaced=False)
        .select_related("licence_type", "product")
        .only(*STANDING_COLUMNS)
        .order_by("licence_type__sort_order", "product__name", "pk")
    )
    cases = (
        Case.objects.filter(status__in=OPEN_CASE_STATUSES)
        .select_related("licence_type", "assigned_to")
        .only(*IKM_CASE_COLUMNS, "licence_type__name", *User.name_columns("assigned_to"))
        .order_by("-created_at", "-pk")
    )
    return registry_selectors.owner_ikms(user=user).prefetch_related(
        Prefetch("licences", queryset=licences, to_attr="current_licences"),
        Prefetch("cases", queryset=cases, to_attr="open_cases"),
    )


def open_case_count(*, user: User) -> int:
    return Case.objects.visible_to(user).filter(status__in=OPEN_CASE_STATUSES).count()


def case_queue(*, user: User, today: datetime.date | None = None):
    """Every case the user may see, with `is_overdue` and the limit it is measured against
    (see `CaseQuerySet.with_overdue`); `guidance.filters.CaseQueueFilter` picks the queue.

    Only the columns the queue shows; the IKMs' places are read for the page's rows
    afterwards (planning a six-table join cost PostgreSQL more than running it)."""
    return (
        Case.objects.visible_to(user)
        .with_overdue(today)
        .select_related("ikm", "licence_type", "assigned_to")
        .only(
            "created_at",
            "closed_at",
            "status",
            "outcome",
            "goal",
            "licence_type__name",
            "assigned_to__username",
            "assigned_to__first_name",
            "assigned_to__last_name",
            "ikm__name",
            "ikm__city",
            "ikm__kelurahan",
        )
        .prefetch_related(*ikm_places())
    )


@dataclass(frozen=True)
class OfficerLoad:
    officer: User | None  # None: the cases no one is assigned yet
    open: int
    overdue: int


def officer_load(*, user: User, today: datetime.date | None = None) -> list[OfficerLoad]:
    """Per officer and supervisor of the user's office (also those with nothing to do), the
    open cases assigned to them and how many are overdue; then the unassigned ones.

    Two queries: the office's people, and the open cases counted per officer in SQL.
    """
    officers = list(
        User.objects.filter(
            organisation=user.organisation_id, role__in=sorted(ASSIGNABLE_ROLES), is_active=True
        ).order_by("first_name", "last_name", "username")
    )
    counts = {
        row["assigned_to"]: row
        for row in Case.objects.visible_to(user)
        .open()
        .with_overdue(today)
        .order_by()
        .values("assigned_to")
        .annotate(open_count=Count("pk"), overdue_count=Count("pk", filter=Q(is_overdue=True)))
    }
    # Someone no longer in the office (moved, deactivated) may still hold open cases.
    known = {officer.pk for officer in officers}
    missing = set(counts) - known - {None}
    if missing:
        officers += list(User.objects.filter(pk__in=missing).order_by("first_name", "username"))
    rows = []
    for officer in [*officers, None]:
        row = counts.get(officer.pk if officer else None, {})
        rows.append(OfficerLoad(officer, row.get("open_count", 0), row.get("overdue_count", 0)))
    return rows


def case_detail(*, user: User, pk) -> Case:
    """A case with its IKM, people and linked licence records (their status as of today)."""
    licences = (
        Licence.objects.with_effective_status()
        .select_related("licence_type", "product")
        .only("number", "status", "valid_until", "licence_type__name", "product__name")
        .order_by("licence_type__sort_order", "pk")
    )
    case_columns = [field.name for field in Case._meta.concrete_fields]
    queryset = (
        Case.objects.with_overdue()
        .select_related("ikm", "licence_type", "assigned_to", "requested_by")
        .only(
            *case_columns,
            "ikm__name",
            "ikm__city",
            "licence_type__name",
            *User.name_columns("assigned_to", "requested_by"),
        )
        .prefetch_related(Prefetch("licences", queryset=licences))
    )
    return get_visible_or_404(queryset, user, pk=pk)


# What the case timeline shows of an entry's people, document and licence.
ENTRY_PEOPLE = ("author", "officer", "previous_officer")
ENTRY_RELATED_COLUMNS = (
    *User.name_columns(*ENTRY_PEOPLE),
    "document__case",
    "document__original_name",
    "licence__number",
    "licence__licence_type__name",
)


def case_entries(*, case: Case):
    """The timeline of a case the caller has already fetched through its scope: every column
    of its entries, and of their people, document and licence only what the timeline shows
    (their whole rows made the query of a two-entry timeline cost more than the rest of the
    case page's statements)."""
    entry_columns = [field.name for field in CaseEntry._meta.concrete_fields]
    return (
        CaseEntry.objects.filter(case=case)
        .select_related(*ENTRY_PEOPLE, "document", "licence__licence_type")
        .only(*entry_columns, *ENTRY_RELATED_COLUMNS)
    )


def case_document(*, user: User, case_pk, pk) -> CaseDocument:
    """A document, if the user may see its case; 404 alike for missing and not theirs."""
    case = get_visible_or_404(Case, user, pk=case_pk)
    return get_visible_or_404(CaseDocument.objects.filter(case=case), user, pk=pk)


def assignable_officers(*, case: Case):
    """The officers and supervisors of the city office of the case's IKM."""
    return User.objects.filter(
        is_active=True,
        role__in=sorted(ASSIGNABLE_ROLES),
        organisation__kind=OrganisationKind.CITY_OFFICE,
        organisation__region=case.ikm.city_id,
    ).order_by("first_name", "last_name", "username")


def linkable_licences(*, case: Case):
    """The licence records of the case's IKM not linked to the case yet, with what a choice
    shows of them (`guidance.forms.LicenceChoiceField`)."""
    return (
        Licence.objects.filter(ikm=case.ikm_id)
        .exclude(facilitating_cases=case)
        .select_related("licence_type", "product")
        .only("number", "status", "licence_type__name", "product__name")
        .order_by("licence_type__sort_order", "pk")
    )


def ikm_cases(*, user: User, ikm: Ikm):
    """The cases of an IKM the user may see, open ones first, then newest first, with what
    the IKM page shows of them."""
    return (
        Case.objects.visible_to(user)
        .filter(ikm=ikm)
        .alias(
            closed=SqlCase(
                When(status__in=sorted(OPEN_CASE_STATUSES), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("licence_type", "assigned_to")
        .only(*IKM_CASE_COLUMNS, "licence_type__name", *User.name_columns("assigned_to"))
        .order_by("closed", "-created_at", "-pk")
    )


def overdue_days_by_goal(*, organisation: Organisation) -> dict[str, int]:
    """The days after which an open case of each goal is overdue at `organisation`."""
    rules = dict(OverdueRule.objects.filter(organisation=organisation).values_list("goal", "days"))
    return {goal: rules.get(goal, DEFAULT_OVERDUE_DAYS) for goal in CaseGoal.values}
