"""Writes to the registry: one function per change, each atomic, validated and audited.

The audit trail itself is written by PostgreSQL triggers (django-pghistory); each service
names the acting user in the history context so that every entry says who.
"""

from collections.abc import Iterable, Sequence
from functools import partial
from urllib.parse import urljoin

import pghistory
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from registry.constants import ProposalKind, ProposalStatus
from registry.models import ChangeProposal, Ikm, Kbli, Product, Sentra, YearlySnapshot
from sentra_portal.constants import RegionLevel, Role
from sentra_portal.errors import EditConflict, InvalidTransition
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
    """Every rule an IKM must meet, all errors at once, each on its field."""
    errors: dict[str, list] = {}
    if ikm.kelurahan_id is not None:  # a missing village is full_clean's to report
        try:
            _check_villages(city, [ikm.kelurahan], "kelurahan")
        except ValidationError as error:
            errors.update(error.error_dict)
    if ikm.sentra_id and ikm.sentra.city_id != city.code:
        errors["sentra"] = [ValidationError(_("The sentra must be in the same city as the IKM."))]
    ikm.city = city
    try:
        ikm.full_clean()
    except ValidationError as error:
        errors = {**error.error_dict, **errors}
    if any(error.code == "unique" for error in errors.get("nib", [])):
        # Says nothing of the record holding it: it may be another city's.
        errors["nib"] = [
            ValidationError(
                _(
                    "This NIB is already registered for another IKM. Check the number; if it "
                    "is right, the business is already in the registry, perhaps in another city."
                ),
                code="nib_taken",
            )
        ]
    if errors:
        raise ValidationError(errors)


def _check_sentra(sentra: Sentra) -> None:
    try:
        sentra.full_clean()
    except ValidationError as error:
        errors = error.error_dict
        if any(e.code == "unique_together" for e in errors.get(NON_FIELD_ERRORS, [])):
            errors.pop(NON_FIELD_ERRORS)
            errors["name"] = [
                ValidationError(
                    _("A sentra of this name is already registered in this city."),
                    code="sentra_name_taken",
                )
            ]
        raise ValidationError(errors) from error


def _check_in_city(record_city_id: str, city: Region) -> None:
    """Services act only on records of the actor's own city (views scope them too)."""
    if record_city_id != city.code:
        raise ValidationError(_("This record belongs to another city."), code="other_city")


def _store_new_file(field_file) -> None:
    """Write a newly uploaded file to storage, as `save()` would; `update()` does not."""
    if field_file and not field_file._committed:
        field_file.save(field_file.name, field_file.file, save=False)


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
        _check_sentra(sentra)
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
    """Save the edited sentra; EditConflict if someone saved it since `expected_version`.

    A new photo is written to storage first (an update does not store files) and removed
    again when the save does not happen.
    """
    city = _office_city(actor)
    _check_in_city(sentra.city_id, city)
    kelurahans = list(kelurahans)
    if not kelurahans:
        raise ValidationError({"kelurahans": _("Choose at least one village.")})
    _check_villages(city, kelurahans, "kelurahans")
    for name, value in fields.items():
        setattr(sentra, name, value)
    _check_sentra(sentra)
    new_photo = sentra.photo if sentra.photo and not sentra.photo._committed else None
    _store_new_file(sentra.photo)
    with pghistory.context(user=actor.pk):
        try:
            save_versioned(sentra, expected_version=expected_version, fields=SENTRA_FIELDS)
        except EditConflict:
            if new_photo:
                new_photo.delete(save=False)
            raise
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
    _check_in_city(ikm.city_id, city)
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
    _check_in_city(ikm.city_id, _office_city(actor))
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
    _check_in_city(ikm.city_id, _office_city(actor))
    with pghistory.context(user=actor.pk):
        product = Product(ikm=ikm, **fields)
        product.full_clean()
        product.save()
    return product


@transaction.atomic
def product_update(*, actor: User, product: Product, **fields) -> Product:
    _check_in_city(product.ikm.city_id, _office_city(actor))
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
    if product is not None and product.ikm_id != ikm.pk:
        raise ValidationError(_("This product belongs to another IKM."))
    allowed = CONTACT_FIELDS if kind == ProposalKind.CONTACT else PRODUCT_FIELDS
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These details cannot be proposed: %s") % ", ".join(sorted(unknown))
        )
    if not changes:
        raise ValidationError(_("Change at least one detail."), code="no_change")
    with pghistory.context(user=actor.pk):
        proposal = ChangeProposal(
            ikm=ikm, kind=kind, product=product, changes=changes, proposed_by=actor
        )
        proposal.full_clean()
        proposal.save()
    return proposal


def _pending_proposal(proposal: ChangeProposal, actor: User) -> ChangeProposal:
    """The proposal, locked, if it is still waiting and of the actor's city."""
    city = _office_city(actor)
    proposal = (
        ChangeProposal.objects.select_for_update(of=("self",))
        .select_related("ikm")
        .get(pk=proposal.pk)
    )
    _check_in_city(proposal.ikm.city_id, city)
    if proposal.status != ProposalStatus.PENDING:
        raise InvalidTransition(_("This proposal has been decided already."))
    return proposal


def _decide(proposal: ChangeProposal, *, actor: User, status: str, note: str) -> None:
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
    proposal = _pending_proposal(proposal, actor)
    ikm = proposal.ikm
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
    if not note.strip():
        raise ValidationError({"decision_note": _("Say why the proposal is rejected.")})
    proposal = _pending_proposal(proposal, actor)
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
    _check_in_city(ikm.city_id, _office_city(actor))
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


# Imports

# Related records an import fetches in bulk and assigns as instances: checking that each
# exists again, row by row, is what `full_clean` would otherwise do with one query apiece.
IMPORT_PREFETCHED_FIELDS = ["city", "kelurahan", "sentra", "primary_kbli"]

ImportedIkm = tuple[Ikm, Sequence[Kbli] | None]


def ikm_check_imported(*, actor: User, ikm: Ikm) -> None:
    """The checks of `ikm_register` / `ikm_update` for an IKM built from an imported row.

    Raises one ValidationError naming every failing field. The import has fetched the
    village, sentra and KBLI codes in bulk and matched the NIB against the registry in one
    query, so this leaves out only `full_clean`'s per-row queries: foreign keys that exist
    (they are instances here), NIB uniqueness (a database constraint too), and the check
    constraints (the same rules as the field validators, which run).
    """
    city = _office_city(actor)
    errors: dict[str, list] = {}
    if ikm.kelurahan_id is None:
        errors["kelurahan"] = [Ikm._meta.get_field("kelurahan").error_messages["blank"]]
    else:
        try:
            _check_villages(city, [ikm.kelurahan], "kelurahan")
        except ValidationError as error:
            errors.update(error.message_dict)
    if ikm.sentra_id and ikm.sentra.city_id != city.code:
        errors["sentra"] = [_("The sentra must be in the same city as the IKM.")]
    ikm.city = city
    try:
        ikm.full_clean(
            exclude=IMPORT_PREFETCHED_FIELDS, validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ikm_import(
    *, actor: User, new: Sequence[ImportedIkm], updated: Sequence[ImportedIkm]
) -> tuple[list[Ikm], list[Ikm]]:
    """Register the `new` IKMs and save the `updated` ones, all or nothing.

    Each IKM comes with its other KBLI codes (None: leave them as they are). Updated IKMs
    must be records the actor may edit, still at the version they were read at. Bulk writes
    for speed; the history triggers still record every row, naming the actor.
    """
    for ikm, _codes in [*new, *updated]:
        ikm_check_imported(actor=actor, ikm=ikm)
    current = dict(
        Ikm.objects.editable_by(actor)
        .select_for_update()
        .filter(pk__in=[ikm.pk for ikm, _codes in updated])
        .values_list("pk", "version")
    )
    if any(current.get(ikm.pk) != ikm.version for ikm, _codes in updated):
        raise ValidationError(
            _("Some of these IKMs were changed since the file was checked. Check it again."),
            code="import_conflict",
        )
    now = timezone.now()
    for ikm, _codes in updated:
        ikm.version += 1
        ikm.updated_at = now
    through = Ikm.other_kbli.through
    with pghistory.context(user=actor.pk):
        created = Ikm.objects.bulk_create([ikm for ikm, _codes in new], batch_size=1000)
        _bulk_save([ikm for ikm, _codes in updated], [*IKM_FIELDS, "city", "version", "updated_at"])
        through.objects.filter(
            ikm__in=[ikm.pk for ikm, codes in updated if codes is not None]
        ).delete()
        through.objects.bulk_create(
            [
                through(ikm_id=ikm.pk, kbli_id=kbli.pk)
                for ikm, codes in [*new, *updated]
                for kbli in codes or ()
            ],
            batch_size=5000,
        )
    return created, [ikm for ikm, _codes in updated]


def _bulk_save(objs: Sequence, field_names: list[str], batch_size: int = 1000) -> None:
    """Save `field_names` of existing rows with one UPDATE per batch, from column arrays.

    What `QuerySet.bulk_update` does, without its CASE per field and row that takes minutes
    for 10,000 rows. Row triggers (the history) fire for each row as usual.
    """
    if not objs:
        return
    meta = objs[0]._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in field_names]
    columns = [meta.pk, *fields]
    sql = (  # noqa: S608 -- names come from the model, values go as parameters
        "UPDATE {table} SET {assignments} FROM unnest({arrays}) AS v({names}) "
        "WHERE {table}.{pk} = v.{pk}"
    ).format(
        table=quote(meta.db_table),
        assignments=", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields),
        arrays=", ".join(f"%s::{f.db_type(connection)}[]" for f in columns),
        names=", ".join(quote(f.column) for f in columns),
        pk=quote(meta.pk.column),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            cursor.execute(
                sql,
                [
                    [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in batch]
                    for f in columns
                ],
            )


# Owner invitations


@transaction.atomic
def owner_account_invite(*, actor: User, ikm: Ikm, site_url: str, **account) -> tuple[User, str]:
    """`owner_account_create`, returning the full invitation link (on `site_url`).

    When the account has an e-mail address the link is also e-mailed to it, once the
    account is committed.
    """
    user, path = owner_account_create(actor=actor, ikm=ikm, **account)
    link = urljoin(site_url, path)
    if user.email:
        transaction.on_commit(partial(_send_invitation, user=user, ikm=ikm, link=link))
    return user, link


def _send_invitation(*, user: User, ikm: Ikm, link: str) -> None:
    context = {"user": user, "ikm": ikm, "link": link}
    send_mail(
        subject=_("Your Sentra Portal account for %(ikm)s") % {"ikm": ikm.name},
        message=render_to_string("registry/email/owner_invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
