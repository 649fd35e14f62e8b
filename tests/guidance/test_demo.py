"""The demo cases (one at each stage an officer meets) and activities, recorded once."""

import pytest
from django.core.management import call_command
from django.db import transaction

from guidance.constants import ActivityKind, ActivityOrganiser, BudgetSource, CaseStatus
from guidance.demo import (
    BIMTEK_ABSENT,
    BIMTEK_CERTIFIED,
    BIMTEK_TITLE,
    EXHIBITION_TITLE,
    load_activity_demo,
)
from guidance.models import Activity, ActivityParticipant, Case, CaseEntry
from licensing.constants import LicenceStatus
from licensing.dates import office_today
from registry.demo import OWNED_IKM

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def test_the_demo_has_a_case_at_each_stage(demo):
    cases = {case.status: case for case in Case.objects.select_related("ikm", "assigned_to")}
    assert sorted(cases) == sorted([CaseStatus.SUBMITTED, CaseStatus.IN_PROGRESS, CaseStatus.DONE])
    assert cases[CaseStatus.SUBMITTED].ikm.name == OWNED_IKM
    assert cases[CaseStatus.SUBMITTED].requested_by.username == "pemilik.amplang"
    assert cases[CaseStatus.IN_PROGRESS].assigned_to.username == "petugas.bjm"
    assert cases[CaseStatus.DONE].outcome == "succeeded"


def test_loading_the_demo_twice_opens_no_case_again(demo):
    counts = (Case.objects.count(), CaseEntry.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Case.objects.count(), CaseEntry.objects.count()) == counts


def test_the_demo_has_a_city_bimtek_and_a_joint_exhibition(demo):
    bimtek = Activity.objects.get(title=BIMTEK_TITLE)
    assert (bimtek.kind, bimtek.organiser, bimtek.budget_source) == (
        ActivityKind.BIMTEK,
        ActivityOrganiser.CITY,
        BudgetSource.APBD_CITY,
    )
    today = office_today()
    assert bimtek.starts_on.year == today.year and bimtek.ends_on <= today
    attendance = {p.ikm.name: p.attended for p in bimtek.participants.select_related("ikm")}
    assert len(attendance) == 5
    assert {name for name, attended in attendance.items() if not attended} == {BIMTEK_ABSENT}
    assert {ikm.city_id for ikm in _ikms(bimtek)} == {"63.71"}
    certified = bimtek.participants.get(ikm__name=BIMTEK_CERTIFIED)
    (licence,) = certified.certificates.all()
    assert (licence.licence_type_id, licence.status) == ("pirt", LicenceStatus.ISSUED)
    assert licence.ikm_id == certified.ikm_id

    exhibition = Activity.objects.get(title=EXHIBITION_TITLE)
    assert (exhibition.kind, exhibition.organiser, exhibition.budget_source) == (
        ActivityKind.EXHIBITION,
        ActivityOrganiser.JOINT,
        BudgetSource.APBD_PROVINCE,
    )
    assert exhibition.city_office.region_id == "63.71"
    assert exhibition.province_office.region_id == "63"
    assert exhibition.participants.count() == 3
    assert exhibition.starts_on.year == today.year and exhibition.ends_on <= today


def _ikms(activity):
    return [p.ikm for p in activity.participants.select_related("ikm")]


def test_loading_the_demo_twice_records_no_activity_again(demo):
    counts = (
        Activity.objects.count(),
        ActivityParticipant.objects.count(),
        ActivityParticipant.certificates.through.objects.count(),
    )
    call_command("load_demo", verbosity=0)
    assert (
        Activity.objects.count(),
        ActivityParticipant.objects.count(),
        ActivityParticipant.certificates.through.objects.count(),
    ) == counts
    assert load_activity_demo() == 0
