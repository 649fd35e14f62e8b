"""Writes to guidance cases: one function per change, each atomic, validated and recorded.

A status changes only here, along `guidance.transitions.TRANSITIONS`; every change writes a
`CaseEntry` (who, when, from, to) in the same transaction, and the django-pghistory triggers
record the row's before and after under the acting user.
"""

import pghistory
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guidance.constants import CaseEntryKind, CaseGoal, CaseStatus
from guidance.models import Case, CaseEntry
from licensing.models import LicenceType
from registry.models import Ikm
from sentra_portal.models import User


def _check_may_request(actor: User, ikm: Ikm) -> None:
    """The IKM's own owners ask for help; staff of its city open a case on its behalf."""
    if actor.is_ikm_owner:
        allowed = Ikm.objects.visible_to(actor).filter(pk=ikm.pk).exists()
    else:
        allowed = Ikm.objects.editable_by(actor).filter(pk=ikm.pk).exists()
    if not allowed:
        raise PermissionDenied(_("You cannot ask for help for this IKM."))


@transaction.atomic
def case_request(
    *,
    actor: User,
    ikm: Ikm,
    goal: CaseGoal,
    description: str,
    licence_type: LicenceType | None = None,
) -> Case:
    """Open a guidance case: an owner asks the office for help, or staff open it for the IKM."""
    _check_may_request(actor, ikm)
    case = Case(
        ikm=ikm,
        goal=goal,
        licence_type=licence_type if goal == CaseGoal.LICENCE else None,
        description=description.strip(),
        requested_by=actor,
        status=CaseStatus.SUBMITTED,
    )
    case.full_clean()
    with pghistory.context(user=actor.pk):
        case.save()
        CaseEntry.objects.create(
            case=case, kind=CaseEntryKind.STATUS, to_status=case.status, author=actor
        )
    return case
