"""Writes to the registry: one function per change, each atomic, validated and audited.

The audit trail itself is written by PostgreSQL triggers (django-pghistory); each service
names the acting user in the history context so that every entry says who.
"""

from collections.abc import Iterable

import pghistory
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from registry.constants import ProposalKind, ProposalStatus
from registry.models import ChangeProposal, Ikm, Kbli, Product, Sentra, YearlySnapshot
from sentra_portal.constants import RegionLevel, Role
from sentra_portal.errors import InvalidTransition
from sentra_portal.models import Region, User
from sentra_portal.services import user_create
from sentra_portal.versioning import save_versioned

SENTRA_FIELDS = [
    "name",
    "commodity",
    "address",
    "latitude",
    "longitude",
    "decree_number",
    "decree_date",
    "status",
    "chair_name",
    "contact_phone",
    "upt",
    "description",
    "photo",
]
IKM_FIELDS = [
    "name",
    "nib",
    "legal_form",
    "owner_name",
    "owner_gender",
    "phone",
    "email",
    "address",
    "kelurahan",
    "latitude",
    "longitude",
    "sentra",
    "primary_kbli",
    "founding_year",
    "status",
    "workers_male",
    "workers_female",
    "investment",
    "production_value",
    "market_reach",
]
CONTACT_FIELDS = ["phone", "email", "address"]
PRODUCT_FIELDS = ["name", "brand", "kbli", "capacity", "capacity_unit", "is_published"]
SNAPSHOT_FIELDS = [
    "workers_male",
    "workers_female",
    "investment",
    "production_value",
    "market_reach",
]


def _office_city(actor: User) -> Region:
    if not actor.is_city_staff:
        raise ValidationError(_("Only staff of a city office can change the registry."))
    return actor.organisation.region


def _check_villages(city: Region, kelurahans: Iterable[Region], field: str) -> None:
    for kelurahan in kelurahans:
        if kelurahan.level != RegionLevel.VILLAGE or not kelurahan.code.startswith(f"{city.code}."):
            raise ValidationError(
                {
                    field: _("%(village)s does not lie in %(city)s.")
                    % {"village": kelurahan.name, "city": city.name}
                }
            )


def _check_ikm(ikm: Ikm, city: Region) -> None:
    _check_villages(city, [ikm.kelurahan], "kelurahan")
    if ikm.sentra_id and ikm.sentra.city_id != city.code:
        raise ValidationError({"sentra": _("The sentra must be in the same city as the IKM.")})
    ikm.city = city
    ikm.full_clean()


# Sentras


@transaction.atomic
def sentra_register(
    *,
    actor: User,
    kelurahans: Iterable[Region],
    kbli_codes: Iterable[Kbli] = (),
    **fields,
) -> Sentra:
    city = _office_city(actor)
    kelurahans = list(kelurahans)
    if not kelurahans:
        raise ValidationError({"kelurahans": _("Choose at least one village.")})
    _check_villages(city, kelurahans, "kelurahans")
    with pghistory.context(user=actor.pk):
        sentra = Sentra(city=city, **fields)
        sentra.full_clean()
        sentra.save()
        sentra.kelurahans.set(kelurahans)
        sentra.kbli_codes.set(kbli_codes)
    return sentra


@transaction.atomic
def sentra_update(
    *,
    actor: User,
    sentra: Sentra,
    expected_version: int,
    kelurahans: Iterable[Region],
    kbli_codes: Iterable[Kbli] = (),
    **fields,
) -> Sentra:
    """Save the edited sentra; EditConflict if someone saved it since `expected_version`."""
    city = _office_city(actor)
    kelurahans = list(kelurahans)
    if not kelurahans:
        raise ValidationError({"kelurahans": _("Choose at least one village.")})
    _check_villages(city, kelurahans, "kelurahans")
    for name, value in fields.items():
        setattr(sentra, name, value)
    sentra.full_clean()
    with pghistory.context(user=actor.pk):
        save_versioned(sentra, expected_version=expected_version, fields=SENTRA_FIELDS)
        sentra.kelurahans.set(kelurahans)
        sentra.kbli_codes.set(kbli_codes)
    return sentra


# IKMs


@transaction.atomic
def ikm_register(*, actor: User, other_kbli: Iterable[Kbli] = (), **fields) -> Ikm:
    city = _office_city(actor)
    with pghistory.context(user=actor.pk):
        ikm = Ikm(**fields)
        _check_ikm(ikm, city)
        ikm.save()
        ikm.other_kbli.set(other_kbli)
    return ikm


@transaction.atomic
def ikm_update(
    *,
    actor: User,
    ikm: Ikm,
    expected_version: int,
    other_kbli: Iterable[Kbli] | None = None,
    **fields,
) -> Ikm:
    """Save the edited IKM; EditConflict if someone saved it since `expected_version`."""
    city = _office_city(actor)
    for name, value in fields.items():
        setattr(ikm, name, value)
    _check_ikm(ikm, city)
    with pghistory.context(user=actor.pk):
        save_versioned(ikm, expected_version=expected_version, fields=[*IKM_FIELDS, "city"])
        if other_kbli is not None:
            ikm.other_kbli.set(other_kbli)
    return ikm


@transaction.atomic
def snapshot_record(*, actor: User, ikm: Ikm, year: int, **figures) -> YearlySnapshot:
    """Record (or correct) the IKM's figures for one year."""
    _office_city(actor)
    with pghistory.context(user=actor.pk):
        snapshot = YearlySnapshot.objects.filter(ikm=ikm, year=year).first() or YearlySnapshot(
            ikm=ikm, year=year
        )
        for name, value in figures.items():
            setattr(snapshot, name, value)
        snapshot.full_clean()
        snapshot.save()
    return snapshot


# Products


@transaction.atomic
def product_add(*, actor: User, ikm: Ikm, **fields) -> Product:
    _office_city(actor)
    with pghistory.context(user=actor.pk):
        product = Product(ikm=ikm, **fields)
        product.full_clean()
        product.save()
    return product


@transaction.atomic
def product_update(*, actor: User, product: Product, **fields) -> Product:
    _office_city(actor)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean()
    with pghistory.context(user=actor.pk):
        product.save(update_fields=[*fields, "updated_at"])
    return product


# Owners' proposals


@transaction.atomic
def proposal_submit(
    *, actor: User, ikm: Ikm, kind: ProposalKind, changes: dict, product: Product | None = None
) -> ChangeProposal:
    """An owner proposes new contact details or a new/changed product for their IKM."""
    if not ikm.owners.filter(pk=actor.pk).exists():
        raise ValidationError(_("Only an owner of this IKM can propose changes to it."))
    allowed = CONTACT_FIELDS if kind == ProposalKind.CONTACT else PRODUCT_FIELDS
    unknown = set(changes) - set(allowed)
    if unknown or not changes:
        raise ValidationError(_("These details cannot be proposed: %s") % ", ".join(unknown))
    with pghistory.context(user=actor.pk):
        proposal = ChangeProposal(
            ikm=ikm, kind=kind, product=product, changes=changes, proposed_by=actor
        )
        proposal.full_clean()
        proposal.save()
    return proposal


def _decide(proposal: ChangeProposal, *, actor: User, status: str, note: str) -> None:
    if proposal.status != ProposalStatus.PENDING:
        raise InvalidTransition(_("This proposal has been decided already."))
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
    )


@transaction.atomic
def proposal_accept(*, actor: User, proposal: ChangeProposal, note: str = "") -> ChangeProposal:
    """Apply the proposed values to the IKM or product, and mark the proposal accepted."""
    _office_city(actor)
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    ikm = Ikm.objects.get(pk=proposal.ikm_id)
    with pghistory.context(user=actor.pk):
        if proposal.kind == ProposalKind.CONTACT:
            ikm_update(actor=actor, ikm=ikm, expected_version=ikm.version, **proposal.changes)
        else:
            values = dict(proposal.changes)
            if "kbli" in values:
                values["kbli"] = Kbli.objects.filter(pk=values["kbli"]).first()
            if proposal.product_id:
                product_update(actor=actor, product=proposal.product, **values)
            else:
                product_add(actor=actor, ikm=ikm, **values)
        _decide(proposal, actor=actor, status=ProposalStatus.ACCEPTED, note=note)
    return proposal


@transaction.atomic
def proposal_reject(*, actor: User, proposal: ChangeProposal, note: str) -> ChangeProposal:
    _office_city(actor)
    if not note.strip():
        raise ValidationError({"decision_note": _("Say why the proposal is rejected.")})
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    with pghistory.context(user=actor.pk):
        _decide(proposal, actor=actor, status=ProposalStatus.REJECTED, note=note)
    return proposal


# Owner accounts


@transaction.atomic
def owner_account_create(
    *, actor: User, ikm: Ikm, username: str, full_name: str, email: str = "", phone: str = ""
) -> tuple[User, str]:
    """An account for the IKM's owner, with no password yet.

    Returns the account and the path of its one-time invitation link (the password-reset
    link: it works once, until the password is set, and expires after PASSWORD_RESET_TIMEOUT),
    which the officer hands over by WhatsApp or e-mail.
    """
    _office_city(actor)
    first_name, _space, last_name = full_name.strip().partition(" ")
    user = user_create(
        actor=actor,
        username=username,
        role=Role.IKM_OWNER,
        password=None,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if phone:
        user.phone = phone
        user.save(update_fields=["phone"])
    ikm.owners.add(user)
    return user, invitation_path(user)


def invitation_path(user: User) -> str:
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
