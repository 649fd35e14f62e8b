import pytest
from django.http import Http404

from registry.models import Ikm, Sentra
from sentra_portal.scoping import get_editable_or_404, get_visible_or_404, may_edit
from tests.factories import IkmFactory, ProductFactory, SentraFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(users):
    bjm_sentra = SentraFactory()
    bjb_sentra = SentraFactory(banjarbaru=True)
    return {
        "bjm_sentra": bjm_sentra,
        "bjb_sentra": bjb_sentra,
        "owned_ikm": IkmFactory(sentra=bjm_sentra, owners=[users["ikm_owner"]]),
        "other_ikm": IkmFactory(sentra=bjm_sentra),
        "bjb_ikm": IkmFactory(banjarbaru=True, sentra=bjb_sentra),
    }


@pytest.mark.parametrize("role", ["administrator", "supervisor", "officer"])
def test_city_staff_see_and_change_only_their_city(users, records, role):
    user = users[role]
    assert set(Sentra.objects.visible_to(user)) == {records["bjm_sentra"]}
    assert set(Sentra.objects.editable_by(user)) == {records["bjm_sentra"]}
    assert set(Ikm.objects.visible_to(user)) == {records["owned_ikm"], records["other_ikm"]}


def test_the_other_city_sees_none_of_banjarmasin(users, records):
    user = users["other_city_officer"]
    assert set(Sentra.objects.visible_to(user)) == {records["bjb_sentra"]}
    assert set(Ikm.objects.visible_to(user)) == {records["bjb_ikm"]}


def test_provincial_officer_sees_every_city_of_the_province_and_changes_nothing(users, records):
    user = users["provincial_officer"]
    assert set(Sentra.objects.visible_to(user)) == {records["bjm_sentra"], records["bjb_sentra"]}
    assert Ikm.objects.visible_to(user).count() == 3
    assert not Sentra.objects.editable_by(user).exists()
    assert not Ikm.objects.editable_by(user).exists()


def test_provincial_officer_does_not_see_another_province(users, records):
    SentraFactory(city_id="64.71")  # Kota Balikpapan, Kalimantan Timur
    assert Sentra.objects.visible_to(users["provincial_officer"]).count() == 2


def test_owner_sees_only_their_own_ikm_and_no_sentra(users, records):
    user = users["ikm_owner"]
    assert list(Ikm.objects.visible_to(user)) == [records["owned_ikm"]]
    assert not Sentra.objects.visible_to(user).exists()
    assert not Ikm.objects.editable_by(user).exists()


def test_deactivated_account_sees_nothing(users, records):
    user = users["officer"]
    user.is_active = False
    assert not Sentra.objects.visible_to(user).exists()
    assert not Sentra.objects.editable_by(user).exists()


def test_single_record_helper_answers_404_for_missing_and_not_yours_alike(users, records):
    owner = users["ikm_owner"]
    assert get_visible_or_404(Ikm, owner, pk=records["owned_ikm"].pk) == records["owned_ikm"]
    for pk in [records["other_ikm"].pk, records["bjb_ikm"].pk, 999_999_999, "not-a-number"]:
        with pytest.raises(Http404):
            get_visible_or_404(Ikm, owner, pk=pk)


def test_editable_helper_refuses_provincial_officer_with_404(users, records):
    with pytest.raises(Http404):
        get_editable_or_404(Sentra, users["provincial_officer"], pk=records["bjm_sentra"].pk)
    sentra = get_editable_or_404(Sentra, users["officer"], pk=records["bjm_sentra"].pk)
    assert sentra == records["bjm_sentra"]


def test_may_edit_a_loaded_record_agrees_with_editable_by_for_every_account(users, records):
    officer = users["officer"]
    deactivated = UserFactory(role=officer.role, organisation=officer.organisation)
    deactivated.is_active = False
    for user in [*users.values(), deactivated]:
        for record in records.values():
            in_query = type(record).objects.editable_by(user).filter(pk=record.pk).exists()
            assert may_edit(user, record) == in_query, (user.username, record)


def test_may_edit_refuses_a_record_whose_city_is_behind_a_relation(users):
    with pytest.raises(ValueError, match="not a field of its own"):
        may_edit(users["officer"], ProductFactory())


def test_a_province_scope_is_written_into_the_statement(users, records):
    """`code__under` writes the region's code into the SQL (a prepared read is then planned
    for that province, not for any pattern), and only a region code."""
    visible = Ikm.objects.visible_to(users["provincial_officer"])
    sql, params = visible.query.sql_with_params()
    assert "LIKE '63.%%'" in sql
    assert not any("63" in str(param) for param in params)
    assert set(Ikm.objects.filter(kelurahan__code__under="63.71")) == {
        records["owned_ikm"],
        records["other_ikm"],
    }
    assert not Ikm.objects.filter(city__code__under="64").exists()
    for not_a_code in ("63' OR '1'='1", "6", "63.", "63.71.%"):
        with pytest.raises(ValueError, match="not a region code"):
            list(Ikm.objects.filter(city__code__under=not_a_code))
