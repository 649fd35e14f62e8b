"""Recording a licence in one go (as planned, applied or issued), and correcting one."""

import datetime
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.constants import (
    DJKI_PENDING_STAGES,
    GRANTED_STATUSES,
    DjkiStage,
    ExtraField,
    LicenceStatus,
    ValidityBasis,
)
from licensing.models import (
    Licence,
    LicenceType,
)
from licensing.services.lifecycle import (
    _check_may_edit,
    default_valid_until,
    licence_apply,
    licence_issue,
    licence_plan,
    licence_record_djki_stage,
)
from registry.models import Ikm, Product
from sentra_portal.models import User
from sentra_portal.versioning import save_versioned

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
