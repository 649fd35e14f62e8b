"""Reads of guidance cases and of the pages that join every app (the home pages), scoped."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch

from guidance.constants import OPEN_CASE_STATUSES
from guidance.models import Case, CaseEntry
from licensing.constants import LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence
from registry import selectors_records as registry_selectors
from sentra_portal.models import User
from sentra_portal.scoping import get_visible_or_404

LIVE_RENEWAL_STATUSES = [LicenceStatus.PLANNED, LicenceStatus.APPLIED]
# A licence whose renewal has been granted is history: its renewal speaks for it.
GRANTED_RENEWAL_STATUSES = [LicenceStatus.ISSUED, LicenceStatus.EXPIRED, LicenceStatus.REVOKED]
HIDDEN_STATUSES = [LicenceStatus.WITHDRAWN]


def owner_home(*, user: User, today: datetime.date | None = None):
    """An owner's businesses, each with its current licences and its open cases."""
    renewals = Licence.objects.filter(renews=OuterRef("pk"))
    licences = (
        Licence.objects.visible_to(user)
        .with_effective_status(today or office_today())
        .exclude(status__in=HIDDEN_STATUSES)
        .alias(replaced=Exists(renewals.filter(status__in=GRANTED_RENEWAL_STATUSES)))
        .filter(replaced=False)
        .annotate(renewal_under_way=Exists(renewals.filter(status__in=LIVE_RENEWAL_STATUSES)))
        .select_related("licence_type", "product")
        .order_by("licence_type__sort_order", "product__name", "pk")
    )
    cases = (
        Case.objects.filter(status__in=OPEN_CASE_STATUSES)
        .select_related("licence_type", "assigned_to")
        .order_by("-created_at", "-pk")
    )
    return registry_selectors.owner_ikms(user=user).prefetch_related(
        Prefetch("licences", queryset=licences, to_attr="current_licences"),
        Prefetch("cases", queryset=cases, to_attr="open_cases"),
    )


def open_cases(*, user: User):
    """The open cases the user may see; the list orders them."""
    return (
        Case.objects.visible_to(user)
        .filter(status__in=OPEN_CASE_STATUSES)
        .select_related("ikm", "ikm__kelurahan", "licence_type", "assigned_to")
    )


def open_case_count(*, user: User) -> int:
    return Case.objects.visible_to(user).filter(status__in=OPEN_CASE_STATUSES).count()


def case_detail(*, user: User, pk) -> Case:
    queryset = Case.objects.select_related(
        "ikm", "ikm__city", "ikm__kelurahan", "licence_type", "assigned_to", "requested_by"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def case_entries(*, case: Case):
    """The timeline of a case the caller has already fetched through its scope."""
    return CaseEntry.objects.filter(case=case).select_related("author")
