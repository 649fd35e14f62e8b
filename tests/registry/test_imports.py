"""IKM import: template, upload, a preview of every row's errors, an all-or-nothing confirm."""

import csv
import io
import os
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook
from pghistory.models import Events

from registry import services
from registry.imports import checking, files
from registry.imports.columns import COLUMNS
from registry.models import Ikm, Kbli
from registry.views import imports as imports_views
from tests.factories import IkmFactory, SentraFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/registri/ikm/impor/"
KEYS = [column.key for column in COLUMNS]


def good_row(number=1, **values):
    row = {
        "name": f"Amplang Ikan Pipih {number}",
        "nib": f"{9120000000000 + number}",
        "legal_form": "UD",
        "owner_name": f"Salmah {number}",
        "owner_gender": "P",
        "phone": "081234567890",
        "email": f"ikm{number}@example.org",
        "address": "Jl. Kuin Utara",
        "kelurahan": "63.71.04.1009",
        "sentra": "",
        "primary_kbli": "10213",
        "other_kbli": "10794, 10792",
        "founding_year": "2015",
        "status": "aktif",
        "workers_male": "2",
        "workers_female": "5",
        "investment": "Rp 150.000.000",
        "production_value": "480000000",
        "market_reach": "regional",
    }
    row.update(values)
    return row


def xlsx_file(rows, header=KEYS, name="ikm.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(key, "") for key in header])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def csv_file(rows, header=KEYS, delimiter=",", name="ikm.csv", encoding="utf-8"):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(key, "") for key in header])
    return SimpleUploadedFile(name, output.getvalue().encode(encoding))


def upload(client, file):
    """Upload `file`; the preview's URL."""
    response = client.post(IMPORT_URL, {"file": file})
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]


def confirm(client, url, **choices):
    """Open the preview as the user would, then confirm it with `choices`."""
    preview = client.get(url, {"existing": choices.get("existing", "skip")}).context["preview"]
    return client.post(url, {"plan": preview.plan, "confirm": "", **choices})


def errors_by_line(preview):
    return {
        row.line: {(e.column, e.code) for e in row.errors} for row in preview.rows if row.errors
    }


def error_columns(preview):
    return {row.line: {e.column for e in row.errors} for row in preview.rows if row.errors}


@pytest.fixture
def officer(client, users):
    client.force_login(users["officer"])
    return users["officer"]


# A good file


@pytest.mark.parametrize("make_file", [xlsx_file, csv_file])
def test_a_good_file_registers_every_row_as_written(client, officer, make_file):
    sentra = SentraFactory(name="Sentra Pengolahan Ikan Kuin")
    rows = [
        good_row(1, sentra="sentra pengolahan ikan kuin"),
        good_row(2, nib="", owner_gender="L", kelurahan="Pelambuan", other_kbli="", email=""),
    ]
    url = upload(client, make_file(rows))

    response = confirm(client, url)

    assert response.status_code == 302
    first = Ikm.objects.get(nib="9120000000001")
    assert (first.name, first.owner_name, first.owner_gender) == (
        "Amplang Ikan Pipih 1",
        "Salmah 1",
        "P",
    )
    assert (first.legal_form, first.phone, first.email, first.address) == (
        "ud",
        "081234567890",
        "ikm1@example.org",
        "Jl. Kuin Utara",
    )
    assert (first.city_id, first.kelurahan_id, first.sentra) == ("63.71", "63.71.04.1009", sentra)
    assert first.primary_kbli.code == "10213"
    assert sorted(k.code for k in first.other_kbli.all()) == ["10792", "10794"]
    assert (first.founding_year, first.status, first.market_reach) == (2015, "active", "regional")
    assert (first.workers_male, first.workers_female) == (2, 5)
    assert (first.investment, first.production_value) == (150_000_000, 480_000_000)
    second = Ikm.objects.get(name="Amplang Ikan Pipih 2")
    assert (second.nib, second.owner_gender, second.kelurahan_id, second.sentra) == (
        None,
        "L",
        "63.71.03.1003",
        None,
    )
    assert list(second.other_kbli.all()) == []


def test_a_workbook_that_states_a_wrong_size_is_read_whole(client, officer):
    workbook = xlsx_file([good_row(1)]).read()
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            target.writestr(item, data)
    url = upload(client, SimpleUploadedFile("ikm.xlsx", patched.getvalue()))

    confirm(client, url)

    assert Ikm.objects.get().investment == 150_000_000


def test_a_csv_with_semicolons_and_indonesian_headers_is_read(client, officer):
    header = [
        "Nama Usaha",
        "NIB",
        "Nama pemilik",
        "Jenis kelamin",
        "Kode kelurahan",
        "KBLI utama",
        "Jangkauan pasar",
        "Tenaga kerja perempuan",
    ]
    row = ["Kue Bingka Surgi Mufti", "9120000000777", "Aminah", "perempuan", "Surgi Mufti"]
    content = ";".join(header) + "\r\n" + ";".join([*row, "10792", "ekspor", "1.200"]) + "\r\n"
    url = upload(client, SimpleUploadedFile("kue.csv", content.encode("cp1252")))

    confirm(client, url)

    ikm = Ikm.objects.get(nib="9120000000777")
    assert (ikm.name, ikm.owner_gender, ikm.kelurahan_id) == (
        "Kue Bingka Surgi Mufti",
        "P",
        "63.71.04.1006",
    )
    assert (ikm.primary_kbli.code, ikm.market_reach, ikm.workers_female) == (
        "10792",
        "export",
        1200,
    )


def test_choices_may_be_written_in_indonesian_or_english(client, officer):
    rows = [
        good_row(1, legal_form="PT Perorangan", owner_gender="laki-laki", status="Tidak aktif"),
        good_row(2, legal_form="koperasi", owner_gender="Female", market_reach="Nasional"),
        good_row(3, legal_form="perorangan", status="closed", market_reach="lokal"),
    ]
    confirm(client, upload(client, csv_file(rows)))

    imported = Ikm.objects.order_by("nib").values_list(
        "legal_form", "owner_gender", "status", "market_reach"
    )
    assert list(imported) == [
        ("pt_perorangan", "L", "inactive", "regional"),
        ("koperasi", "P", "active", "national"),
        ("perorangan", "P", "closed", "local"),
    ]


def test_columns_the_template_does_not_have_are_ignored_and_named(client, officer):
    header = ["No.", *KEYS, "Catatan"]
    rows = [{**good_row(1), "No.": "1", "Catatan": "pindah alamat"}]
    url = upload(client, xlsx_file(rows, header=header))

    preview = client.get(url).context["preview"]

    assert preview.sheet.ignored == ["No.", "Catatan"]
    assert preview.counts["new"] == 1


def test_after_confirming_the_file_is_deleted_and_a_summary_links_the_records(
    client, officer, private_storage
):
    url = upload(client, xlsx_file([good_row(1), good_row(2)]))
    assert list(private_storage.glob("imports/*/*.xlsx"))

    response = confirm(client, url)
    summary = client.get(response["Location"])

    assert not list(private_storage.glob("imports/*/*"))
    assert summary.status_code == 200
    assert summary.context["summary"]["created"] == 2
    for ikm in Ikm.objects.all():
        assert ikm.get_absolute_url() in summary.content.decode()
    assert client.get(url).status_code == 404


# Nothing is written unless every row is right


@pytest.mark.parametrize(
    ("values", "column"),
    [({"nib": "12345"}, "nib"), ({"primary_kbli": "99999"}, "primary_kbli")],
)
def test_a_file_with_one_bad_row_writes_nothing_and_the_preview_names_that_row(
    client, officer, values, column
):
    rows = [good_row(1), good_row(2, **values), good_row(3)]
    url = upload(client, xlsx_file(rows))

    page = client.get(url)
    preview = page.context["preview"]
    assert error_columns(preview) == {3: {column}}
    assert 'name="confirm"' not in page.content.decode()
    assert preview.counts == {"new": 2, "update": 0, "skip": 0, "error": 1}

    response = client.post(url, {"plan": preview.plan, "confirm": ""})
    assert response.status_code == 200
    assert error_columns(response.context["preview"]) == {3: {column}}
    assert Ikm.objects.count() == 0


def test_previewing_writes_nothing(client, officer):
    url = upload(client, csv_file([good_row(1)]))
    client.get(url)
    assert Ikm.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"nib": "91200000000012"}, "nib"),
        ({"nib": "91200000000AB"}, "nib"),
        ({"primary_kbli": "99999"}, "primary_kbli"),
        ({"primary_kbli": "102"}, "primary_kbli"),
        ({"other_kbli": "10213, 12345"}, "other_kbli"),
        ({"kelurahan": "63.71.09.9999"}, "kelurahan"),
        ({"kelurahan": "Kampung Entah"}, "kelurahan"),
        ({"sentra": "Sentra Tidak Ada"}, "sentra"),
        ({"name": ""}, "name"),
        ({"owner_name": ""}, "owner_name"),
        ({"owner_gender": ""}, "owner_gender"),
        ({"owner_gender": "X"}, "owner_gender"),
        ({"kelurahan": ""}, "kelurahan"),
        ({"workers_male": "-1"}, "workers_male"),
        ({"workers_female": "lima"}, "workers_female"),
        ({"investment": "-5000000"}, "investment"),
        ({"production_value": "1,5 juta"}, "production_value"),
        ({"founding_year": "1850"}, "founding_year"),
        ({"market_reach": "galaksi"}, "market_reach"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "call me"}, "phone"),
    ],
)
def test_each_kind_of_bad_value_is_an_error_of_its_column(client, officer, values, column):
    url = upload(client, csv_file([good_row(1), good_row(2, **values)]))
    assert error_columns(client.get(url).context["preview"]) == {3: {column}}


def test_a_sentra_of_another_city_is_unknown_here(client, officer):
    SentraFactory(name="Sentra Banjarbaru", banjarbaru=True)
    url = upload(client, csv_file([good_row(1, sentra="Sentra Banjarbaru")]))
    assert error_columns(client.get(url).context["preview"]) == {2: {"sentra"}}


def test_a_village_outside_the_city_is_an_error(client, officer):
    url = upload(client, csv_file([good_row(1, kelurahan="63.72.02.1005")]))
    assert error_columns(client.get(url).context["preview"]) == {2: {"kelurahan"}}


def test_the_same_nib_twice_in_the_file_flags_both_rows(client, officer):
    rows = [good_row(1), good_row(2), good_row(3, nib=good_row(1)["nib"])]
    url = upload(client, xlsx_file(rows))
    assert errors_by_line(client.get(url).context["preview"]) == {
        2: {("nib", "duplicate")},
        4: {("nib", "duplicate")},
    }


def test_an_nib_registered_in_another_city_is_refused_without_showing_its_record(client, officer):
    elsewhere = IkmFactory(
        banjarbaru=True, nib="9120000000001", name="Keripik Rahasia", owner_name="Bu Rahasia"
    )
    url = upload(client, xlsx_file([good_row(1, name="Amplang Baru")]))

    response = client.get(url, {"existing": "update"})

    assert errors_by_line(response.context["preview"]) == {2: {("nib", "registered_elsewhere")}}
    page = response.content.decode()
    assert elsewhere.name not in page
    assert elsewhere.owner_name not in page
    assert "63.72" not in page
    assert confirm(client, url, existing="update").status_code == 200
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Keripik Rahasia"


def test_confirming_writes_nothing_when_the_registry_changed_since_the_preview(client, officer):
    url = upload(client, csv_file([good_row(1), good_row(2)]))
    plan = client.get(url).context["preview"].plan
    IkmFactory(nib=good_row(2)["nib"], name="Registered meanwhile")

    response = client.post(url, {"plan": plan, "confirm": ""})

    assert response.status_code == 200
    assert response.context["preview"].counts["skip"] == 1
    assert Ikm.objects.count() == 1


def test_the_import_service_refuses_a_record_changed_since_it_was_read(users):
    officer = users["officer"]
    ikm = IkmFactory(nib="9120000000001")
    stale = Ikm.objects.select_related("kelurahan").get(pk=ikm.pk)
    Ikm.objects.filter(pk=ikm.pk).update(version=ikm.version + 1)
    stale.name = "Stale"

    with pytest.raises(services.ValidationError):
        services.ikm_import(
            actor=officer, new=[(IkmFactory.build(nib=None), None)], updated=[(stale, None)]
        )

    assert Ikm.objects.count() == 1
    assert Ikm.objects.get().name != "Stale"


# Re-importing: update or skip by NIB


@pytest.fixture
def registered(officer):
    ikm = IkmFactory(nib=good_row(1)["nib"], name="Nama Lama", investment=1, workers_male=9)
    ikm.other_kbli.set(Kbli.objects.filter(code="10211"))
    return ikm


def test_reimport_with_update_updates_records_by_nib(client, officer, registered):
    rows = [good_row(1, name="Nama Baru", workers_male="", other_kbli=""), good_row(2)]
    url = upload(client, xlsx_file(rows))

    confirm(client, url, existing="update")

    registered.refresh_from_db()
    assert (registered.name, registered.investment) == ("Nama Baru", 150_000_000)
    # Empty cells keep what was recorded.
    assert registered.workers_male == 9
    assert [k.code for k in registered.other_kbli.all()] == ["10211"]
    assert registered.version == 2
    assert Ikm.objects.count() == 2


def test_an_update_with_other_kbli_codes_replaces_them(client, officer, registered):
    url = upload(client, csv_file([good_row(1, other_kbli="10794;10792")]))

    confirm(client, url, existing="update")

    assert sorted(k.code for k in registered.other_kbli.all()) == ["10792", "10794"]


def test_reimport_with_skip_leaves_records_unchanged(client, officer, registered):
    url = upload(client, xlsx_file([good_row(1, name="Nama Baru"), good_row(2)]))

    confirm(client, url, existing="skip")

    registered.refresh_from_db()
    assert (registered.name, registered.investment, registered.version) == ("Nama Lama", 1, 1)
    assert Ikm.objects.count() == 2


def test_each_registered_row_can_be_updated_or_skipped_on_its_own(client, officer):
    first = IkmFactory(nib=good_row(1)["nib"], name="Satu")
    second = IkmFactory(nib=good_row(2)["nib"], name="Dua")
    url = upload(client, csv_file([good_row(1, name="Satu Baru"), good_row(2, name="Dua Baru")]))

    confirm(client, url, existing="skip", **{"row-3": "update"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.name, second.name) == ("Satu", "Dua Baru")


def test_with_many_registered_rows_the_choice_is_made_for_all(client, officer, monkeypatch):
    monkeypatch.setattr(imports_views, "MAX_ROW_CHOICES", 1)
    for number in (1, 2):
        IkmFactory(nib=good_row(number)["nib"])
    url = upload(client, csv_file([good_row(1), good_row(2)]))

    page = client.get(url, {"existing": "update"})

    assert 'name="row-2"' not in page.content.decode()
    assert page.context["preview"].counts["update"] == 2


def test_the_preview_counts_new_update_and_skip(client, officer, registered):
    url = upload(client, csv_file([good_row(1), good_row(2)]))
    counts = client.get(url, {"existing": "update"}).context["preview"].counts
    assert counts == {"new": 1, "update": 1, "skip": 0, "error": 0}
    counts = client.get(url).context["preview"].counts
    assert counts == {"new": 1, "update": 0, "skip": 1, "error": 0}


# The audit trail


def test_the_audit_has_one_entry_per_imported_record_naming_the_importer(
    client, officer, registered
):
    url = upload(client, csv_file([good_row(1, name="Nama Baru"), good_row(2), good_row(3)]))

    confirm(client, url, existing="update")

    events = Events.objects.filter(pgh_model="registry.IkmEvent", pgh_context__user=officer.pk)
    assert sorted(events.values_list("pgh_obj_id", "pgh_label")) == sorted(
        [
            (str(registered.pk), "update"),
            *[(str(ikm.pk), "insert") for ikm in Ikm.objects.exclude(pk=registered.pk)],
        ]
    )


def test_the_import_service_names_the_actor_in_the_history_outside_a_request(users):
    officer = users["officer"]
    existing = IkmFactory(nib="9120000000001")
    existing = Ikm.objects.select_related("kelurahan").get(pk=existing.pk)
    existing.name = "Nama Baru"

    created, _updated = services.ikm_import(
        actor=officer, new=[(IkmFactory.build(nib=None), [])], updated=[(existing, None)]
    )

    events = Events.objects.filter(pgh_model="registry.IkmEvent", pgh_context__user=officer.pk)
    assert sorted(events.values_list("pgh_obj_id", "pgh_label")) == sorted(
        [(str(existing.pk), "update"), (str(created[0].pk), "insert")]
    )


# The template


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_template_downloads_and_its_header_row_reads_back(client, officer, kind):
    response = client.get(f"{IMPORT_URL}templat.{kind}")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = files.read_sheet(io.BytesIO(response.content), kind)
    assert sheet.keys == KEYS
    assert sheet.rows == []


def test_the_template_is_a_workbook_with_the_labels_in_the_first_row(client, officer):
    response = client.get(f"{IMPORT_URL}templat.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(header) == [str(column.label) for column in COLUMNS]


def test_a_filled_in_template_imports(client, officer):
    template = load_workbook(io.BytesIO(client.get(f"{IMPORT_URL}templat.xlsx").content))
    template.worksheets[0].append([good_row(1)[key] for key in KEYS])
    output = io.BytesIO()
    template.save(output)

    confirm(client, upload(client, SimpleUploadedFile("t.xlsx", output.getvalue())))

    assert Ikm.objects.filter(nib=good_row(1)["nib"]).exists()


def test_an_unknown_template_kind_is_not_found(client, officer):
    assert client.get(f"{IMPORT_URL}templat.pdf").status_code == 404


# Uploads that are refused


def _zip_without_workbook():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("ikm.xlsx", b"%PDF-1.7 not a spreadsheet", "wrong_content"),
        ("ikm.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "wrong_content"),
        ("ikm.csv", b"name,owner_name\x00\x01\x02", "wrong_content"),
        ("ikm.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old_excel"),
        ("ikm.xlsx", _zip_without_workbook(), "wrong_content"),
        ("ikm.xlsx", b"PK\x03\x04 broken zip", "wrong_content"),
        ("ikm.csv", b"", "empty"),
        ("ikm.csv", b"nama,alamat\nA,B\n", "missing_columns"),
        ("ikm.csv", b"name,owner_name,owner_gender,kelurahan\n,,,\n", "no_rows"),
        ("ikm.csv", b"name,nama usaha,owner_name,owner_gender,kelurahan\n", "duplicate_column"),
    ],
)
def test_an_upload_that_is_not_an_ikm_spreadsheet_is_refused(
    client, officer, private_storage, name, content, code
):
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["file"]] == [code]
    assert not list(private_storage.glob("imports/**/*.*"))


def test_an_upload_over_10_mb_is_refused(client, officer):
    content = b"name,owner_name,owner_gender,kelurahan\n" + b"x" * (10 * 1024 * 1024)
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("big.csv", content)})
    assert response.context["form"].errors["file"]


def test_a_file_with_too_many_rows_is_refused(client, officer, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 2)
    response = client.post(IMPORT_URL, {"file": csv_file([good_row(n) for n in range(3)])})
    assert response.context["form"].errors["file"]


def test_discarding_deletes_the_upload(client, officer, private_storage):
    url = upload(client, csv_file([good_row(1)]))
    response = client.post(url, {"discard": ""})
    assert response.status_code == 302
    assert not list(private_storage.glob("imports/*/*"))
    assert Ikm.objects.count() == 0


def test_uploads_left_waiting_for_a_day_are_dropped_at_the_next_upload(
    client, officer, private_storage
):
    first = upload(client, csv_file([good_row(1)]))
    (waiting,) = private_storage.glob("imports/*/*.csv")
    a_day_ago = time.time() - 25 * 3600
    os.utime(waiting, (a_day_ago, a_day_ago))

    second = upload(client, csv_file([good_row(2)]))

    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


# Who may import


def test_another_officer_cannot_open_or_confirm_someone_elses_upload(client, users):
    client.force_login(users["officer"])
    url = upload(client, csv_file([good_row(1)]))
    plan = client.get(url).context["preview"].plan

    for other in ("supervisor", "administrator", "other_city_officer"):
        client.force_login(users[other])
        assert client.get(url).status_code == 404, other
        assert client.post(url, {"plan": plan, "confirm": ""}).status_code == 404, other
        assert client.post(url, {"discard": ""}).status_code == 404, other
    assert Ikm.objects.count() == 0

    client.force_login(users["officer"])
    done = confirm(client, url)["Location"]
    client.force_login(users["supervisor"])
    assert client.get(done).status_code == 404


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner"])
def test_only_city_staff_may_import(client, users, role):
    client.force_login(users["officer"])
    url = upload(client, csv_file([good_row(1)]))
    plan = client.get(url).context["preview"].plan

    client.force_login(users[role])
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(f"{IMPORT_URL}templat.xlsx").status_code == 403
    assert client.post(IMPORT_URL, {"file": csv_file([good_row(2)])}).status_code == 403
    assert client.post(url, {"plan": plan, "confirm": ""}).status_code == 403
    assert Ikm.objects.count() == 0


def test_an_officer_of_another_city_imports_into_their_own_city(client, users):
    client.force_login(users["other_city_officer"])
    url = upload(client, csv_file([good_row(1, kelurahan="63.72.02.1005")]))
    confirm(client, url)
    assert Ikm.objects.get().city_id == "63.72"


# Speed: the look-ups do not grow with the rows


def test_checking_a_file_takes_the_same_queries_for_5_and_50_rows(users):
    officer = users["officer"]
    SentraFactory(name="Sentra Ikan")
    for number in range(1, 4):
        IkmFactory(nib=good_row(number)["nib"])

    def queries(count):
        rows = [(n + 1, good_row(n, sentra="Sentra Ikan")) for n in range(1, count + 1)]
        with CaptureQueriesContext(connection) as captured:
            preview = checking.check(
                actor=officer, sheet=files.Sheet(keys=KEYS, ignored=[], rows=rows), update_all=True
            )
        assert not preview.has_errors
        return len(captured.captured_queries)

    assert queries(5) == queries(50)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("-3", -3),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1500000", 1_500_000),
    ],
)
def test_whole_numbers_are_read_as_people_write_them(text, number):
    assert checking.whole_number(text) == number


@pytest.mark.parametrize("text", ["1.5", "1.500,50", "1.500,000", "lima", "12 orang"])
def test_other_numbers_are_not_whole_numbers(text):
    with pytest.raises(checking.ValidationError):
        checking.whole_number(text)
