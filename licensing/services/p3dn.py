"""P3DN: an IKM's part in the programme for domestic products (inventory, business
matching, exhibitions)."""

import datetime

import pghistory
from django.db import transaction

from licensing.constants import (
    P3dnKind,
)
from licensing.models import (
    P3dnParticipation,
)
from licensing.services.lifecycle import _check_may_edit
from registry.models import Ikm
from sentra_portal.models import User


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
