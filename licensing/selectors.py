"""Reads of licences, always scoped to the user and with expiry derived from the dates.

Every licence queryset here is annotated with `effective_status` (see
`LicenceQuerySet.with_effective_status`), so a licence past its valid-until date shows as
expired in lists, filters and counts before the daily job records it.
"""

import datetime

from django.db.models import Count

from licensing.dates import office_today
from licensing.models import (
    Licence,
    LicenceDocument,
    LicenceStatusChange,
    P3dnParticipation,
)
from registry.models import Ikm
from sentra_portal.models import User
from sentra_portal.scoping import get_visible_or_404

LIST_RELATED = ["ikm", "ikm__city", "ikm__kelurahan", "ikm__sentra", "product", "licence_type"]


def licence_list(*, user: User, today: datetime.date | None = None):
    return (
        Licence.objects.visible_to(user)
        .with_effective_status(today)
        .select_related(*LIST_RELATED)
        .order_by("ikm__name", "licence_type__sort_order", "pk")
    )


def licence_detail(*, user: User, pk, today: datetime.date | None = None) -> Licence:
    queryset = (
        Licence.objects.with_effective_status(today)
        .select_related(*LIST_RELATED, "renews", "distribution_permit__licence_type")
        .prefetch_related("renewals")
    )
    return get_visible_or_404(queryset, user, pk=pk)


def licences_expiring(*, user: User, within_days: int, today: datetime.date | None = None):
    """Licences still valid today that expire within `within_days` days, soonest first."""
    today = today or office_today()
    return (
        Licence.objects.visible_to(user)
        .with_effective_status(today)
        .expiring_within(within_days, today)
        .select_related(*LIST_RELATED)
        .order_by("valid_until", "pk")
    )


def licence_counts_by_status(*, user: User, today: datetime.date | None = None) -> dict[str, int]:
    """How many licences the user may see, per effective status."""
    rows = (
        Licence.objects.visible_to(user)
        .with_effective_status(today)
        .order_by()
        .values("effective_status")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["effective_status"]: row["count"] for row in rows}


def licence_status_changes(*, licence: Licence):
    """The status timeline of a licence the caller has already fetched through its scope."""
    return LicenceStatusChange.objects.filter(licence=licence).select_related("changed_by")


def licence_documents(*, licence: Licence):
    """The documents of a licence the caller has already fetched through its scope."""
    return LicenceDocument.objects.filter(licence=licence).select_related("uploaded_by")


def licence_document(*, user: User, licence_pk, pk) -> LicenceDocument:
    """A document, if the user may see its licence; 404 alike for missing and not theirs."""
    licence = get_visible_or_404(Licence, user, pk=licence_pk)
    return get_visible_or_404(LicenceDocument.objects.filter(licence=licence), user, pk=pk)


def p3dn_participations(*, user: User, ikm: Ikm):
    return P3dnParticipation.objects.visible_to(user).filter(ikm=ikm).order_by("-date", "-pk")
