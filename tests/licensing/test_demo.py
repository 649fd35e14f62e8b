"""The demo licences: realistic, valid against the catalogue, dated from today, idempotent."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from pghistory.models import Events

from licensing.constants import DjkiStage, LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence, LicenceStatusChange
from registry.demo import OWNED_IKM
from registry.models import Ikm
from sentra_portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (through the services it takes a while) in a
    transaction rolled back at the end; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def statuses(licences) -> list[str]:
    return sorted(licence.status for licence in licences)


def test_loading_the_demo_twice_changes_nothing(demo):
    models = [Ikm, Licence, LicenceStatusChange, User]
    counts = [model.objects.count() for model in models]
    events = Events.objects.count()
    call_command("load_demo", verbosity=0)
    assert [model.objects.count() for model in models] == counts
    assert Events.objects.count() == events


def test_every_demo_licence_is_valid_and_has_its_timeline(demo):
    licences = Licence.objects.select_related("licence_type", "product", "ikm")
    assert licences.count() >= 30
    for licence in licences:
        licence.full_clean()  # numbers match the catalogue's patterns, fields complete
        steps = licence.status_changes.count()
        assert steps == {"planned": 1, "applied": 2, "issued": 3}[licence.status], licence


def test_the_demo_owner_has_a_pirt_expiring_soon_and_a_licence_in_each_status(demo):
    owner = User.objects.get(username="pemilik.amplang")
    ikm = owner.ikms.get()
    assert ikm.name == OWNED_IKM
    today = office_today()
    pirt = Licence.objects.get(ikm=ikm, licence_type="pirt")
    assert pirt.status == LicenceStatus.ISSUED
    assert today <= pirt.valid_until <= today + datetime.timedelta(days=30)
    others = Licence.objects.filter(ikm=ikm).exclude(pk=pirt.pk)
    assert {"issued", "applied", "planned"} <= set(statuses(others))
    trademark = others.get(licence_type="merek")
    assert (trademark.status, trademark.djki_stage) == ("applied", DjkiStage.ANNOUNCEMENT)


def test_pirts_expire_within_30_60_and_90_days_and_one_has_passed(demo):
    licences = Licence.objects.filter(licence_type="pirt")
    for days in (30, 60, 90):
        assert licences.expiring_within(days).count() > licences.expiring_within(days - 30).count()
    assert licences.passed_expiry().count() == 1


def test_the_demo_has_each_kind_of_licence_the_design_names(demo):
    issued = Licence.objects.filter(status=LicenceStatus.ISSUED)
    assert Licence.objects.filter(licence_type="nib", status="issued").count() >= 12
    assert issued.filter(licence_type="halal").exists()
    assert issued.filter(licence_type="sni").exists()
    assert issued.filter(licence_type="merek", djki_stage=DjkiStage.REGISTERED).count() == 1
    tkdn = issued.get(licence_type="tkdn")
    assert (tkdn.tkdn_percent, tkdn.bmp_percent) == (Decimal("32"), Decimal("10"))
    listing = issued.get(licence_type="e_katalog")
    assert listing.distribution_permit.licence_type_id == "pirt"
    assert listing.valid_until == listing.distribution_permit.valid_until


def test_most_demo_ikms_have_an_nib(demo):
    ikms = Ikm.objects.count()
    with_nib = Licence.objects.filter(licence_type="nib", status="issued").count()
    assert with_nib > ikms / 2
    for licence in Licence.objects.filter(licence_type="nib", status="issued"):
        assert licence.number == licence.ikm.nib
