"""Recording an IKM's P3DN participation: city staff only, errors shown again, nothing half
saved."""

import datetime

import pytest

from licensing.constants import P3dnKind
from licensing.dates import office_today
from licensing.models import P3dnParticipation
from tests.factories import IkmFactory

pytestmark = pytest.mark.django_db

TODAY = office_today()


@pytest.fixture
def ikm(users):
    return IkmFactory(name="Amplang Kuin", owners=[users["ikm_owner"]])


def url(ikm) -> str:
    return f"/perizinan/ikm/{ikm.pk}/p3dn/"


def form_data(**changes) -> dict:
    data = {
        "p3dn-kind": P3dnKind.EXHIBITION,
        "p3dn-date": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "p3dn-note": "Pameran Produk Dalam Negeri, Banjarmasin",
    }
    return {**data, **changes}


@pytest.mark.parametrize("role", ["administrator", "supervisor", "officer"])
def test_city_staff_record_a_participation(client, users, ikm, role):
    client.force_login(users[role])
    response = client.post(url(ikm), form_data())
    assert response.status_code == 302
    assert response["Location"] == f"{ikm.get_absolute_url()}#procurement-heading"
    participation = P3dnParticipation.objects.get()
    assert participation.ikm == ikm
    assert participation.kind == P3dnKind.EXHIBITION
    assert participation.date == TODAY - datetime.timedelta(days=3)
    assert participation.recorded_by == users[role]


def test_the_participation_then_shows_on_the_ikm_page(client, users, ikm):
    client.force_login(users["officer"])
    client.post(url(ikm), form_data())
    text = client.get(ikm.get_absolute_url()).content.decode()
    assert "Pameran Produk Dalam Negeri, Banjarmasin" in text


def test_today_is_allowed(client, users, ikm):
    client.force_login(users["officer"])
    response = client.post(url(ikm), form_data(**{"p3dn-date": TODAY.isoformat()}))
    assert response.status_code == 302
    assert P3dnParticipation.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("p3dn-date", (TODAY + datetime.timedelta(days=1)).isoformat()),  # not yet happened
        ("p3dn-date", ""),
        ("p3dn-date", "31-02-2026"),
        ("p3dn-kind", ""),
        ("p3dn-kind", "seminar"),  # not a P3DN kind
    ],
)
def test_bad_input_is_shown_again_with_its_error_and_nothing_is_saved(
    client, users, ikm, field, value
):
    client.force_login(users["officer"])
    response = client.post(url(ikm), form_data(**{field: value}))
    assert response.status_code == 200
    text = response.content.decode()
    assert f'id="id_{field}_error"' in text
    assert 'aria-invalid="true"' in text
    # What was typed is kept.
    assert "Pameran Produk Dalam Negeri, Banjarmasin" in text
    assert not P3dnParticipation.objects.exists()


def test_city_staff_open_the_form_on_its_own_page(client, users, ikm):
    client.force_login(users["officer"])
    response = client.get(url(ikm))
    assert response.status_code == 200
    assert 'name="p3dn-kind"' in response.content.decode()


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner"])
def test_the_province_and_owners_are_refused(client, users, ikm, role):
    client.force_login(users[role])
    assert client.post(url(ikm), form_data()).status_code == 403
    assert not P3dnParticipation.objects.exists()


def test_another_city_gets_404(client, users, ikm):
    client.force_login(users["other_city_officer"])
    assert client.post(url(ikm), form_data()).status_code == 404
    assert not P3dnParticipation.objects.exists()


def test_an_unknown_ikm_is_not_found(client, users):
    client.force_login(users["officer"])
    assert client.post("/perizinan/ikm/999999/p3dn/", form_data()).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, ikm):
    response = client.post(url(ikm), form_data())
    assert response.status_code == 302
    assert not P3dnParticipation.objects.exists()
