"""Reads of licences, always scoped to the user and with expiry derived from the dates.

Every licence queryset here is annotated with `effective_status` (see
`LicenceQuerySet.with_effective_status`), so a licence past its valid-until date shows as
expired in lists, filters and counts before the daily job records it.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch

from licensing.constants import GRANTED_STATUSES, LicenceStatus
from licensing.dates import office_today
from licensing.models import (
    Licence,
    LicenceDocument,
    LicenceStatusChange,
    P3dnParticipation,
)
from registry.models import Ikm, Product, Sentra
from registry.selectors import ikm_places
from sentra_portal.models import User
from sentra_portal.scoping import get_visible_or_404

LIST_RELATED = ["ikm", "ikm__city", "ikm__kelurahan", "ikm__sentra", "product", "licence_type"]


def licence_list(*, user: User, today: datetime.date | None = None):
    """The licence list's rows (and its export's): only the columns the list shows.

    The IKM and type (which the list sorts by) are joined; the places, sentra and product
    are read for the page's 25 rows afterwards: planning a seven-table join cost PostgreSQL
    10-25 ms a request, more than running it."""
    return (
        Licence.objects.visible_to(user)
        .with_effective_status(today)
        .select_related("ikm", "licence_type")
        .only(
            "number",
            "status",
            "valid_until",
            "product",
            "licence_type__name",
            "ikm__name",
            "ikm__city",
            "ikm__kelurahan",
            "ikm__sentra",
        )
        .prefetch_related(
            *ikm_places(),
            Prefetch("ikm__sentra", Sentra.objects.only("name")),
            Prefetch("product", Product.objects.only("name")),
        )
        .order_by("ikm__name", "licence_type__sort_order", "pk")
    )


def licence_detail(*, user: User, pk, today: datetime.date | None = None) -> Licence:
    queryset = (
        Licence.objects.with_effective_status(today)
        .select_related("ikm", "licence_type", "product")
        # Read one by one rather than joined: planning a nine-table join took PostgreSQL
        # longer (7 ms) than these lookups by key.
        .prefetch_related(
            "ikm__city",
            "ikm__kelurahan",
            "ikm__sentra",
            "renews",
            "distribution_permit__licence_type",
            "renewals",
        )
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


# The licences of one IKM or of a sentra's members: the licence panel of the IKM page, the
# sentra coverage matrix and the e-Katalog readiness check.

# A renewal in these statuses is under way: the licence it renews still speaks for itself.
RENEWAL_UNDER_WAY_STATUSES = [LicenceStatus.PLANNED, LicenceStatus.APPLIED]
# A licence whose renewal has been granted is history: the renewal speaks for it.
RENEWAL_GRANTED_STATUSES = sorted(GRANTED_STATUSES)


def with_renewal_state(queryset):
    """Annotate `renewal_under_way` and `replaced` (a renewal has been granted), in SQL."""
    renewals = Licence.objects.filter(renews=OuterRef("pk"))
    return queryset.annotate(
        renewal_under_way=Exists(renewals.filter(status__in=RENEWAL_UNDER_WAY_STATUSES)),
        replaced=Exists(renewals.filter(status__in=RENEWAL_GRANTED_STATUSES)),
    )


# What a licence's standing (`licensing.standing`) is judged by and shown with, with its
# type and product: the owner's home.
STANDING_COLUMNS = (
    "ikm",
    "number",
    "status",
    "applied_on",
    "issued_on",
    "valid_until",
    "djki_stage",
    "licence_type__name",
    "licence_type__category",
    "licence_type__validity_basis",
    "product__name",
)
# What the IKM page's licence panel and the e-Katalog readiness show and judge a licence by.
IKM_PANEL_COLUMNS = (
    *STANDING_COLUMNS,
    "tkdn_percent",
    "bmp_percent",
    "catalogue_kind",
    "listing_id",
    "renews__number",
    "renews__valid_until",
)


def ikm_licences(*, user: User, ikm: Ikm, today: datetime.date | None = None):
    """Every licence of `ikm` the user may see, by type order, then product: only the columns
    of `IKM_PANEL_COLUMNS` (a licence row with its type, product and renewed licence is 85)."""
    return (
        with_renewal_state(
            Licence.objects.visible_to(user).filter(ikm=ikm).with_effective_status(today)
        )
        .select_related("licence_type", "product", "renews")
        .only(*IKM_PANEL_COLUMNS)
        .order_by("licence_type__sort_order", "product__name", "product_id", "-pk")
    )


def ikm_licences_shown(*, user: User, ikm: Ikm, today: datetime.date) -> list[Licence]:
    """`ikm_licences` as a list, read once for the IKM page however many of its panels show
    them (the licence panel, the guidance panel's naik kelas story): kept on `ikm`, which
    lives as long as the request."""
    key = (user.pk, today)
    kept = getattr(ikm, "_licences_shown", None)
    if kept is None or kept[0] != key:
        kept = ikm._licences_shown = (key, list(ikm_licences(user=user, ikm=ikm, today=today)))
    return kept[1]


def sentra_member_licences(*, user: User, ikm_ids: list[int], today: datetime.date | None = None):
    """The licences of the given IKMs (a sentra's members) that the user may see."""
    return (
        with_renewal_state(
            Licence.objects.visible_to(user).filter(ikm_id__in=ikm_ids).with_effective_status(today)
        )
        .select_related("licence_type")
        .order_by("ikm_id", "licence_type__sort_order", "pk")
    )


def ikm_for_readiness(*, user: User, pk) -> Ikm:
    """An IKM with its KBLI codes and its products (with theirs), if the user may see it."""
    queryset = Ikm.objects.select_related("primary_kbli").prefetch_related(
        "other_kbli",
        Prefetch("products", queryset=Product.objects.select_related("kbli").order_by("name")),
    )
    return get_visible_or_404(queryset, user, pk=pk)
