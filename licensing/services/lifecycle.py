"""Writes to licences: one function per change, each atomic, validated and recorded.

A status changes only here, along `licensing.transitions.TRANSITIONS`; every change writes a
`LicenceStatusChange` (who, when, from, to, why) in the same transaction, and the
django-pghistory triggers record the row's before and after under the acting user.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from licensing.constants import (
    DJKI_PENDING_STAGES,
    DjkiStage,
    ExtraField,
    LicenceStatus,
    ValidityBasis,
)
from licensing.dates import add_months, office_today
from licensing.models import (
    Licence,
    LicenceStatusChange,
    LicenceType,
)
from licensing.transitions import check_transition
from registry.models import Ikm, Product
from sentra_portal.errors import InvalidTransition
from sentra_portal.models import User

# What an officer may fill in when recording an issued licence, besides number and dates.
ISSUE_DETAILS = frozenset({*ExtraField.values, "issuer", "notes"})


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
