"""The licence list and the licence page, as officers and owners use them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from licensing import filters as licence_filters
from licensing.constants import LicenceStatus
from licensing.dates import add_months, office_today
from licensing.models import Licence, LicenceDocument
from tests.factories import (
    IkmFactory,
    LicenceFactory,
    SentraFactory,
    UserFactory,
    licence_type,
)

pytestmark = pytest.mark.django_db


def days_from_today(days: int) -> datetime.date:
    return office_today() + datetime.timedelta(days=days)


def valid_until(days: int) -> dict:
    """Factory fields for an issued P-IRT valid until `days` from today."""
    end = days_from_today(days)
    return {"issued_on": add_months(end, -60), "valid_until": end}


def text_of(response) -> str:
    return response.content.decode()


# The list


@pytest.fixture
def listed():
    sentra = SentraFactory(name="Sentra Kue Surgi Mufti")
    return {
        "expired": LicenceFactory(
            ikm=IkmFactory(name="Bingka Hj Ina", sentra=sentra), expired=True
        ),
        "in_20": LicenceFactory(ikm=IkmFactory(name="Amplang Kuin"), **valid_until(20)),
        "in_45": LicenceFactory(ikm=IkmFactory(name="Ikan Asin Alalak"), **valid_until(45)),
        "banjarbaru": LicenceFactory(ikm=IkmFactory(banjarbaru=True, name="Sasirangan Bjb")),
    }


def names_listed(client, user, **params) -> set[str]:
    client.force_login(user)
    text = text_of(client.get("/perizinan/", params))
    return {name for name in ["Bingka", "Amplang", "Ikan Asin", "Sasirangan"] if name in text}


def test_officers_see_their_city_with_the_status_derived_from_dates(client, users, listed):
    client.force_login(users["officer"])
    text = text_of(client.get("/perizinan/"))
    assert names_listed(client, users["officer"]) == {"Bingka", "Amplang", "Ikan Asin"}
    assert text.count("status-expired") == 1


def test_the_province_sees_both_cities_and_filters_by_city(client, users, listed):
    assert names_listed(client, users["provincial_officer"]) == {
        "Bingka",
        "Amplang",
        "Ikan Asin",
        "Sasirangan",
    }
    assert names_listed(client, users["provincial_officer"], city="63.72") == {"Sasirangan"}


def test_the_status_filter_uses_the_derived_status(client, users, listed):
    officer = users["officer"]
    assert names_listed(client, officer, status="expired") == {"Bingka"}
    assert names_listed(client, officer, status="issued") == {"Amplang", "Ikan Asin"}


@pytest.mark.parametrize(
    ("days", "expected"), [("30", {"Amplang"}), ("60", {"Amplang", "Ikan Asin"})]
)
def test_the_expiry_windows(client, users, listed, days, expected):
    assert names_listed(client, users["officer"], expiring=days) == expected


def test_the_sentra_filter(client, users, listed):
    sentra = listed["expired"].ikm.sentra
    assert names_listed(client, users["officer"], sentra=sentra.pk) == {"Bingka"}


def test_the_search_finds_a_number_by_its_beginning_and_an_ikm_by_its_name(client, users, listed):
    officer, province = users["officer"], users["provincial_officer"]
    Licence.objects.filter(pk=listed["in_20"].pk).update(number="MD224413009876")
    Licence.objects.filter(pk=listed["banjarbaru"].pk).update(number="MD224499001234")
    assert names_listed(client, officer, q="md2244") == {"Amplang"}
    assert names_listed(client, officer, q="MD224413009876") == {"Amplang"}
    assert names_listed(client, officer, q="Amplangg") == {"Amplang"}  # a typo
    assert names_listed(client, province, q="Sasirangan Bjb") == {"Sasirangan"}
    # A number or a name of another city stays out of an officer's list.
    assert names_listed(client, officer, q="MD224499") == set()
    client.force_login(officer)
    assert "<td>Sasirangan Bjb</td>" not in text_of(client.get("/perizinan/", {"q": "Sasirangan"}))


def test_many_numbers_found_are_searched_as_conditions_not_as_ids(
    client, users, listed, monkeypatch
):
    monkeypatch.setattr(licence_filters, "FEW_FOUND", 1)  # "md2244" finds two licences here
    officer, province = users["officer"], users["provincial_officer"]
    Licence.objects.filter(pk=listed["in_20"].pk).update(number="MD224413009876")
    Licence.objects.filter(pk=listed["in_45"].pk).update(number="MD224413001111")
    Licence.objects.filter(pk=listed["banjarbaru"].pk).update(number="MD224499001234")
    assert names_listed(client, officer, q="md2244") == {"Amplang", "Ikan Asin"}
    assert names_listed(client, province, q="md2244") == {"Amplang", "Ikan Asin", "Sasirangan"}
    assert names_listed(client, officer, q="MD22441300") == {"Amplang", "Ikan Asin"}


def test_the_type_filter_province_wide_and_in_a_city(client, users, listed):
    LicenceFactory(ikm=listed["in_45"].ikm, licence_type=licence_type("nib"))
    LicenceFactory(ikm=listed["banjarbaru"].ikm, licence_type=licence_type("nib"))
    province = users["provincial_officer"]
    assert names_listed(client, province, licence_type="nib") == {"Ikan Asin", "Sasirangan"}
    assert names_listed(client, province, licence_type="nib", city="63.72") == {"Sasirangan"}
    assert names_listed(client, users["officer"], licence_type="nib") == {"Ikan Asin"}


def test_htmx_gets_only_the_results(client, users, listed):
    client.force_login(users["officer"])
    response = client.get("/perizinan/?q=Amplang&status=", HTTP_HX_REQUEST="true")
    page = text_of(response)
    assert "<html" not in page and "Amplang Kuin" in page and "Bingka" not in page
    assert response["HX-Push-Url"] == "/perizinan/?q=Amplang"


def test_the_list_s_query_count_does_not_grow_with_rows(
    client, users, django_assert_max_num_queries
):
    LicenceFactory.create_batch(3)
    client.force_login(users["officer"])
    client.get("/perizinan/")  # the session and other per-request lookups warm up
    # The page: its licences, then their IKMs' places and sentras and their products.
    with django_assert_max_num_queries(17) as few:
        client.get("/perizinan/")
    LicenceFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/perizinan/")


def test_the_export_holds_exactly_the_filtered_rows(client, users, listed):
    client.force_login(users["officer"])
    response = client.get("/perizinan/ekspor.csv", {"status": "expired"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 2
    assert "Bingka Hj Ina" in rows[1]
    assert ",Expired," in rows[1] or ",Kedaluwarsa," in rows[1]


# The licence page


def test_the_owner_reads_their_licence_as_expired_and_may_upload(client, users):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]), expired=True)
    client.force_login(users["ikm_owner"])
    text = text_of(client.get(licence.get_absolute_url()))
    assert "status-expired" in text
    assert licence.number in text
    assert "/tindakan/" not in text  # no actions for owners
    assert f"/perizinan/{licence.pk}/dokumen/" in text


def test_another_owner_gets_404(client, users):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    client.force_login(UserFactory(owner=True))
    assert client.get(licence.get_absolute_url()).status_code == 404


def test_the_page_offers_the_actions_the_table_allows(client, users):
    licence = LicenceFactory(applied=True)
    client.force_login(users["officer"])
    text = text_of(client.get(licence.get_absolute_url()))
    for action in ["issue", "reject", "withdraw"]:
        assert f"/tindakan/{action}/" in text
    for action in ["apply", "stage", "revoke", "expire", "renew"]:
        assert f"/tindakan/{action}/" not in text


def test_a_trademark_application_offers_its_djki_stage(client, users):
    licence = LicenceFactory(
        applied=True,
        licence_type=licence_type("merek"),
        applied_on=datetime.date(2020, 7, 1),
        number="DID2020047323",
    )
    client.force_login(users["officer"])
    response = client.post(
        f"/perizinan/{licence.pk}/tindakan/stage/", {"stage-stage": "announcement"}
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.djki_stage == "announcement"


def test_the_provincial_officer_reads_without_actions(client, users):
    licence = LicenceFactory(applied=True)
    client.force_login(users["provincial_officer"])
    text = text_of(client.get(licence.get_absolute_url()))
    assert "/tindakan/" not in text and "/dokumen/" not in text


def test_an_officer_issues_the_licence_from_its_page(client, users):
    licence = LicenceFactory(applied=True, applied_on=datetime.date(2024, 1, 10))
    client.force_login(users["officer"])
    response = client.post(
        f"/perizinan/{licence.pk}/tindakan/issue/",
        {"issue-issued_on": "2024-02-01", "issue-number": "206637101000129"},
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert (licence.status, licence.valid_until) == ("issued", datetime.date(2029, 2, 1))
    text = text_of(client.get(response["Location"]))
    assert "206637101000129" in text and "status-issued" in text


def test_a_wrong_number_is_shown_on_the_page_and_nothing_changes(client, users):
    licence = LicenceFactory(applied=True, applied_on=datetime.date(2024, 1, 10))
    client.force_login(users["officer"])
    response = client.post(
        f"/perizinan/{licence.pk}/tindakan/issue/",
        {"issue-issued_on": "2024-02-01", "issue-number": "206637101000128"},
    )
    assert response.status_code == 200
    assert "kedaluwarsa pada tahun 2028" in text_of(response)
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.APPLIED


def test_a_transition_the_table_forbids_is_refused_with_a_message(client, users):
    licence = LicenceFactory(applied=True)
    client.force_login(users["officer"])
    response = client.post(f"/perizinan/{licence.pk}/tindakan/revoke/", {"revoke-note": "x"})
    assert response.status_code == 200
    assert "tidak dapat diubah menjadi" in text_of(response)
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.APPLIED


def test_owners_and_other_cities_cannot_act(client, users):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    path = f"/perizinan/{licence.pk}/tindakan/revoke/"
    client.force_login(users["ikm_owner"])
    assert client.post(path, {"revoke-note": "x"}).status_code == 403
    client.force_login(users["other_city_officer"])
    assert client.post(path, {"revoke-note": "x"}).status_code == 404
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED


def test_a_renewal_started_from_the_page_opens_the_new_record(client, users):
    licence = LicenceFactory(expired=True)
    client.force_login(users["officer"])
    response = client.post(f"/perizinan/{licence.pk}/tindakan/renew/", {"renew-applied_on": ""})
    renewal = Licence.objects.get(renews=licence)
    assert response["Location"] == renewal.get_absolute_url()
    assert renewal.status == LicenceStatus.PLANNED


def test_the_owner_uploads_a_scan_and_a_fake_is_refused(client, users):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    client.force_login(users["ikm_owner"])
    path = f"/perizinan/{licence.pk}/dokumen/"
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(path, {"file": fake})
    assert response.status_code == 200
    assert "Isi berkas bukan" in text_of(response)
    assert not LicenceDocument.objects.exists()
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%scan\n")
    assert client.post(path, {"file": scan}).status_code == 302
    assert LicenceDocument.objects.get().uploaded_by == users["ikm_owner"]


def test_a_tkdn_certificate_shows_what_it_earns(client, users):
    licence = LicenceFactory(tkdn=True, tkdn_percent=30, bmp_percent=15)
    client.force_login(users["officer"])
    text = text_of(client.get(licence.get_absolute_url()))
    assert "Preferensi harga dalam pengadaan pemerintah" in text
    assert "Wajib dibeli oleh instansi pemerintah" in text
