"""Sentra and IKM record pages: detail, create and edit forms, products, yearly data."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.constants import MarketReach, SentraStatus
from registry.forms import IkmForm, SentraForm
from registry.models import Ikm, Product, Sentra, YearlySnapshot
from registry.selectors_records import member_warnings, yearly_timeline
from tests.factories import (
    PNG_BYTES,
    ChangeProposalFactory,
    IkmFactory,
    ProductFactory,
    SentraFactory,
    YearlySnapshotFactory,
    kbli,
)

pytestmark = pytest.mark.django_db

KUIN_UTARA = "63.71.04.1009"
KUIN_SELATAN = "63.71.03.1007"
BANJARBARU_VILLAGE = "63.72.02.1005"
# Session, user, office; the record and its prefetches; the edit check; the history; the
# navigation's unread notifications; on the IKM page, the panels of the apps above the
# registry: licences, their edit check, P3DN, letters (licensing), cases and the naik kelas
# story (guidance: yearly data, first licences, closed cases, activities).
SENTRA_DETAIL_QUERIES = 10
IKM_DETAIL_QUERIES = 22


@pytest.fixture
def officer_client(client, users):
    client.force_login(users["officer"])
    return client


def form_data(form) -> dict:
    """What a browser would send back for `form` as shown (bound or not)."""
    data = {}
    for field in form:
        value = field.value()
        if field.widget_type == "checkbox":
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list):
            data[field.html_name] = [str(item) for item in value]
        elif value is not None and not field.widget_type.endswith("file"):
            data[field.html_name] = str(value)
    return data


def new_ikm_data(**overrides):
    data = {
        "name": "Amplang Ikan Pipih Bu Salmah",
        "nib": "9120001234567",
        "legal_form": "ud",
        "owner_name": "Salmah",
        "owner_gender": "P",
        "phone": "081234567890",
        "kelurahan": KUIN_UTARA,
        "primary_kbli": "10794",
        "other_kbli": "10213, 10792",
        "founding_year": "2015",
        "status": "active",
        "workers_male": "2",
        "workers_female": "5",
        "investment": "150.000.000",
        "production_value": "480000000",
        "market_reach": "regional",
    }
    return data | overrides


def new_sentra_data(**overrides):
    data = {
        "name": "Sentra Sasirangan Sungai Jingah",
        "commodity": "Kain sasirangan",
        "kbli_codes": "13134, 14111",
        "kelurahans": ["63.71.04.1004"],
        "status": "active",
        "decree_number": "188.44/123/2019",
        "decree_date": "2019-05-02",
    }
    return data | overrides


# Sentra detail


def test_sentra_detail_shows_members_and_their_totals(officer_client):
    sentra = SentraFactory(name="Sentra Ikan Kuin", decree_number="SK 1/2019")
    IkmFactory(sentra=sentra, name="Amplang A", workers_male=3, investment=100_000_000)
    IkmFactory(sentra=sentra, name="Amplang B", workers_female=4, investment=250_000_000)
    response = officer_client.get(sentra.get_absolute_url())
    summary = response.context["summary"]
    assert (summary.count, summary.workers, summary.investment) == (2, 7, 350_000_000)
    page = response.content.decode()
    assert "Amplang A" in page and "Amplang B" in page
    assert "Rp 350.000.000" in page
    assert "SK 1/2019" in page


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, 2), (4, 2), (5, 1), (9, 1), (10, 0), (25, 0)],
)
def test_sentras_below_5_or_10_members_get_warnings_in_kalimantan(count, expected):
    assert len(member_warnings(city_code="63.71", member_count=count)) == expected


def test_the_dak_warning_is_for_kalimantan_only():
    assert member_warnings(city_code="31.71", member_count=7) == []
    assert len(member_warnings(city_code="31.71", member_count=4)) == 1
    assert len(member_warnings(city_code="64.72", member_count=7)) == 1


def test_a_small_sentra_page_warns_but_still_works(officer_client):
    sentra = SentraFactory()
    IkmFactory.create_batch(3, sentra=sentra)
    response = officer_client.get(sentra.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["summary"].warnings) == 2
    assert 'class="notice notice-warning"' in response.content.decode()


def test_the_edit_link_is_for_those_who_may_edit(client, users):
    sentra = SentraFactory()
    edit_url = f"/registri/sentra/{sentra.pk}/ubah/"
    client.force_login(users["officer"])
    assert edit_url in client.get(sentra.get_absolute_url()).content.decode()
    client.force_login(users["provincial_officer"])
    assert edit_url not in client.get(sentra.get_absolute_url()).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_sentra_detail_queries_are_few_and_do_not_grow_with_members(officer_client):
    sentra = SentraFactory()
    sentra.kelurahans.set([KUIN_UTARA, "63.71.03.1007"])
    sentra.kbli_codes.set([kbli("10211"), kbli("10213")])
    IkmFactory(sentra=sentra)
    one = _queries(officer_client, sentra.get_absolute_url())
    IkmFactory.create_batch(6, sentra=sentra)
    assert _queries(officer_client, sentra.get_absolute_url()) == one <= SENTRA_DETAIL_QUERIES


# Sentra photo


def test_the_photo_is_served_to_those_who_see_the_sentra(client, users):
    sentra = SentraFactory(photo=ContentFile(PNG_BYTES, name="kuin.png"))
    client.force_login(users["provincial_officer"])
    response = client.get(f"/registri/sentra/{sentra.pk}/foto/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES
    client.force_login(users["other_city_officer"])
    assert client.get(f"/registri/sentra/{sentra.pk}/foto/").status_code == 404


def test_a_sentra_without_photo_has_no_photo_page(officer_client):
    sentra = SentraFactory()
    assert officer_client.get(f"/registri/sentra/{sentra.pk}/foto/").status_code == 404


# Sentra forms


def test_sentra_form_offers_only_the_citys_villages_grouped_by_district(users):
    form = SentraForm(user=users["officer"])
    groups = dict(form.fields["kelurahans"].choices)
    assert "Banjarmasin Utara" in groups
    villages = [code for options in groups.values() for code, _name in options]
    assert KUIN_UTARA in villages
    assert all(code.startswith("63.71.") for code in villages)


def test_registering_a_sentra_through_the_form(officer_client):
    photo = SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png")
    response = officer_client.post("/registri/sentra/baru/", {**new_sentra_data(), "photo": photo})
    sentra = Sentra.objects.get()
    assert response.status_code == 302
    assert response["Location"] == sentra.get_absolute_url()
    assert [k.code for k in sentra.kbli_codes.order_by("code")] == ["13134", "14111"]
    assert sentra.photo.name.startswith("sentra-photos/")
    assert str(sentra.decree_date) == "2019-05-02"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kelurahans": [BANJARBARU_VILLAGE]}, "kelurahans"),
        ({"kelurahans": []}, "kelurahans"),
        ({"kbli_codes": "13134, 99999"}, "kbli_codes"),
        ({"kbli_codes": "1313"}, "kbli_codes"),
        ({"latitude": "123"}, "latitude"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_sentra_input_is_shown_next_to_its_field_and_nothing_is_saved(
    officer_client, overrides, field
):
    response = officer_client.post("/registri/sentra/baru/", new_sentra_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Sentra.objects.exists()


def test_an_unknown_kbli_code_is_named_in_the_message(officer_client):
    response = officer_client.post(
        "/registri/sentra/baru/", new_sentra_data(kbli_codes="13134, 99999")
    )
    assert "99999" in response.context["form"].errors["kbli_codes"][0]


def test_a_photo_that_is_not_an_image_is_refused_next_to_the_field(officer_client):
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 a document", content_type="image/png")
    response = officer_client.post("/registri/sentra/baru/", {**new_sentra_data(), "photo": fake})
    assert list(response.context["form"].errors) == ["photo"]
    assert not Sentra.objects.exists()


def test_editing_a_sentra_saves_and_bumps_its_version(officer_client, users):
    sentra = SentraFactory(commodity="Olahan ikan")
    sentra.kelurahans.set([KUIN_UTARA])
    data = form_data(SentraForm(instance=sentra, user=users["officer"]))
    response = officer_client.post(
        f"/registri/sentra/{sentra.pk}/ubah/", {**data, "commodity": "Amplang"}
    )
    assert response.status_code == 302
    saved = Sentra.objects.get(pk=sentra.pk)
    assert (saved.commodity, saved.version) == ("Amplang", 2)
    assert [v.pk for v in saved.kelurahans.all()] == [KUIN_UTARA]


def test_the_edit_form_links_the_photo_through_its_checked_view_and_can_remove_it(
    officer_client, users
):
    sentra = SentraFactory(photo=ContentFile(PNG_BYTES, name="kuin.png"))
    sentra.kelurahans.set([KUIN_UTARA])
    url = f"/registri/sentra/{sentra.pk}/ubah/"
    page = officer_client.get(url).content.decode()
    assert f'href="/registri/sentra/{sentra.pk}/foto/"' in page
    assert "sentra-photos/" not in page
    data = form_data(SentraForm(instance=sentra, user=users["officer"]))
    assert officer_client.post(url, {**data, "photo-clear": "on"}).status_code == 302
    assert not Sentra.objects.get(pk=sentra.pk).photo


def test_sentra_edit_conflict_shows_both_versions_and_saving_again_works(client, users):
    sentra = SentraFactory(commodity="Olahan ikan", chair_name="H. Basri")
    sentra.kelurahans.set([KUIN_UTARA])
    url = f"/registri/sentra/{sentra.pk}/ubah/"
    opened = form_data(SentraForm(instance=sentra, user=users["officer"]))  # both open it

    client.force_login(users["supervisor"])
    assert client.post(url, {**opened, "commodity": "Amplang"}).status_code == 302

    client.force_login(users["officer"])
    response = client.post(url, {**opened, "chair_name": "Hj. Aminah"})
    assert response.status_code == 200
    form, conflict = response.context["form"], response.context["conflict"]
    assert form.has_error(NON_FIELD_ERRORS, "edit_conflict")
    assert form["chair_name"].value() == "Hj. Aminah"  # the user's input is kept
    assert form["version"].value() == "2"
    assert conflict.who == users["supervisor"]
    assert [(row.name, row.theirs, row.yours) for row in conflict.rows] == [
        ("commodity", "Amplang", "Olahan ikan"),
        ("chair_name", "H. Basri", "Hj. Aminah"),
    ]
    saved = Sentra.objects.get(pk=sentra.pk)
    assert (saved.commodity, saved.chair_name, saved.version) == ("Amplang", "H. Basri", 2)

    again = form_data(form)
    again["commodity"] = "Amplang"  # after review, the officer keeps the supervisor's value
    assert client.post(url, again).status_code == 302
    saved = Sentra.objects.get(pk=sentra.pk)
    assert (saved.commodity, saved.chair_name, saved.version) == ("Amplang", "Hj. Aminah", 3)


def test_the_conflict_table_shows_villages_and_choices_as_people_read_them(client, users):
    sentra = SentraFactory(status=SentraStatus.ACTIVE)
    sentra.kelurahans.set([KUIN_UTARA])
    url = f"/registri/sentra/{sentra.pk}/ubah/"
    opened = form_data(SentraForm(instance=sentra, user=users["officer"]))
    client.force_login(users["supervisor"])
    changed = {**opened, "status": SentraStatus.INACTIVE, "kelurahans": [KUIN_SELATAN]}
    assert client.post(url, changed).status_code == 302

    client.force_login(users["officer"])
    response = client.post(url, opened)
    rows = {
        row.name: (str(row.theirs), str(row.yours)) for row in response.context["conflict"].rows
    }
    assert rows == {
        "kelurahans": ("Kuin Selatan", "Kuin Utara"),
        "status": (str(SentraStatus.INACTIVE.label), str(SentraStatus.ACTIVE.label)),
    }
    assert 'id="conflict-heading"' in response.content.decode()


# IKM detail


def test_ikm_detail_shows_derived_class_products_and_timeline(officer_client):
    ikm = IkmFactory(workers_male=25, investment=16_000_000_000, nib="9120001234567")
    ProductFactory(ikm=ikm, name="Amplang Pipih", capacity="1250.5", capacity_unit="kg/bulan")
    YearlySnapshotFactory(ikm=ikm, year=2023)
    response = officer_client.get(ikm.get_absolute_url())
    page = response.content.decode()
    assert "Rp 16.000.000.000" in page
    assert "Amplang Pipih" in page
    assert "1.250,50 kg/bulan" in page
    assert response.context["ikm"].industry_class == "large"
    assert [row.snapshot.year for row in response.context["timeline"]] == [2023]


def test_ikm_detail_queries_are_few_and_do_not_grow_with_products_or_years(officer_client, users):
    ikm = IkmFactory(sentra=SentraFactory(), owners=[users["ikm_owner"]])
    ikm.other_kbli.set([kbli("10213"), kbli("10792")])

    def add(count, first_year):
        ProductFactory.create_batch(count, ikm=ikm, kbli=kbli("10794"))
        for year in range(first_year, first_year + count):
            YearlySnapshotFactory(ikm=ikm, year=year)
        ChangeProposalFactory.create_batch(count, ikm=ikm, proposed_by=users["ikm_owner"])

    add(1, 2015)
    one = _queries(officer_client, ikm.get_absolute_url())
    add(6, 2016)
    assert _queries(officer_client, ikm.get_absolute_url()) == one <= IKM_DETAIL_QUERIES


def _snapshots(ikm, *rows):
    for year, workers, investment, reach in rows:
        YearlySnapshotFactory(
            ikm=ikm,
            year=year,
            workers_male=workers,
            workers_female=0,
            investment=investment,
            market_reach=reach,
        )


def test_naik_kelas_marks_the_years_whose_class_or_reach_went_up():
    ikm = IkmFactory()
    local, regional, national = MarketReach.LOCAL, MarketReach.REGIONAL, MarketReach.NATIONAL
    _snapshots(
        ikm,
        (2020, 5, 100_000_000, local),  # first year: nothing to compare with
        (2021, 5, 100_000_000, regional),  # reach up
        (2022, 5, 1_000_000_000, regional),  # small -> medium: class up
        (2023, 5, 1_000_000_000, local),  # reach down: not naik kelas
        (2025, 30, 20_000_000_000, national),  # after a gap: both up
    )
    timeline = yearly_timeline(ikm=ikm)
    assert [(r.snapshot.year, r.class_up, r.reach_up, r.naik_kelas) for r in timeline] == [
        (2020, False, False, False),
        (2021, False, True, True),
        (2022, True, False, True),
        (2023, False, False, False),
        (2025, True, True, True),
    ]


def test_naik_kelas_compares_with_the_previous_recorded_year_not_the_first():
    ikm = IkmFactory()
    _snapshots(
        ikm,
        (2020, 5, 100_000_000, MarketReach.NATIONAL),
        (2021, 5, 100_000_000, MarketReach.LOCAL),
        (2022, 5, 100_000_000, MarketReach.REGIONAL),
    )
    assert [row.naik_kelas for row in yearly_timeline(ikm=ikm)] == [False, False, True]


def test_the_ikm_page_marks_naik_kelas_rows(officer_client):
    ikm = IkmFactory()
    _snapshots(ikm, (2023, 5, 100, MarketReach.LOCAL), (2024, 5, 100, MarketReach.EXPORT))
    page = officer_client.get(ikm.get_absolute_url()).content.decode()
    assert page.count('<tr class="naik-kelas">') == 1


# IKM forms


def test_registering_an_ikm_through_the_form(officer_client):
    sentra = SentraFactory()
    response = officer_client.post("/registri/ikm/baru/", new_ikm_data(sentra=sentra.pk))
    ikm = Ikm.objects.get()
    assert response.status_code == 302
    assert response["Location"] == ikm.get_absolute_url()
    assert (ikm.city_id, ikm.sentra, ikm.investment) == ("63.71", sentra, 150_000_000)
    assert ikm.primary_kbli.code == "10794"
    assert sorted(k.code for k in ikm.other_kbli.all()) == ["10213", "10792"]


def test_the_sentra_page_link_preselects_the_sentra(officer_client):
    sentra = SentraFactory()
    response = officer_client.get(f"/registri/ikm/baru/?sentra={sentra.pk}")
    assert response.context["form"]["sentra"].value() == str(sentra.pk)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kelurahan": BANJARBARU_VILLAGE}, "kelurahan"),
        ({"nib": "912000123456"}, "nib"),
        ({"investment": "-1"}, "investment"),
        ({"production_value": "-5"}, "production_value"),
        ({"workers_female": "-1"}, "workers_female"),
        ({"primary_kbli": "99999"}, "primary_kbli"),
        ({"primary_kbli": "10794, 10213"}, "primary_kbli"),
        ({"founding_year": "1850"}, "founding_year"),
        ({"phone": "call me"}, "phone"),
    ],
)
def test_bad_ikm_input_is_shown_next_to_its_field_and_nothing_is_saved(
    officer_client, overrides, field
):
    response = officer_client.post("/registri/ikm/baru/", new_ikm_data(**overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    page = response.content.decode()
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in page or (
        f'aria-describedby="id_{field}_error"' in page
    )
    assert not Ikm.objects.exists()


def test_a_sentra_of_another_city_cannot_be_chosen(officer_client):
    other = SentraFactory(banjarbaru=True)
    response = officer_client.post("/registri/ikm/baru/", new_ikm_data(sentra=other.pk))
    assert list(response.context["form"].errors) == ["sentra"]
    assert not Ikm.objects.exists()


def test_a_registered_nib_gets_a_clear_message_naming_nothing_of_the_other_city(officer_client):
    IkmFactory(banjarbaru=True, nib="9120001234567", name="Kerajinan Purun Rahasia")
    response = officer_client.post("/registri/ikm/baru/", new_ikm_data())
    errors = response.context["form"].errors
    assert list(errors) == ["nib"]
    assert "Purun" not in errors["nib"][0] and "Banjarbaru" not in errors["nib"][0]
    assert Ikm.objects.count() == 1


def test_ikm_edit_conflict_keeps_both_versions(client, users):
    ikm = IkmFactory(phone="081111111111", address="Jl. Kuin Utara 1")
    url = f"/registri/ikm/{ikm.pk}/ubah/"
    opened = form_data(IkmForm(instance=ikm, user=users["officer"]))

    client.force_login(users["supervisor"])
    assert client.post(url, {**opened, "phone": "082222222222"}).status_code == 302
    client.force_login(users["officer"])
    response = client.post(url, {**opened, "address": "Jl. Kuin Utara 7"})

    form, conflict = response.context["form"], response.context["conflict"]
    assert form.has_error(NON_FIELD_ERRORS, "edit_conflict")
    assert form["address"].value() == "Jl. Kuin Utara 7"
    assert [(row.name, row.theirs, row.yours) for row in conflict.rows] == [
        ("phone", "082222222222", "081111111111"),
        ("address", "Jl. Kuin Utara 1", "Jl. Kuin Utara 7"),
    ]
    saved = Ikm.objects.get(pk=ikm.pk)
    assert (saved.phone, saved.address) == ("082222222222", "Jl. Kuin Utara 1")
    assert client.post(url, form_data(form)).status_code == 302
    assert Ikm.objects.get(pk=ikm.pk).address == "Jl. Kuin Utara 7"


# Products and yearly data


def test_adding_and_editing_a_product(officer_client):
    ikm = IkmFactory()
    data = {"name": "Amplang", "kbli": "10794", "capacity": "120", "capacity_unit": "kg/bulan"}
    assert officer_client.post(f"/registri/ikm/{ikm.pk}/produk/baru/", data).status_code == 302
    product = Product.objects.get()
    assert (product.ikm, product.kbli.code, product.is_published) == (ikm, "10794", False)
    url = f"/registri/ikm/{ikm.pk}/produk/{product.pk}/ubah/"
    response = officer_client.post(url, {**data, "is_published": "on"})
    assert response.status_code == 302
    assert Product.objects.get().is_published


def test_a_product_of_another_ikm_is_not_found_under_this_one(officer_client):
    ikm, product = IkmFactory(), ProductFactory()
    response = officer_client.get(f"/registri/ikm/{ikm.pk}/produk/{product.pk}/ubah/")
    assert response.status_code == 404


def test_a_negative_capacity_is_refused_next_to_the_field(officer_client):
    ikm = IkmFactory()
    response = officer_client.post(
        f"/registri/ikm/{ikm.pk}/produk/baru/", {"name": "Amplang", "capacity": "-3"}
    )
    assert list(response.context["form"].errors) == ["capacity"]
    assert not Product.objects.exists()


def snapshot_data(**overrides):
    data = {
        "year": "2024",
        "workers_male": "3",
        "workers_female": "4",
        "investment": "1.200.000.000",
        "production_value": "900000000",
        "market_reach": "national",
    }
    return data | overrides


def test_recording_a_year_then_correcting_it(officer_client):
    ikm = IkmFactory()
    response = officer_client.post(f"/registri/ikm/{ikm.pk}/pendataan/baru/", snapshot_data())
    assert response.status_code == 302
    snapshot = YearlySnapshot.objects.get()
    assert (snapshot.year, snapshot.investment, snapshot.industry_class) == (
        2024,
        1_200_000_000,
        "medium",
    )
    url = f"/registri/ikm/{ikm.pk}/pendataan/2024/"
    response = officer_client.post(url, snapshot_data(year="2019", investment="900000000"))
    assert response.status_code == 302
    assert list(YearlySnapshot.objects.values_list("year", "investment")) == [(2024, 900_000_000)]


def test_a_year_already_recorded_must_be_corrected_not_added_again(officer_client):
    ikm = IkmFactory()
    YearlySnapshotFactory(ikm=ikm, year=2024, investment=5)
    response = officer_client.post(f"/registri/ikm/{ikm.pk}/pendataan/baru/", snapshot_data())
    assert list(response.context["form"].errors) == ["year"]
    assert YearlySnapshot.objects.get().investment == 5


def test_correcting_a_year_not_recorded_is_not_found(officer_client):
    ikm = IkmFactory()
    assert officer_client.get(f"/registri/ikm/{ikm.pk}/pendataan/2024/").status_code == 404


# Who may write


def _write_urls(objects):
    ikm, sentra, product = objects["ikm"], objects["sentra"], objects["product"]
    return {
        "sentra_create": ("/registri/sentra/baru/", new_sentra_data()),
        "sentra_edit": (f"/registri/sentra/{sentra.pk}/ubah/", new_sentra_data(version="1")),
        "ikm_create": ("/registri/ikm/baru/", new_ikm_data(nib="9120007654321")),
        "ikm_edit": (f"/registri/ikm/{ikm.pk}/ubah/", new_ikm_data(version="1")),
        "product_create": (f"/registri/ikm/{ikm.pk}/produk/baru/", {"name": "Amplang"}),
        "product_edit": (
            f"/registri/ikm/{ikm.pk}/produk/{product.pk}/ubah/",
            {"name": "Amplang"},
        ),
        "snapshot_create": (f"/registri/ikm/{ikm.pk}/pendataan/baru/", snapshot_data()),
    }


@pytest.fixture
def records(users):
    sentra = SentraFactory()
    ikm = IkmFactory(sentra=sentra, owners=[users["ikm_owner"]])
    return {"sentra": sentra, "ikm": ikm, "product": ProductFactory(ikm=ikm)}


def _unchanged(records):
    assert Sentra.objects.count() == 1 and Ikm.objects.count() == 1
    assert Sentra.objects.get().version == 1 and Ikm.objects.get().version == 1
    assert Product.objects.get().name == records["product"].name
    assert not YearlySnapshot.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "sentra_create",
        "sentra_edit",
        "ikm_create",
        "ikm_edit",
        "product_create",
        "product_edit",
        "snapshot_create",
    ],
)
@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner"])
def test_the_province_and_owners_cannot_post_to_officer_forms(client, users, records, name, role):
    url, data = _write_urls(records)[name]
    client.force_login(users[role])
    assert client.post(url, data).status_code == 403
    _unchanged(records)


@pytest.mark.parametrize("name", ["sentra_edit", "ikm_edit", "product_edit", "snapshot_create"])
def test_another_citys_officer_gets_not_found_on_these_records(client, users, records, name):
    url, data = _write_urls(records)[name]
    client.force_login(users["other_city_officer"])
    assert client.post(url, data).status_code == 404
    _unchanged(records)
