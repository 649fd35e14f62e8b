"""The licence lifecycle: the one table of allowed status changes, and its guard.

planned → applied → issued → expired; applied → rejected / withdrawn; issued → revoked.
A new licence starts as planned (`licence_plan`, or `licence_renew` without a filing date)
or applied (`licence_renew` with one). Only the services in `licensing.services` change a
status, and each asks `check_transition` first.
"""

from django.utils.translation import gettext_lazy as _

from licensing.constants import LicenceStatus
from sentra_portal.errors import InvalidTransition

TRANSITIONS: dict[str, frozenset[str]] = {
    LicenceStatus.PLANNED: frozenset({LicenceStatus.APPLIED}),
    LicenceStatus.APPLIED: frozenset(
        {LicenceStatus.ISSUED, LicenceStatus.REJECTED, LicenceStatus.WITHDRAWN}
    ),
    LicenceStatus.ISSUED: frozenset({LicenceStatus.EXPIRED, LicenceStatus.REVOKED}),
    LicenceStatus.EXPIRED: frozenset(),
    LicenceStatus.REJECTED: frozenset(),
    LicenceStatus.WITHDRAWN: frozenset(),
    LicenceStatus.REVOKED: frozenset(),
}


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS[status]


def check_transition(current: str, target: str) -> None:
    """Raise InvalidTransition unless the table allows going from `current` to `target`."""
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(
            _("A licence with status “%(current)s” cannot change to “%(target)s”."),
            code="invalid_transition",
            params={
                "current": LicenceStatus(current).label,
                "target": LicenceStatus(target).label,
            },
        )
