"""The e-Katalog readiness rules (licensing/readiness.py) at each boundary, and its page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from licensing import readiness
from licensing.dates import add_months, office_today
from licensing.models import Licence
from licensing.readiness import ikm_readiness, is_food_kbli
from tests.factories import (
    IkmFactory,
    ProductFactory,
    UserFactory,
    kbli,
    licence_of,
)

TODAY = office_today()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def valid_until(day: datetime.date) -> dict:
    """An issued licence (counted 5 years from its issue) valid until `day`."""
    return {"issued_on": add_months(day, -60), "valid_until": day}


@pytest.mark.parametrize(
    ("code", "food"),
    [
        ("10213", True),  # fish freezing: division 10, food
        ("10792", True),
        ("101", True),  # a group of division 10
        ("11040", True),  # soft drinks: division 11, beverages
        ("12011", False),  # tobacco: division 12, not food
        ("13134", False),  # batik
        ("09900", False),
        ("1", False),
        ("", False),
        (None, False),
    ],
)
def test_food_is_kbli_divisions_10_and_11(code, food):
    assert is_food_kbli(code) is food


# The rules, on records


pytestmark = pytest.mark.django_db


@pytest.fixture
def ikm():
    """A food IKM (fish freezing) with soft drinks as its other line of business."""
    ikm = IkmFactory(primary_kbli=kbli("10213"), nib="9120001234567")
    ikm.other_kbli.set([kbli("11040")])
    return ikm


@pytest.fixture
def product(ikm):
    return ProductFactory(ikm=ikm, name="Amplang", kbli=kbli("10213"))


def checks_of(ikm, product=None, *, today=TODAY, may_edit=False) -> dict:
    """{rule code: Check} of the product (the business's checks without one)."""
    licences = list(Licence.objects.filter(ikm=ikm).select_related("licence_type"))
    result = ikm_readiness(ikm, licences, today, may_edit=may_edit)
    if product is None:
        return {check.code: check for check in result.business}
    item = next(item for item in result.products if item.product == product)
    return {check.code: check for check in item.checks}


def passed(ikm, product=None, **kwargs) -> dict[str, bool]:
    return {code: check.passed for code, check in checks_of(ikm, product, **kwargs).items()}


# NIB


def test_an_issued_nib_passes(ikm):
    nib = licence_of("nib", ikm=ikm)
    check = checks_of(ikm)["nib"]
    assert check.passed
    assert check.next_step == ""
    assert check.link == nib.get_absolute_url()


@pytest.mark.parametrize(
    "state", [{"applied": True}, {"planned": True}, {"status": "revoked"}, {"status": "rejected"}]
)
def test_a_nib_not_issued_fails_with_the_licence_s_next_step(ikm, state):
    nib = licence_of("nib", ikm=ikm, **state)
    check = checks_of(ikm)["nib"]
    assert not check.passed
    assert check.next_step
    assert check.link == nib.get_absolute_url()


def test_a_nib_only_in_the_registry_fails_until_its_licence_is_recorded(ikm):
    check = checks_of(ikm, may_edit=True)["nib"]
    assert not check.passed
    assert ikm.nib in check.next_step
    assert check.link == f"/perizinan/ikm/{ikm.pk}/baru/?type=nib"


def test_no_nib_at_all_fails_and_staff_get_the_form_with_the_type_preselected():
    ikm = IkmFactory(nib=None)
    assert not checks_of(ikm)["nib"].passed
    assert checks_of(ikm)["nib"].link == ""  # owners and the province: no form to open
    assert checks_of(ikm, may_edit=True)["nib"].link.endswith("?type=nib")


def test_a_valid_nib_wins_over_an_older_revoked_one(ikm):
    licence_of("nib", ikm=ikm, status="revoked")
    licence_of("nib", ikm=ikm)
    assert passed(ikm)["nib"]


# KBLI


def test_the_product_kbli_matches_the_primary_kbli(ikm, product):
    assert passed(ikm, product)["kbli"]


def test_the_product_kbli_matches_another_kbli_of_the_ikm(ikm):
    drink = ProductFactory(ikm=ikm, kbli=kbli("11040"))
    assert passed(ikm, drink)["kbli"]


def test_a_product_kbli_the_ikm_does_not_have_fails(ikm):
    cake = ProductFactory(ikm=ikm, kbli=kbli("10792"))
    check = checks_of(ikm, cake, may_edit=True)["kbli"]
    assert not check.passed
    assert "10792" in check.next_step
    assert check.link == f"/registri/ikm/{ikm.pk}/ubah/"


def test_a_product_without_kbli_fails_and_leads_to_the_product_form(ikm):
    bare = ProductFactory(ikm=ikm, kbli=None)
    check = checks_of(ikm, bare, may_edit=True)["kbli"]
    assert not check.passed
    assert check.link == f"/registri/ikm/{ikm.pk}/produk/{bare.pk}/ubah/"


def test_an_ikm_without_kbli_fails():
    ikm = IkmFactory(primary_kbli=None)
    product = ProductFactory(ikm=ikm, kbli=kbli("10213"))
    assert not passed(ikm, product)["kbli"]


# Distribution permit and halal, for food only


def test_a_non_food_product_needs_neither_permit_nor_halal():
    ikm = IkmFactory(primary_kbli=kbli("13134"))
    batik = ProductFactory(ikm=ikm, kbli=kbli("13134"))
    assert set(checks_of(ikm, batik)) == {"kbli", "tkdn"}


def test_a_product_without_kbli_is_food_when_the_ikm_s_primary_kbli_is():
    ikm = IkmFactory(primary_kbli=kbli("10792"))
    product = ProductFactory(ikm=ikm, kbli=None)
    assert {"distribution_permit", "halal"} <= set(checks_of(ikm, product))


def test_a_food_product_needs_a_distribution_permit_and_halal(ikm, product):
    assert passed(ikm, product) == {
        "kbli": True,
        "distribution_permit": False,
        "halal": False,
        "tkdn": False,
    }


def test_a_p_irt_valid_until_today_still_counts(ikm, product):
    licence_of("pirt", ikm=ikm, product=product, **valid_until(TODAY))
    assert passed(ikm, product)["distribution_permit"]


def test_a_p_irt_that_expired_yesterday_does_not(ikm, product):
    licence = licence_of("pirt", ikm=ikm, product=product, **valid_until(YESTERDAY))
    check = checks_of(ikm, product)["distribution_permit"]
    assert not check.passed
    assert check.link == licence.get_absolute_url()


def test_a_p_irt_that_expires_tomorrow_fails_the_day_after(ikm, product):
    licence_of("pirt", ikm=ikm, product=product, **valid_until(TODAY))
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert not passed(ikm, product, today=tomorrow)["distribution_permit"]


def test_a_bpom_md_counts_as_a_distribution_permit(ikm, product):
    licence_of("bpom_md", ikm=ikm, product=product)
    assert passed(ikm, product)["distribution_permit"]


def test_a_p_irt_only_applied_for_fails(ikm, product):
    licence_of("pirt", ikm=ikm, product=product, applied=True)
    assert not passed(ikm, product)["distribution_permit"]


def test_another_product_s_permit_does_not_count(ikm, product):
    licence_of("pirt", ikm=ikm, product=ProductFactory(ikm=ikm, kbli=kbli("10213")))
    assert not passed(ikm, product)["distribution_permit"]


def test_the_permit_form_link_preselects_the_type_and_the_product(ikm, product):
    check = checks_of(ikm, product, may_edit=True)["distribution_permit"]
    assert check.link == f"/perizinan/ikm/{ikm.pk}/baru/?type=pirt&product={product.pk}"


def test_an_issued_halal_certificate_passes(ikm, product):
    licence_of("halal", ikm=ikm, product=product)
    assert passed(ikm, product)["halal"]


def test_a_revoked_halal_certificate_fails(ikm, product):
    licence_of("halal", ikm=ikm, product=product, status="revoked")
    assert not passed(ikm, product)["halal"]


# TKDN


def test_a_valid_tkdn_certificate_passes(ikm, product):
    licence_of("tkdn", ikm=ikm, product=product)
    assert passed(ikm, product)["tkdn"]


def test_a_tkdn_certificate_past_its_date_fails(ikm, product):
    licence_of("tkdn", ikm=ikm, product=product, **valid_until(YESTERDAY))
    assert not passed(ikm, product)["tkdn"]


# The whole


def test_a_product_is_ready_when_it_and_the_business_pass_everything(ikm, product):
    licence_of("nib", ikm=ikm)
    licence_of("pirt", ikm=ikm, product=product)
    licence_of("halal", ikm=ikm, product=product)
    licence_of("tkdn", ikm=ikm, product=product)
    listing = licence_of("e_katalog", ikm=ikm, product=product)
    result = ikm_readiness(
        ikm, list(Licence.objects.select_related("licence_type")), TODAY, may_edit=False
    )
    assert result.business_ready
    assert [item.product for item in result.ready_products] == [product]
    assert result.products[0].listing == listing


def test_no_product_is_ready_while_the_business_is_not(ikm, product):
    licence_of("pirt", ikm=ikm, product=product)
    licence_of("halal", ikm=ikm, product=product)
    licence_of("tkdn", ikm=ikm, product=product)
    result = ikm_readiness(ikm, list(Licence.objects.select_related("licence_type")), TODAY)
    assert result.products[0].ready
    assert not result.business_ready
    assert result.ready_products == []


def test_the_rules_read_nothing_from_the_database(ikm, product, django_assert_num_queries):
    licence_of("nib", ikm=ikm)
    licences = list(Licence.objects.select_related("licence_type"))
    ikm = type(ikm).objects.prefetch_related("other_kbli", "products__kbli").get(pk=ikm.pk)
    ikm.primary_kbli  # noqa: B018 (read before counting)
    with django_assert_num_queries(0):
        readiness.ikm_readiness(ikm, licences, TODAY, may_edit=True)


# The page


def url(ikm) -> str:
    return f"/perizinan/ikm/{ikm.pk}/kesiapan-ekatalog/"


def test_the_owner_sees_the_readiness_of_their_ikm(client, users, ikm, product):
    ikm.owners.set([users["ikm_owner"]])
    licence_of("nib", ikm=ikm)
    client.force_login(users["ikm_owner"])
    response = client.get(url(ikm))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-check="nib" data-passed="true"' in text
    assert 'data-check="halal" data-passed="false"' in text
    assert f'data-product="{product.pk}"' in text
    assert "/baru/?type=" not in text  # no staff form links for the owner


def test_another_owner_and_another_city_get_404(client, users, ikm):
    for user in (UserFactory(owner=True), users["other_city_officer"]):
        client.force_login(user)
        assert client.get(url(ikm)).status_code == 404


def test_staff_get_links_to_the_forms(client, users, ikm, product):
    client.force_login(users["officer"])
    text = client.get(url(ikm)).content.decode()
    assert f"/perizinan/ikm/{ikm.pk}/baru/?type=tkdn&amp;product={product.pk}" in text


def test_the_province_reads_without_form_links(client, users, ikm, product):
    client.force_login(users["provincial_officer"])
    response = client.get(url(ikm))
    assert response.status_code == 200
    assert "/baru/?type=" not in response.content.decode()


def test_the_page_s_query_count_does_not_grow_with_products_and_licences(client, users, ikm):
    client.force_login(users["officer"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(ikm)).status_code == 200
        return len(queries)

    ProductFactory(ikm=ikm, kbli=kbli("10213"))
    few = count()
    licence_of("nib", ikm=ikm)
    for _ in range(8):
        product = ProductFactory(ikm=ikm, kbli=kbli("10213"))
        licence_of("pirt", ikm=ikm, product=product)
        licence_of("tkdn", ikm=ikm, product=product)
    assert count() == few
    assert few <= 9
