"""Reads behind the record pages: a sentra with its members, an IKM with its products,
yearly data and owners' proposals, and the queue of proposals. Always scoped to the user."""

from dataclasses import dataclass
from operator import attrgetter

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from registry.constants import (
    INDUSTRY_CLASS_RANK,
    KALIMANTAN_PROVINCES,
    MARKET_REACH_RANK,
    SENTRA_MIN_MEMBERS,
    SENTRA_MIN_MEMBERS_DAK_KALIMANTAN,
    ProposalKind,
    ProposalStatus,
)
from registry.models import ChangeProposal, Ikm, Kbli, Product, Sentra, YearlySnapshot
from sentra_portal.models import Region, User
from sentra_portal.scoping import get_editable_or_404, get_visible_or_404, may_edit

# An owner's page lists their IKM's latest proposals, whatever their status.
OWNER_PROPOSALS_SHOWN = 20
# What the IKM page shows of a proposal.
PROPOSAL_COLUMNS = (
    "ikm",
    "kind",
    "product",
    "status",
    "proposed_by",
    "decision_note",
    "created_at",
)


def can_view(user, record) -> bool:
    """Whether `user` may see `record`: the scope decides, as everywhere."""
    return type(record).objects.visible_to(user).filter(pk=record.pk).exists()


def can_edit(user, record) -> bool:
    """Whether `user` may change `record` (an IKM or a sentra: their city is their own)."""
    return may_edit(user, record)


# Sentras


def sentra_detail(*, user, pk) -> Sentra:
    villages = Region.objects.select_related("parent").order_by("parent__name", "name")
    queryset = Sentra.objects.select_related("city").prefetch_related(
        Prefetch("kelurahans", queryset=villages), "kbli_codes"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def sentra_for_edit(*, user, pk) -> Sentra:
    queryset = Sentra.objects.prefetch_related("kelurahans", "kbli_codes")
    return get_editable_or_404(queryset, user, pk=pk)


def sentra_photo(*, user, pk) -> Sentra:
    return get_visible_or_404(Sentra.objects.only("photo", "city"), user, pk=pk)


def sentra_members(*, user, sentra: Sentra) -> list[Ikm]:
    return list(
        Ikm.objects.visible_to(user)
        .filter(sentra=sentra)
        .select_related("kelurahan")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class MemberSummary:
    count: int
    workers: int
    investment: int
    warnings: list


def member_summary(*, sentra: Sentra, members: list[Ikm]) -> MemberSummary:
    """The member count, their workers and investment, and the warnings the count calls for."""
    return MemberSummary(
        count=len(members),
        workers=sum(member.workers_total for member in members),
        investment=sum(member.investment for member in members),
        warnings=member_warnings(city_code=sentra.city_id, member_count=len(members)),
    )


def member_warnings(*, city_code: str, member_count: int) -> list[str]:
    """Warnings, not errors: a sentra has at least 5 IKM (PP 29/2018), and DAK funding in
    Kalimantan asks for 10."""
    warnings = []
    if member_count < SENTRA_MIN_MEMBERS:
        warnings.append(
            _("This sentra has %(count)s member IKMs: PP 29/2018 asks for at least %(minimum)s.")
            % {"count": member_count, "minimum": SENTRA_MIN_MEMBERS}
        )
    province = city_code.partition(".")[0]
    if province in KALIMANTAN_PROVINCES and member_count < SENTRA_MIN_MEMBERS_DAK_KALIMANTAN:
        warnings.append(
            _(
                "This sentra has %(count)s member IKMs: DAK funding in Kalimantan asks for at "
                "least %(minimum)s."
            )
            % {"count": member_count, "minimum": SENTRA_MIN_MEMBERS_DAK_KALIMANTAN}
        )
    return warnings


# IKMs


def ikm_detail(*, user, pk) -> Ikm:
    """An IKM with its places, sentra and KBLI codes, products, yearly data and, for staff,
    its owner accounts (an owner's page does not list them)."""
    queryset = Ikm.objects.select_related(
        "city", "kelurahan__parent", "sentra", "primary_kbli"
    ).prefetch_related(
        Prefetch("other_kbli", queryset=Kbli.objects.order_by("code")),
        Prefetch("products", queryset=Product.objects.select_related("kbli").order_by("name")),
        # Read once for the page's timeline and the guidance panel's story (`yearly_timeline`).
        Prefetch("snapshots", queryset=YearlySnapshot.objects.order_by("year")),
    )
    if not user.is_ikm_owner:
        queryset = queryset.prefetch_related("owners")
    return get_visible_or_404(queryset, user, pk=pk)


def ikm_for_edit(*, user, pk) -> Ikm:
    queryset = Ikm.objects.select_related("primary_kbli").prefetch_related("other_kbli")
    return get_editable_or_404(queryset, user, pk=pk)


def owner_ikms(*, user):
    """An owner's businesses, each with its products and its proposals still waiting, with
    what the owner's home shows of them."""
    pending = ChangeProposal.objects.filter(status=ProposalStatus.PENDING).only("ikm")
    return (
        Ikm.objects.visible_to(user)
        .select_related("kelurahan", "sentra")
        .only("name", "nib", "kelurahan__name", "sentra__name")
        .prefetch_related(
            Prefetch("products", queryset=Product.objects.order_by("name")),
            Prefetch("proposals", queryset=pending, to_attr="pending_proposals"),
        )
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class TimelineYear:
    snapshot: YearlySnapshot
    class_up: bool
    reach_up: bool

    @property
    def naik_kelas(self) -> bool:
        return self.class_up or self.reach_up


def yearly_timeline(*, ikm: Ikm) -> list[TimelineYear]:
    """The IKM's yearly data, oldest first, each year marked where it naik kelas: its
    industry class or its market reach ranks above that of the previous recorded year.
    The snapshots prefetched with the IKM (`ikm_detail`) if they were, else one query."""
    timeline = []
    previous = None
    for snapshot in sorted(ikm.snapshots.all(), key=attrgetter("year")):
        timeline.append(
            TimelineYear(
                snapshot=snapshot,
                class_up=previous is not None
                and INDUSTRY_CLASS_RANK[snapshot.industry_class]
                > INDUSTRY_CLASS_RANK[previous.industry_class],
                reach_up=previous is not None
                and MARKET_REACH_RANK[snapshot.market_reach]
                > MARKET_REACH_RANK[previous.market_reach],
            )
        )
        previous = snapshot
    return timeline


def snapshot_for_edit(*, user, ikm: Ikm, year: int) -> YearlySnapshot:
    return get_editable_or_404(YearlySnapshot, user, ikm=ikm, year=year)


def product_for_edit(*, user, ikm: Ikm, pk) -> Product:
    return get_editable_or_404(Product.objects.select_related("kbli"), user, ikm=ikm, pk=pk)


# Owners' proposals


def ikm_proposals(*, user, ikm: Ikm) -> list[ChangeProposal]:
    """Staff see the proposals waiting for review; an owner sees their latest, decided too."""
    proposals = (
        ChangeProposal.objects.visible_to(user)
        .filter(ikm=ikm)
        .select_related("product", "proposed_by")
        .only(*PROPOSAL_COLUMNS, "product__name", *User.name_columns("proposed_by"))
        .order_by("-created_at", "-pk")
    )
    if user.is_ikm_owner:
        return list(proposals[:OWNER_PROPOSALS_SHOWN])
    return list(proposals.filter(status=ProposalStatus.PENDING))


def proposal_queue(*, user):
    """The proposals of the user's city waiting for review, oldest first."""
    return (
        ChangeProposal.objects.editable_by(user)
        .filter(status=ProposalStatus.PENDING)
        .select_related("ikm", "product", "proposed_by")
        .order_by("created_at", "pk")
    )


def proposal_for_review(*, user, pk) -> ChangeProposal:
    queryset = ChangeProposal.objects.select_related(
        "ikm", "product__kbli", "proposed_by", "decided_by"
    )
    return get_editable_or_404(queryset, user, pk=pk)


@dataclass(frozen=True)
class ProposedChange:
    label: str
    current: object
    proposed: object


def proposed_changes(proposal: ChangeProposal) -> list[ProposedChange]:
    """Each proposed detail with its value now (None for a new product) and the proposed one,
    in the order of the form, ready to show."""
    if proposal.kind == ProposalKind.CONTACT:
        model, record = Ikm, proposal.ikm
    else:
        model, record = Product, proposal.product
    return [
        ProposedChange(
            label=field.verbose_name,
            current=_shown(field, getattr(record, field.name)) if record else None,
            proposed=_shown(field, _proposed_value(field, proposal.changes[field.name])),
        )
        for field in model._meta.fields
        if field.name in proposal.changes
    ]


def _proposed_value(field, value):
    if field.is_relation:
        return field.related_model.objects.filter(pk=value).first()
    return field.to_python(value)


def _shown(field, value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
