"""The demo cases: one at each stage an officer meets, opened through the services, once."""

import pytest
from django.core.management import call_command
from django.db import transaction

from guidance.constants import CaseStatus
from guidance.models import Case, CaseEntry
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
