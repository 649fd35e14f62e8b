"""The registry exports: exactly the rows the list shows (same filters, search, sort and
scope), with Indonesian headers and numbers as numbers."""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from registry.constants import IkmStatus, MarketReach
from registry.exports import IKM_COLUMNS
from registry.filters import IkmFilter
from registry.models import Ikm
from tests.factories import IkmFactory, SentraFactory, kbli, region

pytestmark = pytest.mark.django_db

IKM_EXPORT = "/registri/ikm/ekspor"
SENTRA_EXPORT = "/registri/sentra/ekspor"


@pytest.fixture
def data(users):
    kuin = SentraFactory(name="Sentra Pengolahan Ikan Kuin")
    kuin.kelurahans.set([region("63.71.04.1009"), region("63.71.03.1007")])
    kuin.kbli_codes.set([kbli("10213"), kbli("10211")])
    ikms = [
        IkmFactory(
            name="Amplang Ikan Pipih",
            owner_name="Siti Rahmah",
            nib="9120001234567",
            sentra=kuin,
            primary_kbli=kbli("10213"),
            workers_male=3,
            workers_female=4,
            investment=50_000_000,
            production_value=120_000_000,
            phone="+62 812-3456-7890",
        ),
        IkmFactory(
            name="Amplang Udang Galuh",
            owner_name="Galuh",
            sentra=kuin,
            primary_kbli=kbli("10211"),
            workers_female=12,
            investment=1_500_000_000,
            market_reach=MarketReach.NATIONAL,
        ),
        IkmFactory(
            name="Kerupuk Haruan Acil",
            owner_name="Rusdiansyah",
            primary_kbli=kbli("10211"),
            status=IkmStatus.INACTIVE,
        ),
    ]
    bjb = IkmFactory(banjarbaru=True, name="Amplang Banjarbaru", owner_name="Bjb")
    return kuin, ikms, bjb


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    return response


def xlsx_rows(response) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def listed(user, query: dict) -> list[Ikm]:
    """What the IKM list selects for `query`, in the list's default order."""
    filterset = IkmFilter(query, queryset=Ikm.objects.visible_to(user), user=user)
    assert filterset.is_valid()
    return list(filterset.qs.order_by("name", "pk"))


def test_ikm_xlsx_holds_exactly_the_filtered_and_searched_rows(client, users, data):
    query = {"q": "amplang", "kbli": "102"}
    response = download(client, users["officer"], f"{IKM_EXPORT}.xlsx?q=amplang&kbli=102")
    rows = xlsx_rows(response)
    expected = listed(users["officer"], query)
    assert [ikm.name for ikm in expected] == ["Amplang Ikan Pipih", "Amplang Udang Galuh"]
    assert [row[0] for row in rows[1:]] == [ikm.name for ikm in expected]
    assert [row[1] for row in rows[1:]] == [ikm.nib for ikm in expected]


def test_ikm_xlsx_headers_are_indonesian_and_numbers_are_numbers(client, users, data):
    rows = xlsx_rows(download(client, users["officer"], f"{IKM_EXPORT}.xlsx?q=9120001234567"))
    header, amplang = rows
    with translation.override("id"):
        assert header == [str(column.header) for column in IKM_COLUMNS]
    assert header[:2] == ["Nama usaha", "NIB"]
    record = dict(zip((column.field for column in IKM_COLUMNS), amplang, strict=True))
    assert record["kelurahan__name"] == "Kuin Utara"
    assert record["kelurahan__parent__name"] == "Banjarmasin Utara"
    assert record["sentra__name"] == "Sentra Pengolahan Ikan Kuin"
    assert record["primary_kbli__code"] == "10213"
    assert record["phone"] == "+62 812-3456-7890"
    figures = ["workers_male", "workers_female", "workers_total", "investment", "production_value"]
    assert [record[field] for field in figures] == [3, 4, 7, 50_000_000, 120_000_000]
    assert all(type(record[field]) is int for field in figures)


def test_ikm_export_follows_the_list_sort(client, users, data):
    rows = xlsx_rows(download(client, users["officer"], f"{IKM_EXPORT}.xlsx?sort=-investment"))
    assert [row[0] for row in rows[1:]] == [
        "Amplang Udang Galuh",
        "Amplang Ikan Pipih",
        "Kerupuk Haruan Acil",
    ]


def test_ikm_export_of_another_city_holds_none_of_banjarmasin(client, users, data):
    rows = xlsx_rows(download(client, users["other_city_officer"], f"{IKM_EXPORT}.xlsx"))
    assert [row[0] for row in rows[1:]] == ["Amplang Banjarbaru"]
    rows = csv_rows(download(client, users["other_city_officer"], f"{IKM_EXPORT}.csv?q=amplang"))
    assert [row[0] for row in rows[1:]] == ["Amplang Banjarbaru"]


def test_provincial_export_holds_both_cities_and_filters_by_city(client, users, data):
    everything = xlsx_rows(download(client, users["provincial_officer"], f"{IKM_EXPORT}.xlsx"))
    assert len(everything) == 1 + 4
    banjarbaru = xlsx_rows(
        download(client, users["provincial_officer"], f"{IKM_EXPORT}.xlsx?city=63.72")
    )
    assert [row[0] for row in banjarbaru[1:]] == ["Amplang Banjarbaru"]


def test_ikm_csv_holds_the_filtered_rows_with_plain_numbers(client, users, data):
    response = download(client, users["officer"], f"{IKM_EXPORT}.csv?status=active&has_nib=no")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = csv_rows(response)
    expected = listed(users["officer"], {"status": "active", "has_nib": "no"})
    assert [row[0] for row in rows] == [ikm.name for ikm in expected] == ["Amplang Udang Galuh"]
    record = dict(zip(header, rows[0], strict=True))
    assert record["NIB"] == ""
    assert "1500000000" in rows[0]


def test_export_file_names_carry_the_date(client, users, data):
    today = timezone.localdate().isoformat()
    response = download(client, users["officer"], f"{IKM_EXPORT}.csv")
    assert response["Content-Disposition"] == f'attachment; filename="ikm-{today}.csv"'
    response = download(client, users["officer"], f"{SENTRA_EXPORT}.xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="sentra-{today}.xlsx"'


def test_an_invalid_filter_exports_no_rows(client, users, data):
    rows = xlsx_rows(download(client, users["officer"], f"{IKM_EXPORT}.xlsx?kbli=abc"))
    assert len(rows) == 1


def test_sentra_export_has_villages_codes_and_member_figures(client, users, data):
    header, kuin = xlsx_rows(download(client, users["officer"], f"{SENTRA_EXPORT}.xlsx"))
    record = dict(zip(header, kuin, strict=True))
    assert record["Nama"] == "Sentra Pengolahan Ikan Kuin"
    assert "Kuin Selatan, Kuin Utara" in kuin
    assert "10211, 10213" in kuin
    assert [value for value in kuin if type(value) is int] == [2, 19, 1_550_000_000]


def test_sentra_export_of_another_city_holds_none_of_banjarmasin(client, users, data):
    rows = csv_rows(download(client, users["other_city_officer"], f"{SENTRA_EXPORT}.csv"))
    assert rows[1:] == []


@pytest.mark.parametrize("url", [f"{IKM_EXPORT}.xlsx", f"{SENTRA_EXPORT}.csv"])
def test_owners_may_not_export(client, users, data, url):
    client.force_login(users["ikm_owner"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [f"{IKM_EXPORT}.pdf", f"{SENTRA_EXPORT}.json"])
def test_an_unknown_format_is_not_found(client, users, url):
    client.force_login(users["officer"])
    assert client.get(url).status_code == 404


def test_export_queries_do_not_grow_with_the_rows(client, users, django_assert_max_num_queries):
    for number in range(40):
        IkmFactory(name=f"IKM {number}", sentra=SentraFactory())
    client.force_login(users["officer"])
    # session, user, office, and the rows (read through one server-side cursor)
    with django_assert_max_num_queries(4):
        response = client.get(f"{IKM_EXPORT}.xlsx")
        assert len(xlsx_rows(response)) == 41
