"""Guidance activities: who sees and who changes them (city, province and joint activities),
the database rules, and the services that record them, their participants, attendance and
certificates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from guidance import services_activities as services
from guidance.constants import ActivityOrganiser
from guidance.models import Activity, ActivityParticipant
from licensing.dates import office_today
from sentra_portal.constants import Role
from sentra_portal.errors import EditConflict
from tests.factories import (
    ActivityFactory,
    ActivityParticipantFactory,
    IkmFactory,
    LicenceFactory,
    OrganisationFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(banjarmasin, banjarbaru, kalsel):
    return {
        "city": ActivityFactory(city_office=banjarmasin, title="Bimtek Banjarmasin"),
        "other_city": ActivityFactory(city_office=banjarbaru, title="Bimtek Banjarbaru"),
        "province": ActivityFactory(province=True, province_office=kalsel, title="Pameran Kalsel"),
        "joint_by_city": ActivityFactory(
            joint=True, city_office=banjarmasin, province_office=kalsel, title="Bersama kota"
        ),
        "joint_by_province": ActivityFactory(
            joint=True,
            city_office=banjarmasin,
            province_office=kalsel,
            owner_office=kalsel,
            title="Bersama provinsi",
        ),
        "joint_other_city": ActivityFactory(
            joint=True, city_office=banjarbaru, province_office=kalsel, title="Bersama Banjarbaru"
        ),
    }


def _titles(queryset):
    return set(queryset.values_list("title", flat=True))


# Who sees and who changes


def test_city_staff_see_their_city_the_province_and_their_joint_activities(users, activities):
    for role in ("administrator", "supervisor", "officer"):
        assert _titles(Activity.objects.visible_to(users[role])) == {
            "Bimtek Banjarmasin",
            "Pameran Kalsel",
            "Bersama kota",
            "Bersama provinsi",
        }


def test_staff_of_another_city_see_the_province_but_not_banjarmasin(users, activities):
    assert _titles(Activity.objects.visible_to(users["other_city_officer"])) == {
        "Bimtek Banjarbaru",
        "Pameran Kalsel",
        "Bersama Banjarbaru",
    }


def test_the_province_sees_every_activity_of_its_cities(users, activities):
    assert _titles(Activity.objects.visible_to(users["provincial_officer"])) == {
        activity.title for activity in activities.values()
    }


def test_owners_and_inactive_staff_see_no_activity(users, activities):
    assert not Activity.objects.visible_to(users["ikm_owner"]).exists()
    officer = users["officer"]
    officer.is_active = False
    assert not Activity.objects.visible_to(officer).exists()
    assert not Activity.objects.editable_by(officer).exists()


def test_a_joint_activity_is_visible_to_both_offices(users, activities):
    joint = activities["joint_by_province"]
    assert Activity.objects.visible_to(users["officer"]).filter(pk=joint.pk).exists()
    assert Activity.objects.visible_to(users["provincial_officer"]).filter(pk=joint.pk).exists()
    assert not Activity.objects.visible_to(users["other_city_officer"]).filter(pk=joint.pk).exists()


def test_only_the_organising_office_changes_an_activity(users, activities):
    assert _titles(Activity.objects.editable_by(users["officer"])) == {
        "Bimtek Banjarmasin",
        "Bersama kota",
    }
    assert _titles(Activity.objects.editable_by(users["provincial_officer"])) == {
        "Pameran Kalsel",
        "Bersama provinsi",
    }
    assert _titles(Activity.objects.editable_by(users["other_city_officer"])) == {
        "Bimtek Banjarbaru",
        "Bersama Banjarbaru",
    }
    assert not Activity.objects.editable_by(users["ikm_owner"]).exists()


def test_a_joint_activity_is_changed_only_by_its_organiser(users, activities):
    joint = activities["joint_by_province"]
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=users["officer"], activity=joint, expected_version=1, title="Diubah kota"
        )
    services.activity_update(
        actor=users["provincial_officer"], activity=joint, expected_version=1, title="Diubah"
    )
    joint.refresh_from_db()
    assert (joint.title, joint.version) == ("Diubah", 2)


# Database rules


def test_an_activity_cannot_end_before_it_starts(banjarmasin):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(
            city_office=banjarmasin,
            starts_on=datetime.date(2026, 5, 2),
            ends_on=datetime.date(2026, 5, 1),
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"organiser": "city", "province": True},  # a city activity without a city office
        {"organiser": "province"},  # a province activity with a city office and none of its own
        {"organiser": "joint"},  # a joint activity without the province office
    ],
)
def test_the_offices_must_match_the_organiser(banjarmasin, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(**fields)


def test_a_joint_activity_is_owned_by_one_of_its_offices(banjarmasin, banjarbaru, kalsel):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(
            joint=True, city_office=banjarmasin, province_office=kalsel, owner_office=banjarbaru
        )


def test_an_ikm_takes_part_once(banjarmasin):
    participant = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityParticipantFactory(activity=participant.activity, ikm=participant.ikm)


# Recording activities


def _fields(**changes):
    today = office_today()
    return {
        "kind": "bimtek",
        "title": "  Bimtek kemasan  ",
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=2),
        "venue": "Hotel Aston",
        "organiser": ActivityOrganiser.CITY,
        "budget_source": "apbd_kota",
        **changes,
    }


def test_city_staff_record_a_city_activity_of_their_office(users, banjarmasin):
    activity = services.activity_create(actor=users["officer"], **_fields())
    assert activity.title == "Bimtek kemasan"
    assert (activity.city_office, activity.province_office) == (banjarmasin, None)
    assert activity.owner_office == banjarmasin
    event = Events.objects.tracks(activity).get()
    assert event.pgh_context["user"] == users["officer"].pk


def test_city_staff_record_a_joint_activity_with_their_province(users, banjarmasin, kalsel):
    activity = services.activity_create(
        actor=users["supervisor"], **_fields(organiser=ActivityOrganiser.JOINT)
    )
    assert (activity.city_office, activity.province_office) == (banjarmasin, kalsel)
    assert activity.owner_office == banjarmasin


def test_the_province_records_a_joint_activity_with_a_city_of_the_province(
    users, banjarbaru, kalsel
):
    activity = services.activity_create(
        actor=users["provincial_officer"],
        **_fields(organiser=ActivityOrganiser.JOINT, budget_source="dak"),
        city_office=banjarbaru,
    )
    assert (activity.city_office, activity.province_office) == (banjarbaru, kalsel)
    assert activity.owner_office == kalsel


def test_a_joint_activity_of_the_province_needs_a_city_of_the_province(users, kalsel):
    other_province_city = OrganisationFactory(region=region("64.71"))
    for city_office in (None, other_province_city, kalsel):
        with pytest.raises(ValidationError) as error:
            services.activity_create(
                actor=users["provincial_officer"],
                **_fields(organiser=ActivityOrganiser.JOINT),
                city_office=city_office,
            )
        assert "city_office" in error.value.message_dict
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("role", "organiser"),
    [("officer", ActivityOrganiser.PROVINCE), ("provincial_officer", ActivityOrganiser.CITY)],
)
def test_an_office_cannot_record_for_another_kind_of_organiser(users, role, organiser):
    with pytest.raises(ValidationError) as error:
        services.activity_create(actor=users[role], **_fields(organiser=organiser))
    assert "organiser" in error.value.message_dict
    assert not Activity.objects.exists()


def test_owners_do_not_record_activities(users):
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=users["ikm_owner"], **_fields())


def test_an_activity_ending_before_it_starts_is_refused_on_the_field(users):
    today = office_today()
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            actor=users["officer"], **_fields(ends_on=today - datetime.timedelta(days=1))
        )
    assert "ends_on" in error.value.message_dict
    assert not Activity.objects.exists()


def test_an_edit_on_an_old_version_is_a_conflict(users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    services.activity_update(
        actor=users["officer"], activity=activity, expected_version=1, venue="Balai Kota"
    )
    stale = Activity.objects.get(pk=activity.pk)
    with pytest.raises(EditConflict):
        services.activity_update(
            actor=users["supervisor"], activity=stale, expected_version=1, venue="Aula"
        )
    stale.refresh_from_db()
    assert (stale.venue, stale.version) == ("Balai Kota", 2)


def test_the_organiser_kind_cannot_be_changed_by_an_edit(users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    with pytest.raises(TypeError):
        services.activity_update(
            actor=users["officer"], activity=activity, expected_version=1, organiser="joint"
        )


# Participants, attendance, certificates


def test_participants_are_chosen_among_the_ikms_the_actor_sees(users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    ours = IkmFactory.create_batch(2)
    added = services.participants_add(actor=users["officer"], activity=activity, ikms=ours)
    assert {p.ikm for p in added} == set(ours)
    # Adding again leaves them as they are.
    assert services.participants_add(actor=users["officer"], activity=activity, ikms=ours) == []
    other_city = IkmFactory(banjarbaru=True)
    with pytest.raises(ValidationError) as error:
        services.participants_add(
            actor=users["officer"], activity=activity, ikms=[ours[0], other_city]
        )
    assert "ikms" in error.value.message_dict
    assert activity.participants.count() == 2


def test_only_the_organiser_adds_participants(users, kalsel):
    activity = ActivityFactory(province=True, province_office=kalsel)
    ikm = IkmFactory()
    with pytest.raises(PermissionDenied):
        services.participants_add(actor=users["officer"], activity=activity, ikms=[ikm])
    services.participants_add(actor=users["provincial_officer"], activity=activity, ikms=[ikm])
    assert activity.participants.get().ikm == ikm


def test_attendance_is_marked_per_participant_with_history(users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    came, absent, unmarked = ActivityParticipantFactory.create_batch(3, activity=activity)
    changed = services.attendance_mark(
        actor=users["officer"],
        activity=activity,
        attendance={came.pk: True, absent.pk: False, unmarked.pk: None},
        notes={absent.pk: "Sakit"},
    )
    assert changed == 2
    values = dict(ActivityParticipant.objects.values_list("pk", "attended"))
    assert values == {came.pk: True, absent.pk: False, unmarked.pk: None}
    absent.refresh_from_db()
    assert absent.note == "Sakit"
    assert Events.objects.tracks(came).filter(pgh_label="update").count() == 1


def test_attendance_waits_for_the_activity_to_start(users, banjarmasin):
    today = office_today()
    activity = ActivityFactory(
        city_office=banjarmasin,
        starts_on=today + datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=4),
    )
    participant = ActivityParticipantFactory(activity=activity)
    with pytest.raises(ValidationError):
        services.attendance_mark(
            actor=users["officer"], activity=activity, attendance={participant.pk: True}
        )
    participant.refresh_from_db()
    assert participant.attended is None


def test_attendance_of_another_activitys_participant_is_refused(users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    stranger = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    with pytest.raises(ValidationError):
        services.attendance_mark(
            actor=users["officer"], activity=activity, attendance={stranger.pk: True}
        )
    stranger.refresh_from_db()
    assert stranger.attended is None


def test_a_certificate_is_an_issued_licence_of_the_participating_ikm(users, banjarmasin):
    participant = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    issued = LicenceFactory(ikm=participant.ikm)
    services.certificate_link(actor=users["officer"], participant=participant, licence=issued)
    assert list(participant.certificates.all()) == [issued]
    for licence in (
        LicenceFactory(),  # another IKM's
        LicenceFactory(ikm=participant.ikm, applied=True),  # not issued
        issued,  # linked already
    ):
        with pytest.raises(ValidationError) as error:
            services.certificate_link(
                actor=users["officer"], participant=participant, licence=licence
            )
        assert "licence" in error.value.message_dict
    assert participant.certificates.count() == 1


def test_only_the_organiser_links_certificates(users, banjarmasin):
    participant = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    licence = LicenceFactory(ikm=participant.ikm)
    colleague_elsewhere = UserFactory(
        role=Role.SUPERVISOR, organisation=OrganisationFactory(banjarbaru=True)
    )
    for actor in (users["provincial_officer"], colleague_elsewhere, users["ikm_owner"]):
        with pytest.raises(PermissionDenied):
            services.certificate_link(actor=actor, participant=participant, licence=licence)
    assert not participant.certificates.exists()
