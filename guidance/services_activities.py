"""Writes to guidance activities: one function per change, each atomic, validated, recorded.

Only the organising office changes an activity (`Activity.objects.editable_by`): the city
staff of the office that recorded a city or joint activity, the provincial officers of the
province office that recorded a province or joint activity. The office that records an
activity is its organiser-owner (`owner_office`) for good; the organiser kind and the offices
are fixed when it is recorded. The django-pghistory triggers record every row's before and
after under the acting user.
"""

import datetime
from collections.abc import Iterable, Mapping

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guidance.constants import ActivityKind, ActivityOrganiser, BudgetSource
from guidance.models import Activity, ActivityParticipant, province_code
from licensing.constants import GRANTED_STATUSES
from licensing.dates import office_today
from licensing.models import Licence
from registry.models import Ikm
from sentra_portal.constants import OrganisationKind
from sentra_portal.models import Organisation, User
from sentra_portal.versioning import save_versioned

# The fields an organiser may change after recording the activity.
ACTIVITY_FIELDS = ["kind", "title", "starts_on", "ends_on", "venue", "budget_source", "outputs"]


def _check_staff(actor: User) -> None:
    if not (
        actor.is_active
        and actor.organisation_id is not None
        and (actor.is_city_staff or actor.is_provincial_officer)
    ):
        raise PermissionDenied(_("Only the staff of a city or province office record activities."))


def _province_office_of(city_office: Organisation) -> Organisation:
    office = Organisation.objects.filter(
        kind=OrganisationKind.PROVINCE_OFFICE, region=province_code(city_office.region_id)
    ).first()
    if office is None:
        raise ValidationError(
            {"organiser": _("The province office is not registered in the portal yet.")},
            code="no_province_office",
        )
    return office


def _check_partner_city(province_office: Organisation, city_office: Organisation | None) -> None:
    if (
        city_office is None
        or city_office.kind != OrganisationKind.CITY_OFFICE
        or not city_office.region_id.startswith(f"{province_office.region_id}.")
    ):
        raise ValidationError(
            {"city_office": _("Choose the city/regency office of the province that co-organises.")},
            code="partner_city",
        )


def _offices(actor: User, organiser: str, city_office: Organisation | None) -> dict:
    """The offices an activity of `organiser` recorded by `actor` names."""
    own = actor.organisation
    if actor.is_city_staff:
        if organiser == ActivityOrganiser.CITY:
            return {"city_office": own, "province_office": None}
        if organiser == ActivityOrganiser.JOINT:
            return {"city_office": own, "province_office": _province_office_of(own)}
    else:
        if organiser == ActivityOrganiser.PROVINCE:
            return {"city_office": None, "province_office": own}
        if organiser == ActivityOrganiser.JOINT:
            _check_partner_city(own, city_office)
            return {"city_office": city_office, "province_office": own}
    raise ValidationError(
        {"organiser": _("Your office cannot record an activity with this organiser.")},
        code="organiser",
    )


@transaction.atomic
def activity_create(
    *,
    actor: User,
    kind: ActivityKind,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    venue: str,
    organiser: ActivityOrganiser,
    budget_source: BudgetSource,
    outputs: str = "",
    city_office: Organisation | None = None,
) -> Activity:
    """Record an activity of the actor's office, which becomes its organiser-owner. A
    provincial officer recording a joint activity names the city office it is held with."""
    _check_staff(actor)
    activity = Activity(
        kind=kind,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        venue=venue.strip(),
        organiser=organiser,
        budget_source=budget_source,
        outputs=(outputs or "").strip(),
        owner_office=actor.organisation,
        **_offices(actor, organiser, city_office),
    )
    activity.full_clean()
    with pghistory.context(user=actor.pk):
        activity.save()
    return activity


def _locked_editable(actor: User, activity: Activity) -> Activity:
    """The activity's row, locked and read afresh, if the actor's office organises it."""
    locked = (
        Activity.objects.editable_by(actor)
        .select_for_update(of=("self",))
        .filter(pk=activity.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("Only the organising office changes this activity."))
    return locked


@transaction.atomic
def activity_update(
    *, actor: User, activity: Activity, expected_version: int, **fields
) -> Activity:
    """Save the edited activity; EditConflict if someone saved it since `expected_version`."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"activity_update() got fields it does not change: {sorted(unknown)}")
    _locked_editable(actor, activity)
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    activity.full_clean()
    with pghistory.context(user=actor.pk):
        save_versioned(activity, expected_version=expected_version, fields=ACTIVITY_FIELDS)
    return activity


@transaction.atomic
def participants_add(
    *, actor: User, activity: Activity, ikms: Iterable[Ikm]
) -> list[ActivityParticipant]:
    """Add IKMs (from the registry, among those the actor sees) to the activity's participants.
    IKMs that take part already are left as they are; the new participants are returned."""
    locked = _locked_editable(actor, activity)
    wanted = {ikm.pk for ikm in ikms}
    if not wanted:
        raise ValidationError({"ikms": _("Choose at least one IKM.")}, code="required")
    visible = set(Ikm.objects.visible_to(actor).filter(pk__in=wanted).values_list("pk", flat=True))
    if visible != wanted:
        raise ValidationError(
            {"ikms": _("Choose IKMs of the registry that your office sees.")}, code="not_visible"
        )
    present = set(locked.participants.values_list("ikm_id", flat=True))
    added = []
    with pghistory.context(user=actor.pk):
        for ikm_pk in sorted(wanted - present):
            participant = ActivityParticipant(activity=locked, ikm_id=ikm_pk)
            participant.save()
            added.append(participant)
    return added


@transaction.atomic
def attendance_mark(
    *,
    actor: User,
    activity: Activity,
    attendance: Mapping[int, bool | None],
    notes: Mapping[int, str] | None = None,
) -> int:
    """Mark, per participant (by id), whether the IKM attended (None: not marked), with an
    optional note. Attendance is marked once the activity has started. Returns how many
    participants changed; unchanged ones are not written again."""
    locked = _locked_editable(actor, activity)
    notes = notes or {}
    participants = {p.pk: p for p in locked.participants.select_for_update()}
    unknown = (set(attendance) | set(notes)) - set(participants)
    if unknown:
        raise ValidationError(
            _("Some of these participants do not take part in this activity."), code="unknown"
        )
    if locked.starts_on > office_today() and any(v is not None for v in attendance.values()):
        raise ValidationError(
            _("Mark attendance once the activity has started."), code="not_started"
        )
    changed = 0
    with pghistory.context(user=actor.pk):
        for pk, participant in participants.items():
            attended = attendance.get(pk, participant.attended)
            note = notes.get(pk, participant.note).strip()
            if attended == participant.attended and note == participant.note:
                continue
            participant.attended = attended
            participant.note = note
            participant.full_clean(exclude=["activity", "ikm"], validate_unique=False)
            participant.save(update_fields=["attended", "note"])
            changed += 1
    return changed


@transaction.atomic
def certificate_link(
    *, actor: User, participant: ActivityParticipant, licence: Licence
) -> ActivityParticipant:
    """Link a certificate (a granted licence record of the participant's IKM) that the IKM
    obtained through the activity."""
    _locked_editable(actor, participant.activity)
    if licence.ikm_id != participant.ikm_id:
        raise ValidationError(
            {"licence": _("Choose a licence record of the participating IKM.")}, code="other_ikm"
        )
    if licence.status not in GRANTED_STATUSES:
        raise ValidationError(
            {"licence": _("Choose a licence or certificate that has been issued.")},
            code="not_granted",
        )
    if participant.certificates.filter(pk=licence.pk).exists():
        raise ValidationError({"licence": _("This certificate is linked already.")}, code="linked")
    with pghistory.context(user=actor.pk):
        participant.certificates.add(licence)
    return participant
