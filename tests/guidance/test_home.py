"""The home page of each role; the owner's shows each licence's standing and open requests."""

import datetime

import pytest
from django.urls import reverse

from licensing.dates import office_today
from tests.factories import CaseFactory, IkmFactory, LicenceFactory, UserFactory, licence_type

pytestmark = pytest.mark.django_db


def _ikm_of(owner, **kwargs):
    return IkmFactory(owners=[owner], **kwargs)


def test_owner_home_says_when_a_pirt_expires_soon_and_offers_help(client, users):
    owner = users["ikm_owner"]
    ikm = _ikm_of(owner, name="Amplang Haruan")
    soon = office_today() + datetime.timedelta(days=20)
    LicenceFactory(ikm=ikm, issued_on=soon - datetime.timedelta(days=5 * 365), valid_until=soon)
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert "Amplang Haruan" in page
    assert "standing--warning" in page
    assert "20 hari" in page  # "kedaluwarsa dalam 20 hari"
    assert f"{reverse('guidance:case_request')}?ikm={ikm.pk}&amp;jenis=pirt" in page


def test_owner_home_links_carry_ids_without_digit_grouping(client, users):
    # Indonesian number formatting groups thousands with dots; an id in a link must never be
    # written "1.234", or the request form would receive the wrong IKM (or none).
    owner = users["ikm_owner"]
    ikm = _ikm_of(owner, pk=12345)
    soon = office_today() + datetime.timedelta(days=20)
    LicenceFactory(ikm=ikm, issued_on=soon - datetime.timedelta(days=5 * 365), valid_until=soon)
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert f'{reverse("guidance:case_request")}?ikm=12345"' in page
    assert f"{reverse('guidance:case_request')}?ikm=12345&amp;jenis=pirt" in page
    assert "12.345" not in page


def test_owner_home_marks_an_expired_licence_for_renewal(client, users):
    owner = users["ikm_owner"]
    LicenceFactory(ikm=_ikm_of(owner), expired=True)
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert "standing--danger" in page
    assert "standing--good" not in page


def test_owner_home_hides_a_licence_replaced_by_its_granted_renewal(client, users):
    owner = users["ikm_owner"]
    old = LicenceFactory(ikm=_ikm_of(owner), expiry_recorded=True)
    new = LicenceFactory(ikm=old.ikm, product=old.product, renews=old)
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert f'data-licence="{new.pk}"' in page
    assert f'data-licence="{old.pk}"' not in page


def test_owner_home_shows_only_the_owners_own_businesses(client, users):
    owner = users["ikm_owner"]
    _ikm_of(owner, name="Milik Sendiri")
    other = _ikm_of(UserFactory(owner=True), name="Milik Orang Lain")
    LicenceFactory(ikm=other)
    CaseFactory(ikm=other)
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert "Milik Sendiri" in page
    assert "Milik Orang Lain" not in page


def test_owner_home_lists_open_cases_not_closed_ones(client, users):
    owner = users["ikm_owner"]
    ikm = _ikm_of(owner)
    open_case = CaseFactory(ikm=ikm)
    closed = CaseFactory(ikm=ikm, status="cancelled")
    client.force_login(owner)

    page = client.get("/").content.decode()

    assert open_case.get_absolute_url() in page
    assert closed.get_absolute_url() not in page


def test_owner_home_queries_do_not_grow_with_licences(client, users, django_assert_max_num_queries):
    owner = users["ikm_owner"]
    client.force_login(owner)
    for _ in range(3):
        ikm = _ikm_of(owner)
        LicenceFactory(ikm=ikm)
        LicenceFactory(ikm=ikm, nib=True)
        CaseFactory(ikm=ikm)
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    for _ in range(6):
        ikm = _ikm_of(owner)
        LicenceFactory.create_batch(3, ikm=ikm)
        CaseFactory(ikm=ikm)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_staff_home_counts_licences_expiring_and_open_cases(client, users):
    soon = office_today() + datetime.timedelta(days=30)
    LicenceFactory(issued_on=soon - datetime.timedelta(days=5 * 365), valid_until=soon)
    LicenceFactory()  # valid for years
    CaseFactory()
    CaseFactory(status="cancelled")
    client.force_login(users["officer"])

    response = client.get("/")

    assert response.context["expiring_soon"] == 1
    assert response.context["open_cases"] == 1


def test_staff_home_counts_nothing_of_another_city(client, users):
    LicenceFactory(
        ikm=IkmFactory(banjarbaru=True),
        licence_type=licence_type("pirt"),
        issued_on=office_today() - datetime.timedelta(days=5 * 365 - 10),
    )
    CaseFactory(ikm=IkmFactory(banjarbaru=True))
    client.force_login(users["officer"])

    response = client.get("/")

    assert (response.context["expiring_soon"], response.context["open_cases"]) == (0, 0)
