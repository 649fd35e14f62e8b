"""Writes to licences: one function per change, each atomic, validated and recorded.

A status changes only here, along `licensing.transitions.TRANSITIONS`; every change writes a
`LicenceStatusChange` (who, when, from, to, why) in the same transaction, and the
django-pghistory triggers record the row's before and after under the acting user.
"""

import datetime
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.constants import (
    DJKI_PENDING_STAGES,
    GRANTED_STATUSES,
    DjkiStage,
    ExtraField,
    LicenceStatus,
    P3dnKind,
    ValidityBasis,
)
from licensing.dates import add_months, office_today
from licensing.models import (
    Licence,
    LicenceDocument,
    LicenceStatusChange,
    LicenceType,
    P3dnParticipation,
)
from licensing.transitions import check_transition
from registry.models import Ikm, Product
from sentra_portal.errors import InvalidTransition
from sentra_portal.models import User
from sentra_portal.uploads import detect_kind
from sentra_portal.versioning import save_versioned

# What an officer may fill in when recording an issued licence, besides number and dates.
ISSUE_DETAILS = frozenset({*ExtraField.values, "issuer", "notes"})
FILE_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}


def _check_may_edit(actor: User, ikm_id: int) -> None:
    if not Ikm.objects.editable_by(actor).filter(pk=ikm_id).exists():
        raise PermissionDenied(_("Only staff of the IKM's city office can change its licences."))


def _record_status_change(
    licence: Licence, *, actor: User | None, from_status: str, note: str = ""
) -> None:
    LicenceStatusChange.objects.create(
        licence=licence,
        from_status=from_status,
        to_status=licence.status,
        changed_by=actor,
        note=note,
    )


def _djki_stage_after(licence: Licence) -> str:
    """The DJKI stage that goes with the licence's new status, for types that track it."""
    if not licence.licence_type.uses(ExtraField.DJKI_STAGE):
        return licence.djki_stage
    if licence.status == LicenceStatus.ISSUED:
        return DjkiStage.REGISTERED
    if licence.status == LicenceStatus.REJECTED:
        return DjkiStage.REFUSED
    if licence.status == LicenceStatus.APPLIED and not licence.djki_stage:
        return DjkiStage.FILED
    return licence.djki_stage


def _transition(
    licence: Licence,
    *,
    actor: User | None,
    target: str,
    note: str = "",
    prepare: Callable[[Licence], None] | None = None,
    **changes: Any,
) -> Licence:
    """Move `licence` to `target` if the table allows it, with `changes`, and record it.

    The row is locked and read afresh; `prepare` may complete or refuse it (raising) before
    it is validated and saved.
    """
    locked = (
        Licence.objects.select_for_update(of=("self",))
        .select_related("licence_type")
        .get(pk=licence.pk)
    )
    check_transition(locked.status, target)
    from_status = locked.status
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.status = target
    locked.djki_stage = _djki_stage_after(locked)
    if prepare:
        prepare(locked)
    locked.full_clean()
    with pghistory.context(user=actor.pk if actor else None):
        locked.save()
        _record_status_change(locked, actor=actor, from_status=from_status, note=note)
    return locked


def default_valid_until(licence: Licence) -> datetime.date | None:
    """Valid-until as the licence's type counts it, when the officer has not typed it."""
    kind = licence.licence_type
    if kind.validity_basis == ValidityBasis.ISSUE_DATE and licence.issued_on:
        return add_months(licence.issued_on, kind.default_validity_months)
    if kind.validity_basis == ValidityBasis.FILING_DATE and licence.applied_on:
        return add_months(licence.applied_on, kind.default_validity_months)
    if kind.validity_basis == ValidityBasis.DISTRIBUTION_PERMIT and licence.distribution_permit:
        return licence.distribution_permit.valid_until
    return None


@transaction.atomic
def licence_plan(
    *,
    actor: User,
    ikm: Ikm,
    licence_type: LicenceType,
    product: Product | None = None,
    notes: str = "",
) -> Licence:
    """Record that the IKM needs this licence and has not applied yet."""
    _check_may_edit(actor, ikm.pk)
    licence = Licence(
        ikm=ikm,
        product=product,
        licence_type=licence_type,
        issuer=licence_type.issuer,
        notes=notes,
        officer=actor,
        status=LicenceStatus.PLANNED,
    )
    licence.full_clean()
    with pghistory.context(user=actor.pk):
        licence.save()
        _record_status_change(licence, actor=actor, from_status="")
    return licence


@transaction.atomic
def licence_apply(
    *, actor: User, licence: Licence, applied_on: datetime.date, number: str = ""
) -> Licence:
    """The IKM has filed the application; DJKI types get their application number now."""
    _check_may_edit(actor, licence.ikm_id)
    return _transition(
        licence, actor=actor, target=LicenceStatus.APPLIED, applied_on=applied_on, number=number
    )


@transaction.atomic
def licence_issue(
    *,
    actor: User,
    licence: Licence,
    issued_on: datetime.date,
    number: str,
    valid_until: datetime.date | None = None,
    **details: Any,
) -> Licence:
    """The licence was granted. Valid-until defaults to what the type counts from its dates.

    `details` are the type's extra fields (tkdn_percent, registration_number, …), the issuer
    and notes.
    """
    unknown = set(details) - ISSUE_DETAILS
    if unknown:
        raise TypeError(f"licence_issue() got unexpected fields: {sorted(unknown)}")
    _check_may_edit(actor, licence.ikm_id)

    def fill_valid_until(issued: Licence) -> None:
        if issued.valid_until is None:
            issued.valid_until = default_valid_until(issued)

    return _transition(
        licence,
        actor=actor,
        target=LicenceStatus.ISSUED,
        prepare=fill_valid_until,
        issued_on=issued_on,
        number=number,
        valid_until=valid_until,
        **details,
    )


@transaction.atomic
def licence_reject(*, actor: User, licence: Licence, note: str) -> Licence:
    _check_may_edit(actor, licence.ikm_id)
    if not note.strip():
        raise ValidationError({"note": _("Say why the application was rejected.")})
    return _transition(licence, actor=actor, target=LicenceStatus.REJECTED, note=note)


@transaction.atomic
def licence_withdraw(*, actor: User, licence: Licence, note: str = "") -> Licence:
    _check_may_edit(actor, licence.ikm_id)
    return _transition(licence, actor=actor, target=LicenceStatus.WITHDRAWN, note=note)


@transaction.atomic
def licence_revoke(*, actor: User, licence: Licence, note: str) -> Licence:
    _check_may_edit(actor, licence.ikm_id)
    if not note.strip():
        raise ValidationError({"note": _("Say why the licence was revoked.")})
    return _transition(licence, actor=actor, target=LicenceStatus.REVOKED, note=note)


@transaction.atomic
def licence_record_expiry(
    *, actor: User | None, licence: Licence, today: datetime.date | None = None
) -> Licence:
    """Record that an issued licence's valid-until date has passed.

    `actor` is None for the daily job (`licensing.tasks.licences_expire`).
    """
    if actor is not None:
        _check_may_edit(actor, licence.ikm_id)
    today = today or office_today()

    def check_date_passed(expiring: Licence) -> None:
        if not expiring.valid_until or expiring.valid_until >= today:
            raise InvalidTransition(
                _("The licence is still valid: it expires only after its valid-until date."),
                code="not_expired",
            )

    return _transition(
        licence, actor=actor, target=LicenceStatus.EXPIRED, prepare=check_date_passed
    )


@transaction.atomic
def licence_renew(
    *,
    actor: User,
    licence: Licence,
    applied_on: datetime.date | None = None,
    number: str = "",
) -> Licence:
    """Start the renewal of `licence`: a new record linked to it, the old one unchanged.

    The renewal is planned, or applied when the filing date is given.
    """
    _check_may_edit(actor, licence.ikm_id)
    if licence.status not in (LicenceStatus.ISSUED, LicenceStatus.EXPIRED):
        raise InvalidTransition(
            _("Only an issued or expired licence can be renewed."), code="not_renewable"
        )
    if licence.valid_until is None:
        raise InvalidTransition(
            _("This licence does not expire, so it needs no renewal."), code="not_renewable"
        )
    renewal = Licence(
        ikm_id=licence.ikm_id,
        product_id=licence.product_id,
        licence_type=licence.licence_type,
        issuer=licence.issuer,
        officer_id=licence.officer_id,
        renews=licence,
        status=LicenceStatus.APPLIED if applied_on else LicenceStatus.PLANNED,
        applied_on=applied_on,
        number=number,
    )
    renewal.djki_stage = _djki_stage_after(renewal)
    renewal.full_clean()
    with pghistory.context(user=actor.pk):
        renewal.save()
        _record_status_change(renewal, actor=actor, from_status="")
    return renewal


@transaction.atomic
def licence_record_djki_stage(*, actor: User, licence: Licence, stage: DjkiStage) -> Licence:
    """Record how far DJKI has come with an application (announcement, examination, …).

    Registered and refused follow from issuing and rejecting the licence.
    """
    _check_may_edit(actor, licence.ikm_id)
    locked = Licence.objects.select_for_update(of=("self",)).get(pk=licence.pk)
    if locked.status != LicenceStatus.APPLIED or stage not in DJKI_PENDING_STAGES:
        raise InvalidTransition(
            _("The DJKI stage of an application is filed, announcement or examination."),
            code="invalid_stage",
        )
    locked.djki_stage = stage
    locked.full_clean()
    with pghistory.context(user=actor.pk):
        locked.save(update_fields=["djki_stage", "updated_at"])
    return locked


# Documents


@transaction.atomic
def licence_document_upload(
    *, actor: User, licence: Licence, uploaded_file: UploadedFile
) -> LicenceDocument:
    """Store a scan for the licence: city staff of its IKM, or one of the IKM's owners."""
    may_upload = Licence.objects.editable_by(actor).filter(pk=licence.pk).exists() or (
        actor.is_ikm_owner and Licence.objects.visible_to(actor).filter(pk=licence.pk).exists()
    )
    if not may_upload:
        raise PermissionDenied(_("You cannot add documents to this licence."))
    original_name = PurePath(uploaded_file.name or "").name[:255] or "document"
    kind = detect_kind(uploaded_file)
    if kind:
        # Stored under a name from its content; the uploader's name is only shown.
        uploaded_file.name = f"document.{FILE_EXTENSIONS[kind]}"
    document = LicenceDocument(
        licence=licence, file=uploaded_file, original_name=original_name, uploaded_by=actor
    )
    document.full_clean()
    with pghistory.context(user=actor.pk):
        document.save()
    return document


# P3DN


@transaction.atomic
def p3dn_participation_record(
    *, actor: User, ikm: Ikm, kind: P3dnKind, date: datetime.date, note: str = ""
) -> P3dnParticipation:
    _check_may_edit(actor, ikm.pk)
    participation = P3dnParticipation(ikm=ikm, kind=kind, date=date, note=note, recorded_by=actor)
    participation.full_clean()
    with pghistory.context(user=actor.pk):
        participation.save()
    return participation


# Recording a licence in one go, and correcting one


# The statuses a licence may be recorded in: it is then planned, applied and issued in turn,
# each step recorded, as if the office had followed it from the start.
RECORDABLE_STATUSES = (LicenceStatus.PLANNED, LicenceStatus.APPLIED, LicenceStatus.ISSUED)
# The type's fields besides number and dates (the DJKI stage follows the status).
DETAIL_FIELDS = frozenset(ExtraField.values) - {ExtraField.DJKI_STAGE}
# What a correction may change: never the status, which changes only through the actions.
CORRECTABLE_FIELDS = frozenset(
    {"number", "applied_on", "issued_on", "valid_until", "issuer", "notes", "officer"}
    | DETAIL_FIELDS
)
ISSUED_ONLY_FIELDS = frozenset({"issued_on", "valid_until"})
# What a planned licence cannot have yet: it has not been applied for.
FILED_ONLY_FIELDS = frozenset({"applied_on", "number"}) | DETAIL_FIELDS


def _given(value: Any) -> bool:
    return value not in (None, "")


def _misplaced(status: str, values: dict[str, Any]) -> dict[str, str]:
    """Errors for the values that a licence in `status` cannot have yet."""
    errors = {}
    for name, value in values.items():
        if not _given(value):
            continue
        if name in ISSUED_ONLY_FIELDS and status not in GRANTED_STATUSES:
            errors[name] = _("Only an issued licence has this: leave it empty.")
        elif name in FILED_ONLY_FIELDS and status == LicenceStatus.PLANNED:
            errors[name] = _("A planned licence has no application yet: leave this empty.")
    return errors


def _required_for(
    status: str,
    licence_type: LicenceType,
    *,
    applied_on: datetime.date | None,
    number: str,
    issued_on: datetime.date | None,
    valid_until: datetime.date | None,
) -> dict[str, str]:
    """Errors for what the starting status needs and was not given."""
    errors = {}
    if status == LicenceStatus.APPLIED and not applied_on:
        errors["applied_on"] = _("Give the filing date of the application.")
    if status != LicenceStatus.ISSUED:
        return errors
    if not issued_on:
        errors["issued_on"] = _("Give the issue date.")
    if not number:
        errors["number"] = _("Give the number of the issued licence.")
    counted_from_filing = licence_type.validity_basis == ValidityBasis.FILING_DATE
    if counted_from_filing and not applied_on and not valid_until:
        errors["applied_on"] = _(
            "Its validity counts from the filing date: give the filing date, or the "
            "valid-until date."
        )
    return errors


def _djki_stage_errors(licence_type: LicenceType, status: str, stage: str) -> dict[str, str]:
    if not stage:
        return {}
    if not licence_type.uses(ExtraField.DJKI_STAGE):
        return {"djki_stage": _("%(type)s does not use this field.") % {"type": licence_type}}
    if status != LicenceStatus.APPLIED or stage not in DJKI_PENDING_STAGES:
        return {
            "djki_stage": _(
                "The DJKI stage of an application is filed, announcement or examination."
            )
        }
    return {}


def _check_recordable(
    licence_type: LicenceType,
    *,
    status: str,
    djki_stage: str,
    details: dict[str, Any],
    **dates_and_number: Any,
) -> None:
    """Refuse, before anything is written, what does not fit the starting status."""
    if status not in RECORDABLE_STATUSES:
        raise ValidationError(
            {"status": _("A new licence is planned, applied or issued.")}, code="invalid_status"
        )
    errors = _misplaced(status, {**dates_and_number, **details})
    errors |= _required_for(status, licence_type, **dates_and_number)
    errors |= _djki_stage_errors(licence_type, status, djki_stage)
    if errors:
        raise ValidationError(errors)


def _write_details(licence: Licence, *, actor: User, details: dict[str, Any]) -> Licence:
    """Fill in the type's fields known before the licence is issued (e.g. the Nice class)."""
    for name, value in details.items():
        setattr(licence, name, value)
    licence.full_clean()
    with pghistory.context(user=actor.pk):
        licence.save(update_fields=[*details, "updated_at"])
    return licence


@transaction.atomic
def licence_record(
    *,
    actor: User,
    ikm: Ikm,
    licence_type: LicenceType,
    status: str = LicenceStatus.PLANNED,
    product: Product | None = None,
    applied_on: datetime.date | None = None,
    number: str = "",
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    djki_stage: str = "",
    notes: str = "",
    **details: Any,
) -> Licence:
    """Record a licence the office learns about: planned, already applied, or already issued.

    It goes through `licence_plan`, `licence_apply` and `licence_issue` in turn, so the
    timeline shows each status change. `details` are the type's extra fields (tkdn_percent,
    nice_class, …); the DJKI stage of an application is `djki_stage`. Nothing is saved
    when any step is refused: the ValidationError names the field.
    """
    unknown = set(details) - DETAIL_FIELDS - {"issuer"}
    if unknown:
        raise TypeError(f"licence_record() got unexpected fields: {sorted(unknown)}")
    number = number.strip()
    details = {name: value for name, value in details.items() if _given(value)}
    _check_recordable(
        licence_type,
        status=status,
        applied_on=applied_on,
        number=number,
        issued_on=issued_on,
        valid_until=valid_until,
        djki_stage=djki_stage,
        details=details,
    )
    licence = licence_plan(
        actor=actor, ikm=ikm, licence_type=licence_type, product=product, notes=notes
    )
    if status == LicenceStatus.PLANNED:
        return licence
    licence = licence_apply(
        actor=actor,
        licence=licence,
        applied_on=applied_on,
        number=number if status == LicenceStatus.APPLIED else "",
    )
    if status == LicenceStatus.APPLIED:
        if details:
            licence = _write_details(licence, actor=actor, details=details)
        if djki_stage and djki_stage != licence.djki_stage:
            licence = licence_record_djki_stage(
                actor=actor, licence=licence, stage=DjkiStage(djki_stage)
            )
        return licence
    return licence_issue(
        actor=actor,
        licence=licence,
        issued_on=issued_on,
        number=number,
        valid_until=valid_until,
        **details,
    )


def _check_officer(officer: User | None, ikm_city_id: str) -> None:
    if officer is not None and not (
        officer.is_city_staff and officer.organisation.region_id == ikm_city_id
    ):
        raise ValidationError(
            {"officer": _("The officer in charge works at the IKM's city office.")}
        )


@transaction.atomic
def licence_update(*, actor: User, licence: Licence, version: int, **fields: Any) -> Licence:
    """Correct what was recorded (number, dates, issuer, notes, officer, the type's fields).

    Not the status: that changes only through the actions. EditConflict when someone saved
    the licence since `version`. An issued licence whose valid-until is emptied gets the
    date its type counts, as when it was issued.
    """
    unknown = set(fields) - CORRECTABLE_FIELDS
    if unknown:
        raise TypeError(f"licence_update() got unexpected fields: {sorted(unknown)}")
    _check_may_edit(actor, licence.ikm_id)
    errors = _misplaced(licence.status, fields)
    if errors:
        raise ValidationError(errors)
    _check_officer(fields.get("officer"), licence.ikm.city_id)
    for name, value in fields.items():
        setattr(licence, name, value)
    if licence.is_granted and licence.valid_until is None:
        licence.valid_until = default_valid_until(licence)
    licence.full_clean()
    licence.updated_at = timezone.now()
    with pghistory.context(user=actor.pk):
        save_versioned(
            licence,
            expected_version=version,
            fields=sorted({*fields, "valid_until", "updated_at"}),
        )
    return licence
