"""The scale generator: a small run holds data the portal's own rules accept, the same seed
gives the same data, and IKMs are spread over the country as people are."""

import hashlib

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F

from benchmarks.generator import BENCH_PASSWORD, RegistryNotEmptyError, generate
from guidance.models import Activity, Case
from licensing.dates import office_today
from licensing.models import Licence
from registry.models import Ikm, Sentra, YearlySnapshot
from sentra_portal.constants import Role
from sentra_portal.models import User
from tests.factories import IkmFactory

pytestmark = pytest.mark.django_db

SCALE = 0.002  # 2,000 IKMs


@pytest.fixture
def generated():
    return generate(scale=SCALE, seed=7, report=lambda line: None)


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(string_agg(i.name || coalesce(i.nib, '') || i.kelurahan_id "
            "|| i.workers_total, ',' ORDER BY i.id)) FROM registry_ikm i"
        )
        ikms = cursor.fetchone()[0]
        cursor.execute(
            "SELECT md5(string_agg(l.licence_type_id || l.status || l.number "
            "|| coalesce(l.valid_until::text, ''), ',' ORDER BY l.ikm_id, l.licence_type_id, "
            "l.number)) FROM licensing_licence l"
        )
        licences = cursor.fetchone()[0]
    return hashlib.sha256(f"{ikms}{licences}".encode()).hexdigest()


def test_rows_are_made_in_proportion_to_the_scale(generated):
    ikms = Ikm.objects.count()
    assert 1_900 <= ikms <= 2_200  # rounding per city, at least one IKM in each
    assert generated["ikms"] == ikms
    assert 2.5 <= Licence.objects.count() / ikms <= 3.5
    assert Sentra.objects.count() >= 514  # at least one in every city and regency
    assert Case.objects.count() == 400
    assert Activity.objects.count() == 40
    assert YearlySnapshot.objects.values("ikm").distinct().count() == pytest.approx(
        ikms / 10, rel=0.3
    )


def test_java_holds_more_ikms_than_papua(generated):
    def in_province(code):
        return Ikm.objects.filter(city__parent=code).count()

    assert in_province("32") > 10 * in_province("91")
    assert Ikm.objects.values("city").distinct().count() == 514


def test_ikms_live_in_their_city_and_sentra_members_in_the_sentras_village(generated):
    assert not Ikm.objects.exclude(kelurahan__parent__parent=F("city")).exists()
    assert not Licence.objects.exclude(city=F("ikm__city")).exists()
    assert not Case.objects.exclude(city=F("ikm__city")).exists()
    for ikm in Ikm.objects.filter(sentra__isnull=False).select_related("sentra")[:200]:
        assert ikm.sentra.city_id == ikm.city_id
        assert ikm.sentra.kelurahans.filter(pk=ikm.kelurahan_id).exists()


def test_every_kind_of_licence_passes_the_portals_own_validation(generated):
    today = office_today()
    samples = Licence.objects.order_by("licence_type_id", "status", "id").distinct(
        "licence_type_id", "status"
    )
    assert samples.count() >= 60
    for licence in samples:
        licence.full_clean()
    assert not Licence.objects.filter(status="expired", valid_until__gte=today).exists()
    assert Licence.objects.expiring_within(90).exists()
    assert Licence.objects.passed_expiry().exists()


def test_the_bench_accounts_can_sign_in_where_the_data_is(generated):
    officer = User.objects.get(username="bench.officer")
    provincial = User.objects.get(username="bench.provinsi")
    owner = User.objects.get(username="bench.pemilik")
    admin = User.objects.get(username="bench.admin")
    assert (officer.role, provincial.role, owner.role) == (
        Role.OFFICER,
        Role.PROVINCIAL_OFFICER,
        Role.IKM_OWNER,
    )
    assert admin.is_superuser
    city = officer.organisation.region_id
    assert provincial.organisation.region.level == "provinsi"
    owned = Ikm.objects.get(owners=owner)
    assert owned.city_id == city
    assert owned.licences.exists()
    assert Case.objects.filter(assigned_to=officer).exists()
    assert officer.check_password(BENCH_PASSWORD)


def test_the_same_seed_gives_the_same_data():
    with transaction.atomic():
        generate(scale=SCALE, seed=11, report=lambda line: None)
        first = _fingerprint()
        transaction.set_rollback(True)
    generate(scale=SCALE, seed=11, report=lambda line: None)
    assert _fingerprint() == first


def test_an_existing_registry_is_never_filled():
    IkmFactory()
    with pytest.raises(RegistryNotEmptyError):
        generate(scale=SCALE, seed=1, report=lambda line: None)


def test_the_command_prints_each_step(capsys):
    call_command("generate_scale_data", scale=SCALE, seed=3)
    out = capsys.readouterr().out
    for step in ("regions", "sentras", "ikms", "licences", "cases", "participants"):
        assert step in out
