"""Writes to guidance cases: one function per change, each atomic, validated and recorded.

A status changes only here, along `guidance.transitions.TRANSITIONS`; every change writes a
`CaseEntry` (who, when, from, to) in the same transaction, and the django-pghistory triggers
record the row's before and after under the acting user. Who may do what is decided by
`guidance.permissions`, which the case page also asks.

The IKM's owners are notified (in the portal, and by e-mail through the worker) of every
status change, reassignment and staff note; the officer, of an assignment and of what the
owners write or upload. Notifications are written in the same transaction as the change:
`sentra_portal.notifications.notify` defers the e-mail job in it, so both exist only if the
change commits.
"""

import datetime

import pghistory
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guidance import permissions
from guidance.constants import (
    MAX_OVERDUE_DAYS,
    CaseEntryKind,
    CaseGoal,
    CaseOutcome,
    CaseStatus,
)
from guidance.models import Case, CaseDocument, CaseEntry, OverdueRule
from guidance.permissions import CaseAccess
from guidance.transitions import check_transition
from licensing.dates import office_today
from licensing.models import Licence, LicenceType
from registry.models import Ikm
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import User
from sentra_portal.notifications import notify
from sentra_portal.uploads import rename_by_content


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
        entry = CaseEntry.objects.create(
            case=case, kind=CaseEntryKind.STATUS, to_status=case.status, author=actor
        )
    _notify_owners(case, entry, actor=actor)
    return case


# The lifecycle


def _locked(case: Case) -> Case:
    """The case's row, locked for this transaction and read afresh, with its IKM."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("ikm", "licence_type", "assigned_to")
        .get(pk=case.pk)
    )


def _required(value: str, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message}, code="required")
    return text


def _transition(
    case: Case, *, actor: User, target: str, text: str = "", officer: User | None = None, **changes
) -> CaseEntry:
    """Move the (locked) case to `target` with `changes`, and write its status entry."""
    check_transition(case.status, target)
    from_status = case.status
    for name, value in changes.items():
        setattr(case, name, value)
    case.status = target
    case.full_clean()
    with pghistory.context(user=actor.pk):
        case.save()
        return CaseEntry.objects.create(
            case=case,
            kind=CaseEntryKind.STATUS,
            from_status=from_status,
            to_status=target,
            text=text,
            officer=officer,
            author=actor,
        )


@transaction.atomic
def case_assign(*, actor: User, case: Case, officer: User) -> Case:
    """Give a submitted case to an officer (it becomes assigned), or an assigned or
    in-progress case to another officer (its status stays; the entry names both officers)."""
    locked = _locked(case)
    permissions.check_may_assign(CaseAccess(actor, locked))
    permissions.check_assignable_officer(locked, officer)
    if locked.status == CaseStatus.SUBMITTED:
        entry = _transition(
            locked, actor=actor, target=CaseStatus.ASSIGNED, officer=officer, assigned_to=officer
        )
    else:
        previous = locked.assigned_to
        locked.assigned_to = officer
        locked.full_clean()
        with pghistory.context(user=actor.pk):
            locked.save(update_fields=["assigned_to", "updated_at"])
            entry = CaseEntry.objects.create(
                case=locked,
                kind=CaseEntryKind.REASSIGNMENT,
                officer=officer,
                previous_officer=previous,
                author=actor,
            )
    _notify_owners(locked, entry, actor=actor)
    _notify_officer(locked, entry, officer=officer, actor=actor)
    return locked


@transaction.atomic
def case_start(*, actor: User, case: Case) -> Case:
    """The assigned officer starts the work: assigned → in progress."""
    locked = _locked(case)
    permissions.check_may_start(CaseAccess(actor, locked))
    entry = _transition(locked, actor=actor, target=CaseStatus.IN_PROGRESS)
    _notify_owners(locked, entry, actor=actor)
    return locked


@transaction.atomic
def case_close(*, actor: User, case: Case, outcome: CaseOutcome, note: str) -> Case:
    """The officer (or a supervisor) closes the work: done, succeeded or not, with a note."""
    locked = _locked(case)
    permissions.check_may_close(CaseAccess(actor, locked))
    note = _required(note, "note", _("Write how the case ended."))
    entry = _transition(
        locked,
        actor=actor,
        target=CaseStatus.DONE,
        text=note,
        outcome=outcome,
        closed_at=timezone.now(),
    )
    _notify_owners(locked, entry, actor=actor)
    return locked


@transaction.atomic
def case_cancel(*, actor: User, case: Case, reason: str) -> Case:
    """A supervisor cancels an open case, or the owner who asked a request not yet assigned."""
    locked = _locked(case)
    permissions.check_may_cancel(CaseAccess(actor, locked))
    reason = _required(reason, "reason", _("Write why the case is cancelled."))
    entry = _transition(
        locked, actor=actor, target=CaseStatus.CANCELLED, text=reason, closed_at=timezone.now()
    )
    _notify_owners(locked, entry, actor=actor)
    return locked


# The timeline


def _add_entry(case: Case, *, actor: User, kind: str, **fields) -> CaseEntry:
    entry = CaseEntry(case=case, kind=kind, author=actor, **fields)
    # The references were checked by the caller; validate what the user typed.
    entry.full_clean(
        exclude=["case", "author", "officer", "previous_officer", "document", "licence"]
    )
    entry.save()
    return entry


@transaction.atomic
def case_add_note(*, actor: User, case: Case, text: str) -> CaseEntry:
    """A note on the timeline: staff of the city at any time, the IKM's owners while open."""
    locked = _locked(case)
    access = CaseAccess(actor, locked)
    permissions.check_may_add_note(access)
    text = _required(text, "text", _("Write the note."))
    entry = _add_entry(locked, actor=actor, kind=CaseEntryKind.NOTE, text=text)
    if access.city_staff:
        _notify_owners(locked, entry, actor=actor)
    else:
        _notify_officer(locked, entry, officer=locked.assigned_to, actor=actor)
    return entry


@transaction.atomic
def case_record_visit(
    *,
    actor: User,
    case: Case,
    date: datetime.date,
    place: str,
    attendees: str,
    note: str = "",
) -> CaseEntry:
    """A visit to the IKM (or a meeting at the office): when, where, who attended."""
    locked = _locked(case)
    permissions.check_may_record_visit(CaseAccess(actor, locked))
    if date > office_today():
        raise ValidationError({"date": _("Record a visit once it has taken place.")})
    place = _required(place, "place", _("Write where the visit took place."))
    attendees = _required(attendees, "attendees", _("Write who attended."))
    return _add_entry(
        locked,
        actor=actor,
        kind=CaseEntryKind.VISIT,
        visit_date=date,
        visit_place=place,
        visit_attendees=attendees,
        text=(note or "").strip(),
    )


@transaction.atomic
def case_attach_document(*, actor: User, case: Case, uploaded_file: UploadedFile) -> CaseDocument:
    """Store a document on an open case (owners and staff of the city), checked by content."""
    locked = _locked(case)
    access = CaseAccess(actor, locked)
    permissions.check_may_attach_document(access)
    original_name = rename_by_content(uploaded_file)
    document = CaseDocument(
        case=locked, file=uploaded_file, original_name=original_name, uploaded_by=actor
    )
    try:
        document.full_clean(exclude=["case", "uploaded_by"])
    except ValidationError as error:
        raise ValidationError(
            {"uploaded_file": error.message_dict.get("file", error.messages)}
        ) from error
    with pghistory.context(user=actor.pk):
        document.save()
    entry = _add_entry(locked, actor=actor, kind=CaseEntryKind.DOCUMENT, document=document)
    if not access.city_staff:
        _notify_officer(locked, entry, officer=locked.assigned_to, actor=actor)
    return document


@transaction.atomic
def case_link_licence(*, actor: User, case: Case, licence: Licence) -> CaseEntry:
    """Link a licence record of the same IKM that the case produced (a trademark application
    filed with the officer's help): it shows on the case, and the case on the licence."""
    locked = _locked(case)
    permissions.check_may_link_licence(CaseAccess(actor, locked))
    if licence.ikm_id != locked.ikm_id:
        raise ValidationError({"licence": _("Choose a licence record of the case's IKM.")})
    if locked.licences.filter(pk=licence.pk).exists():
        raise ValidationError({"licence": _("This licence record is linked already.")})
    locked.licences.add(licence)
    return _add_entry(locked, actor=actor, kind=CaseEntryKind.LICENCE, licence=licence)


# Overdue rules


@transaction.atomic
def overdue_rules_set(*, actor: User, days_by_goal: dict[str, int]) -> list[OverdueRule]:
    """The administrator sets, per goal, the days after which an open case of their office
    is overdue. Unchanged values are not written again."""
    organisation = actor.organisation
    if not (
        actor.is_active
        and actor.role == Role.ADMINISTRATOR
        and organisation.kind == OrganisationKind.CITY_OFFICE
    ):
        raise PermissionDenied(_("Only the administrator of a city office sets these limits."))
    unknown = set(days_by_goal) - set(CaseGoal.values)
    if unknown:
        raise TypeError(f"overdue_rules_set() got unknown goals: {sorted(unknown)}")
    existing = {rule.goal: rule for rule in OverdueRule.objects.filter(organisation=organisation)}
    saved = []
    with pghistory.context(user=actor.pk):
        for goal, days in days_by_goal.items():
            rule = existing.get(goal) or OverdueRule(organisation=organisation, goal=goal)
            if rule.pk and rule.days == days:
                continue
            rule.days = days
            try:
                rule.full_clean(exclude=["organisation"], validate_unique=False)
            except ValidationError as error:
                raise ValidationError(
                    {
                        goal: _("Enter a number of days from 1 to %(max)d.")
                        % {"max": MAX_OVERDUE_DAYS}
                    }
                ) from error
            rule.save()
            saved.append(rule)
    return saved


# Notifications


def _status_message(case: Case, entry: CaseEntry) -> tuple[str, str]:
    """Title and body for the owners, in the portal's language."""
    values = {
        "ikm": case.ikm.name,
        "goal": case.goal_label,
        "status": case.get_status_display(),
        "officer": str(case.assigned_to) if case.assigned_to_id else "",
    }
    if entry.kind == CaseEntryKind.NOTE:
        title = _("New note on the request for help of %(ikm)s") % values
        body = entry.text
    elif entry.kind == CaseEntryKind.REASSIGNMENT:
        title = _("Another officer helps %(ikm)s") % values
        body = _("The request for help with %(goal)s is now handled by %(officer)s.") % values
    else:
        title = _("Request for help of %(ikm)s: %(status)s") % values
        lines = [_("The request for help with %(goal)s is now: %(status)s.") % values]
        if case.status == CaseStatus.DONE:
            lines.append(_("Outcome: %(outcome)s.") % {"outcome": case.get_outcome_display()})
        if case.assigned_to_id and case.status in (CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS):
            lines.append(_("Officer: %(officer)s.") % values)
        if entry.text:
            lines.append(entry.text)
        body = "\n".join(lines)
    return title, body


def _notify_owners(case: Case, entry: CaseEntry, *, actor: User) -> None:
    """Tell the IKM's active owners, but the one who acted, what changed on their case."""
    owners = list(case.ikm.owners.filter(is_active=True).exclude(pk=actor.pk))
    if not owners:
        return
    with translation.override(settings.LANGUAGE_CODE):
        title, body = _status_message(case, entry)
    for owner in owners:
        notify(
            recipient=owner,
            key=f"case-entry:{entry.pk}",
            title=title,
            body=body,
            link=case.get_absolute_url(),
        )


def _notify_officer(case: Case, entry: CaseEntry, *, officer: User | None, actor: User) -> None:
    """Tell the officer of the case of an assignment, or of what an owner wrote or uploaded."""
    if officer is None or officer.pk == actor.pk or not officer.is_active:
        return
    values = {"ikm": case.ikm.name, "goal": case.goal_label, "author": str(actor)}
    with translation.override(settings.LANGUAGE_CODE):
        if entry.kind in (CaseEntryKind.STATUS, CaseEntryKind.REASSIGNMENT):
            title = _("A request for help was assigned to you: %(ikm)s") % values
            body = _("%(ikm)s asks for help with %(goal)s.") % values
        else:
            title = _("%(author)s added to the request for help of %(ikm)s") % values
            body = entry.text or entry.get_kind_display()
    notify(
        recipient=officer,
        key=f"case-officer:{entry.pk}",
        title=title,
        body=body,
        link=case.get_absolute_url(),
    )
