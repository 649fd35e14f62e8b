"""Who may do what to a guidance case, and when: one check per action.

The services call the checks before they change anything; the case page offers an action
only when its check passes (`allows`), so the page never shows a form the service would
refuse. A check raises PermissionDenied when the user's part in the case never allows the
action, and a ValidationError (InvalidTransition for the lifecycle) when the case's state
does not allow it now: views show the first as 403, the second as a message on the form.
"""

from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from guidance.constants import CaseStatus
from guidance.models import Case
from guidance.transitions import check_reassignable, check_transition
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.errors import InvalidTransition
from sentra_portal.models import User

# Who supervises the city office's cases: assigns them, closes and cancels any of them.
SUPERVISING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# Who may be given a case to work on.
ASSIGNABLE_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})


class CaseAccess:
    """What `user` is to `case`. The case's IKM must be loaded; asking whether the user owns
    the IKM costs one query, once."""

    def __init__(self, user: User, case: Case):
        self.user = user
        self.case = case

    @cached_property
    def city_staff(self) -> bool:
        """Staff of the city office that the case's IKM belongs to."""
        user = self.user
        return (
            user.is_active
            and user.is_city_staff
            and user.organisation.region_id == self.case.ikm.city_id
        )

    @cached_property
    def supervising(self) -> bool:
        return self.city_staff and self.user.role in SUPERVISING_ROLES

    @cached_property
    def assigned_officer(self) -> bool:
        return self.city_staff and self.case.assigned_to_id == self.user.pk

    @cached_property
    def owner(self) -> bool:
        """One of the IKM's owners."""
        user = self.user
        return (
            user.is_active
            and user.is_ikm_owner
            and self.case.ikm.owners.filter(pk=user.pk).exists()
        )

    @property
    def requester(self) -> bool:
        """The owner who asked for help (not staff who opened the case for the IKM)."""
        return self.case.requested_by_id == self.user.pk and self.owner


def _check_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(
            _("The case is closed: nothing more can be added to it."), code="case_closed"
        )


def check_may_assign(access: CaseAccess) -> None:
    """A supervisor or administrator of the city gives a submitted case to an officer, or an
    assigned or in-progress case to another one."""
    if not access.supervising:
        raise PermissionDenied(
            _("Only a supervisor or administrator of the IKM's city office assigns cases.")
        )
    status = access.case.status
    if status == CaseStatus.SUBMITTED:
        check_transition(status, CaseStatus.ASSIGNED)
    else:
        check_reassignable(status)


def check_assignable_officer(case: Case, officer: User) -> None:
    """The officer works (as officer or supervisor) at the city office of the case's IKM."""
    works_there = (
        officer.is_active
        and officer.role in ASSIGNABLE_ROLES
        and officer.organisation is not None
        and officer.organisation.kind == OrganisationKind.CITY_OFFICE
        and officer.organisation.region_id == case.ikm.city_id
    )
    if not works_there:
        raise ValidationError(
            {"officer": _("Choose an officer or supervisor of the IKM's city office.")},
            code="officer_elsewhere",
        )
    if case.assigned_to_id == officer.pk:
        raise ValidationError(
            {"officer": _("The case is already assigned to this officer.")},
            code="same_officer",
        )


def check_may_start(access: CaseAccess) -> None:
    if not access.assigned_officer:
        raise PermissionDenied(_("Only the officer assigned to the case starts the work on it."))
    check_transition(access.case.status, CaseStatus.IN_PROGRESS)


def check_may_close(access: CaseAccess) -> None:
    if not (access.assigned_officer or access.supervising):
        raise PermissionDenied(
            _("Only the case's officer or a supervisor of the city office closes it.")
        )
    check_transition(access.case.status, CaseStatus.DONE)


def check_may_cancel(access: CaseAccess) -> None:
    """Supervisors cancel an open case; the owner who asked, a request not yet assigned."""
    status = access.case.status
    if access.supervising:
        check_transition(status, CaseStatus.CANCELLED)
    elif access.requester:
        if status != CaseStatus.SUBMITTED:
            raise InvalidTransition(
                _("You can cancel your request only while it waits for an officer."),
                code="assigned_already",
            )
        check_transition(status, CaseStatus.CANCELLED)
    else:
        raise PermissionDenied(_("You cannot cancel this case."))


def check_may_add_note(access: CaseAccess) -> None:
    """Staff of the city write notes at any time; the IKM's owners while the case is open."""
    if access.city_staff:
        return
    if not access.owner:
        raise PermissionDenied(_("You cannot write on this case."))
    _check_open(access.case)


def check_may_record_visit(access: CaseAccess) -> None:
    if not access.city_staff:
        raise PermissionDenied(_("Only staff of the IKM's city office record visits."))
    _check_open(access.case)


def check_may_attach_document(access: CaseAccess) -> None:
    if not (access.city_staff or access.owner):
        raise PermissionDenied(_("You cannot add documents to this case."))
    _check_open(access.case)


def check_may_link_licence(access: CaseAccess) -> None:
    """Staff of the city link the licence records the case produced, also after it is done
    (a certificate often arrives later), but not to a cancelled case."""
    if not access.city_staff:
        raise PermissionDenied(_("Only staff of the IKM's city office link licence records."))
    if access.case.status == CaseStatus.CANCELLED:
        raise ValidationError(
            _("The case was cancelled: no licence record can be linked to it."),
            code="case_cancelled",
        )


def allows(check, access: CaseAccess) -> bool:
    """Whether `check` passes for `access` now."""
    try:
        check(access)
    except (PermissionDenied, ValidationError):
        return False
    return True
