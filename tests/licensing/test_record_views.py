"""The new-licence form and the correction form, as city staff use them."""

import datetime
import re

import pytest

from licensing.constants import LicenceStatus
from licensing.models import Licence, LicenceStatusChange
from tests.factories import IkmFactory, LicenceFactory, ProductFactory, licence_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(users):
    return ProductFactory(
        name="Amplang ikan pipih",
        ikm=IkmFactory(name="Amplang Bu Salmah", owners=[users["ikm_owner"]]),
    )


@pytest.fixture
def ikm(product):
    return product.ikm


def create_path(ikm) -> str:
    return f"/perizinan/ikm/{ikm.pk}/baru/"


def field_names(response) -> set[str]:
    """The names of the licence form's inputs, selects and text areas."""
    text = response.content.decode()
    form = text[
        text.index('id="licence-form"') : text.index("</form>", text.index('id="licence-form"'))
    ]
    return set(re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', form))


def post_new(client, user, ikm, **data):
    client.force_login(user)
    return client.post(create_path(ikm), data)


# The new-licence form


def test_without_a_type_the_form_shows_every_field(client, users, ikm):
    client.force_login(users["officer"])
    response = client.get(create_path(ikm))
    assert response.status_code == 200
    assert {
        "licence_type",
        "product",
        "status",
        "number",
        "applied_on",
        "issued_on",
        "valid_until",
        "djki_stage",
        "tkdn_percent",
        "halal_route",
        "risk_level",
        "listing_id",
        "distribution_permit",
        "notes",
    } <= field_names(response)


def test_a_preselected_type_shows_its_own_fields_and_number_format(client, users, ikm, product):
    client.force_login(users["officer"])
    response = client.get(create_path(ikm), {"type": "tkdn", "product": product.pk})
    names = field_names(response)
    assert {"tkdn_percent", "bmp_percent", "product"} <= names
    assert not names & {"halal_route", "risk_level", "djki_stage"}
    text = response.content.decode()
    assert '<option value="tkdn" selected>' in text
    assert f'<option value="{product.pk}" selected>' in text
    assert "1234/SJ-IND.8/TKDN/2024" in text  # the type's example number


def test_a_business_type_has_no_product_field(client, users, ikm):
    client.force_login(users["officer"])
    names = field_names(client.get(create_path(ikm), {"type": "nib"}))
    assert "product" not in names and "valid_until" not in names
    assert "risk_level" in names


def test_the_product_list_holds_only_this_ikm_s_products(client, users, ikm, product):
    other = ProductFactory(name="Kerupuk ikan saluang")
    client.force_login(users["officer"])
    text = client.get(create_path(ikm), {"type": "pirt"}).content.decode()
    assert "Amplang ikan pipih" in text and "Kerupuk ikan saluang" not in text
    response = post_new(
        client, users["officer"], ikm, licence_type="pirt", product=other.pk, status="planned"
    )
    assert response.status_code == 200
    assert not Licence.objects.exists()


def test_a_planned_licence_is_recorded_and_opens_its_page(client, users, ikm):
    response = post_new(
        client,
        users["officer"],
        ikm,
        licence_type="nib",
        status="planned",
        notes="Dibantu daftar OSS.",
    )
    licence = Licence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/perizinan/{licence.pk}/"
    assert (licence.ikm, licence.status, licence.notes) == (ikm, "planned", "Dibantu daftar OSS.")
    page = client.get(response["Location"]).content.decode()
    assert 'class="message message-success"' in page


def test_an_applied_trademark_is_recorded_at_its_djki_stage(client, users, ikm, product):
    response = post_new(
        client,
        users["officer"],
        ikm,
        licence_type="merek",
        product=product.pk,
        status="applied",
        applied_on="2025-03-04",
        number="DID2025012345",
        djki_stage="announcement",
        nice_class="30",
    )
    assert response.status_code == 302
    licence = Licence.objects.get()
    assert (licence.status, licence.djki_stage, licence.nice_class) == (
        "applied",
        "announcement",
        30,
    )


def test_an_issued_pirt_is_recorded_with_its_counted_validity(client, users, ikm, product):
    response = post_new(
        client,
        users["officer"],
        ikm,
        licence_type="pirt",
        product=product.pk,
        status="issued",
        applied_on="2024-01-10",
        issued_on="2024-02-29",
        number="206637101000129",
    )
    assert response.status_code == 302
    licence = Licence.objects.get()
    assert (licence.status, licence.valid_until) == ("issued", datetime.date(2029, 2, 28))
    assert LicenceStatusChange.objects.filter(licence=licence).count() == 3


def test_a_per_product_type_without_product_is_refused_next_to_the_field(client, users, ikm):
    response = post_new(client, users["officer"], ikm, licence_type="pirt", status="planned")
    assert response.status_code == 200
    assert 'id="id_product_error"' in response.content.decode()
    assert not Licence.objects.exists()


def test_a_wrong_number_is_refused_with_nothing_saved(client, users, ikm, product):
    response = post_new(
        client,
        users["officer"],
        ikm,
        licence_type="bpom_md",
        product=product.pk,
        status="issued",
        issued_on="2024-02-01",
        number="ML224413001234",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="id_number_error"' in text
    assert 'value="ML224413001234"' in text  # the input is kept
    assert not Licence.objects.exists() and not LicenceStatusChange.objects.exists()


def test_fields_of_another_type_are_refused_and_the_form_shows_the_chosen_type(client, users, ikm):
    """Without JavaScript every field is shown; the POST is checked against the type."""
    response = post_new(
        client,
        users["officer"],
        ikm,
        licence_type="nib",
        status="issued",
        issued_on="2021-08-02",
        number="9120001234567",
        risk_level="low",
        tkdn_percent="40",
    )
    assert response.status_code == 200
    names = field_names(response)
    assert "risk_level" in names and "tkdn_percent" not in names
    assert 'class="form-errors"' in response.content.decode()
    assert not Licence.objects.exists()


def test_choosing_a_type_with_htmx_refreshes_the_form(client, users, ikm):
    client.force_login(users["officer"])
    text = client.get(create_path(ikm)).content.decode()
    assert f'data-hx-get="{create_path(ikm)}"' in text
    refreshed = client.get(
        create_path(ikm), {"licence_type": "halal", "status": "issued"}, HTTP_HX_REQUEST="true"
    )
    assert "halal_route" in field_names(refreshed)
    assert 'value="issued" required id="id_status_2" checked' in refreshed.content.decode()


# Who may record


@pytest.mark.parametrize(
    ("role", "status"),
    [("provincial_officer", 403), ("ikm_owner", 403), ("other_city_officer", 404)],
)
def test_only_the_ikm_s_city_staff_record_licences(client, users, ikm, role, status):
    client.force_login(users[role])
    assert client.get(create_path(ikm)).status_code == status
    response = client.post(create_path(ikm), {"licence_type": "nib", "status": "planned"})
    assert response.status_code == status
    assert not Licence.objects.exists()


def test_the_new_licence_form_s_query_count(client, users, ikm, django_assert_max_num_queries):
    """One query per list (types, products, distribution permits), however long."""
    for _ in range(3):
        LicenceFactory(ikm=ikm, product=ProductFactory(ikm=ikm))
    client.force_login(users["officer"])
    with django_assert_max_num_queries(8):
        assert client.get(create_path(ikm)).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(create_path(ikm), {"type": "e_katalog"}).status_code == 200


# Corrections


def edit_path(licence) -> str:
    return f"/perizinan/{licence.pk}/ubah/"


@pytest.fixture
def nib(ikm):
    return LicenceFactory(nib=True, ikm=ikm, number="9120001234567")


def test_the_licence_page_links_to_the_correction_for_its_city_staff_only(client, users, nib):
    for role, linked in [
        ("officer", True),
        ("supervisor", True),
        ("provincial_officer", False),
        ("ikm_owner", False),
    ]:
        client.force_login(users[role])
        text = client.get(nib.get_absolute_url()).content.decode()
        assert (edit_path(nib) in text) is linked, role


def test_the_correction_form_has_no_status_and_only_the_type_s_fields(client, users, nib):
    client.force_login(users["officer"])
    names = field_names(client.get(edit_path(nib)))
    assert {"number", "issued_on", "applied_on", "risk_level", "officer", "version"} <= names
    assert not names & {"status", "valid_until", "tkdn_percent", "djki_stage"}


def test_a_planned_licence_corrects_only_its_notes_issuer_and_officer(client, users, ikm):
    planned = LicenceFactory(planned=True, ikm=ikm)
    client.force_login(users["officer"])
    names = field_names(client.get(edit_path(planned)))
    assert names - {"csrfmiddlewaretoken"} == {"issuer", "officer", "notes", "version"}


def test_a_correction_is_saved_and_opens_the_licence(client, users, nib):
    client.force_login(users["officer"])
    response = client.post(
        edit_path(nib),
        {
            "version": "1",
            "number": "9120007654321",
            "issuer": "OSS-RBA",
            "officer": users["supervisor"].pk,
            "applied_on": "",
            "issued_on": nib.issued_on.isoformat(),
            "risk_level": "medium_low",
            "notes": "Disalin ulang.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == nib.get_absolute_url()
    nib.refresh_from_db()
    assert (nib.number, nib.officer, nib.risk_level, nib.version) == (
        "9120007654321",
        users["supervisor"],
        "medium_low",
        2,
    )
    assert nib.status == LicenceStatus.ISSUED


def test_a_correction_over_someone_else_s_save_shows_the_conflict(client, users, nib):
    form = {
        "version": "1",
        "number": "9120007654321",
        "issuer": nib.issuer,
        "officer": "",
        "applied_on": "",
        "issued_on": nib.issued_on.isoformat(),
        "risk_level": "low",
        "notes": "",
    }
    client.force_login(users["supervisor"])
    theirs = {**form, "number": "9120001234567", "notes": "Dari kabid."}
    assert client.post(edit_path(nib), theirs).status_code == 302
    client.force_login(users["officer"])
    response = client.post(edit_path(nib), form)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="conflict"' in text
    assert 'name="version" value="2"' in text
    assert 'value="9120007654321"' in text  # the officer's input is kept
    nib.refresh_from_db()
    assert (nib.number, nib.notes) == ("9120001234567", "Dari kabid.")
    # Saving again after review replaces it.
    assert client.post(edit_path(nib), {**form, "version": "2"}).status_code == 302
    nib.refresh_from_db()
    assert nib.number == "9120007654321"


def test_a_wrong_number_in_a_correction_is_shown_and_nothing_changes(client, users, nib):
    client.force_login(users["officer"])
    response = client.post(
        edit_path(nib),
        {
            "version": "1",
            "number": "12345",
            "issuer": nib.issuer,
            "risk_level": "low",
            "issued_on": nib.issued_on.isoformat(),
        },
    )
    assert response.status_code == 200
    assert 'id="id_number_error"' in response.content.decode()
    nib.refresh_from_db()
    assert (nib.number, nib.version) == ("9120001234567", 1)


def test_another_city_s_officer_is_not_offered_as_officer_in_charge(client, users, nib):
    client.force_login(users["officer"])
    text = client.get(edit_path(nib)).content.decode()
    assert f'<option value="{users["supervisor"].pk}">' in text
    assert f'<option value="{users["other_city_officer"].pk}">' not in text


@pytest.mark.parametrize(
    ("role", "status"),
    [("provincial_officer", 403), ("ikm_owner", 403), ("other_city_officer", 404)],
)
def test_only_the_city_s_staff_correct_a_licence(client, users, nib, role, status):
    client.force_login(users[role])
    assert client.get(edit_path(nib)).status_code == status
    response = client.post(edit_path(nib), {"version": "1", "number": "9120007654321"})
    assert response.status_code == status
    nib.refresh_from_db()
    assert nib.number == "9120001234567"


def test_a_licence_of_another_city_is_not_found(client, users):
    licence = LicenceFactory(ikm=IkmFactory(banjarbaru=True))
    client.force_login(users["officer"])
    assert client.get(edit_path(licence)).status_code == 404
    assert client.get(create_path(licence.ikm)).status_code == 404


def test_the_correction_form_s_query_count(client, users, nib, django_assert_max_num_queries):
    client.force_login(users["officer"])
    with django_assert_max_num_queries(6):
        assert client.get(edit_path(nib)).status_code == 200
    permit = LicenceFactory(ikm=nib.ikm)
    listing = LicenceFactory(
        ikm=nib.ikm,
        product=permit.product,
        licence_type=licence_type("e_katalog"),
        distribution_permit=permit,
        catalogue_kind="local",
        listing_id="LOKAL-1",
        valid_until=None,
    )
    with django_assert_max_num_queries(7):
        assert client.get(edit_path(listing)).status_code == 200
