"""The guidance-case lifecycle: the one table of allowed status changes, and its guard.

submitted → assigned (a supervisor picks the officer) → in progress → done or cancelled;
a case not yet done may be cancelled from any open status.

Reassignment (another officer for an assigned or in-progress case) is not a status change:
the case keeps its status, so it is not in the table; `check_reassignable` guards it.
"""

from django.utils.translation import gettext_lazy as _

from guidance.constants import CaseStatus
from sentra_portal.errors import InvalidTransition

TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.SUBMITTED: frozenset({CaseStatus.ASSIGNED, CaseStatus.CANCELLED}),
    CaseStatus.ASSIGNED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.CANCELLED}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.DONE, CaseStatus.CANCELLED}),
    CaseStatus.DONE: frozenset(),
    CaseStatus.CANCELLED: frozenset(),
}


# Statuses in which the case's officer may be replaced by another.
REASSIGNABLE: frozenset[str] = frozenset({CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS})


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS[status]


def check_transition(current: str, target: str) -> None:
    """Raise InvalidTransition unless the table allows going from `current` to `target`."""
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(
            _("A case with status “%(current)s” cannot change to “%(target)s”."),
            code="invalid_transition",
            params={"current": CaseStatus(current).label, "target": CaseStatus(target).label},
        )


def check_reassignable(current: str) -> None:
    """Raise InvalidTransition unless a case with status `current` may get another officer."""
    if current not in REASSIGNABLE:
        raise InvalidTransition(
            _("A case with status “%(current)s” cannot be given to another officer."),
            code="not_reassignable",
            params={"current": CaseStatus(current).label},
        )
