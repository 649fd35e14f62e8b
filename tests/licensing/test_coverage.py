"""The sentra coverage matrix: its rules (licensing/coverage.py), its page and its export."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from licensing.catalogue import CATALOGUE
from licensing.constants import LicenceStatus
from licensing.coverage import COLUMNS, best_licence, coverage_matrix
from licensing.dates import add_months, office_today
from licensing.models import Licence
from licensing.selectors import sentra_member_licences
from tests.factories import IkmFactory, SentraFactory, licence_of

pytestmark = pytest.mark.django_db

TODAY = office_today()


def test_every_catalogue_type_has_exactly_one_column():
    codes = [code for column in COLUMNS for code in column.type_codes]
    assert sorted(codes) == sorted(spec.code for spec in CATALOGUE)


# Best standing


def test_a_valid_licence_beats_an_application_and_an_expired_one():
    ikm = IkmFactory()
    expired = licence_of("pirt", ikm=ikm, expired=True)
    applied = licence_of("pirt", ikm=ikm, applied=True)
    valid = licence_of("pirt", ikm=ikm)
    assert best_licence([expired, applied, valid], TODAY) == valid
    assert best_licence([expired, applied], TODAY) == applied


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ({"applied": True}, {"planned": True}),
        ({"planned": True}, {"expired": True}),
        ({"expired": True}, {"status": LicenceStatus.REVOKED}),
        ({"status": LicenceStatus.REVOKED}, {"status": LicenceStatus.REJECTED, "planned": True}),
        ({"status": LicenceStatus.REJECTED, "planned": True}, {"status": "withdrawn"}),
    ],
)
def test_the_order_of_standings(better, worse):
    ikm = IkmFactory()
    first, second = licence_of("pirt", ikm=ikm, **better), licence_of("pirt", ikm=ikm, **worse)
    assert best_licence([second, first], TODAY) == first


def test_between_two_valid_licences_the_one_valid_longer_wins():
    ikm = IkmFactory()
    sooner = licence_of("pirt", ikm=ikm, issued_on=add_months(TODAY, -50))
    later = licence_of("pirt", ikm=ikm, issued_on=add_months(TODAY, -10))
    assert best_licence([sooner, later], TODAY) == later


def test_the_licence_expiring_today_is_still_valid_and_tomorrow_it_is_not():
    licence = licence_of("pirt", issued_on=add_months(TODAY, -60), valid_until=TODAY)
    [row] = coverage_matrix([licence.ikm], [licence], TODAY).rows
    assert row.cells[1].held_validly
    tomorrow = TODAY + datetime.timedelta(days=1)
    [row] = coverage_matrix([licence.ikm], [licence], tomorrow).rows
    assert not row.cells[1].held_validly
    assert row.cells[1].status == LicenceStatus.EXPIRED


def test_cells_rows_and_totals():
    amplang, bingka = IkmFactory(name="Amplang"), IkmFactory(name="Bingka")
    licences = [
        licence_of("nib", ikm=amplang),
        licence_of("pirt", ikm=amplang),
        licence_of("pirt", ikm=amplang, expired=True),
        licence_of("nib", ikm=bingka, applied=True),
        licence_of("hak_cipta", ikm=bingka, registration_number="000187654"),
    ]
    matrix = coverage_matrix([amplang, bingka], licences, TODAY, editable_ids=frozenset({1}))
    cells = {(row.ikm.name, cell.column.key): cell for row in matrix.rows for cell in row.cells}
    assert cells["Amplang", "nib"].held_validly
    assert cells["Amplang", "pirt"].licence == licences[1]
    assert cells["Amplang", "pirt"].others == 1
    assert cells["Amplang", "halal"].licence is None
    assert cells["Bingka", "nib"].status == LicenceStatus.APPLIED
    assert cells["Bingka", "haki"].licence == licences[4]
    totals = {total.column.key: total.valid for total in matrix.totals}
    assert totals == {
        "nib": 1,
        "pirt": 1,
        "bpom_md": 0,
        "halal": 0,
        "sni": 0,
        "tkdn": 0,
        "merek": 0,
        "haki": 1,
        "e_katalog": 0,
    }


# The page


@pytest.fixture
def sentra(users):
    sentra = SentraFactory(name="Sentra Amplang Kuin")
    amplang = IkmFactory(name="Amplang Kuin", sentra=sentra, owners=[users["ikm_owner"]])
    IkmFactory(name="Kerupuk Haruan", sentra=sentra)
    licence_of("pirt", ikm=amplang)
    licence_of("nib", ikm=amplang, applied=True)
    return sentra


def url(sentra, suffix="") -> str:
    return f"/perizinan/sentra/{sentra.pk}/cakupan/{suffix}"


def cell(text: str, ikm_name: str, column: str) -> str:
    """The `<td>` of the IKM's row in `column`."""
    row = text.split(f">{ikm_name}</a>", 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-column="{column}"', 1)[1].split("</td>", 1)[0]


def test_officers_see_each_member_s_standing_by_type(client, users, sentra):
    client.force_login(users["officer"])
    response = client.get(url(sentra))
    assert response.status_code == 200
    text = response.content.decode()
    amplang_pirt = Licence.objects.get(licence_type="pirt")
    assert 'data-status="issued"' in cell(text, "Amplang Kuin", "pirt")
    assert amplang_pirt.get_absolute_url() in cell(text, "Amplang Kuin", "pirt")
    assert 'data-status="applied"' in cell(text, "Amplang Kuin", "nib")
    assert 'data-status="none"' in cell(text, "Kerupuk Haruan", "pirt")
    assert 'class="coverage-cell coverage-cell--good"' in text


def test_city_staff_get_a_link_to_add_the_missing_licence(client, users, sentra):
    haruan = sentra.members.get(name="Kerupuk Haruan")
    client.force_login(users["officer"])
    text = client.get(url(sentra)).content.decode()
    assert f"/perizinan/ikm/{haruan.pk}/baru/?type=pirt" in cell(text, "Kerupuk Haruan", "pirt")
    # A grouped column preselects nothing.
    assert f'/perizinan/ikm/{haruan.pk}/baru/"' in cell(text, "Kerupuk Haruan", "haki")


def test_the_province_reads_the_matrix_without_add_links(client, users, sentra):
    client.force_login(users["provincial_officer"])
    response = client.get(url(sentra))
    assert response.status_code == 200
    assert "/baru/" not in response.content.decode()


def test_the_summary_row_counts_the_ikms_holding_each_type_validly(client, users, sentra):
    client.force_login(users["officer"])
    text = client.get(url(sentra)).content.decode()
    footer = text.split("<tfoot>", 1)[1]
    assert '<td class="number" data-column="pirt">1 ' in footer
    assert '<td class="number" data-column="nib">0 ' in footer


def test_owners_are_refused_and_other_cities_get_404(client, users, sentra):
    client.force_login(users["ikm_owner"])
    assert client.get(url(sentra)).status_code == 403
    client.force_login(users["other_city_officer"])
    assert client.get(url(sentra)).status_code == 404
    assert client.get(url(sentra, "ekspor.csv")).status_code == 404


def test_the_sentra_page_links_to_the_matrix_for_staff(client, users, sentra):
    for role in ("officer", "provincial_officer"):
        client.force_login(users[role])
        text = client.get(sentra.get_absolute_url()).content.decode()
        assert f'href="{url(sentra)}"' in text


def test_the_page_s_query_count_does_not_grow_with_the_members(client, users):
    client.force_login(users["officer"])
    sentra = SentraFactory()

    def add_members(count: int) -> None:
        for _ in range(count):
            ikm = IkmFactory(sentra=sentra)
            licence_of("nib", ikm=ikm)
            licence_of("pirt", ikm=ikm)
            licence_of("halal", ikm=ikm, applied=True)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(sentra)).status_code == 200
        return len(captured)

    add_members(3)
    few = queries()
    add_members(27)
    assert queries() == few
    assert few <= 9


def test_member_licences_carry_the_renewal_state(users):
    old = licence_of("pirt", issued_on=add_months(TODAY, -59))
    renewal = licence_of("pirt", ikm=old.ikm, product=old.product, renews=old, planned=True)
    licences = sentra_member_licences(user=users["officer"], ikm_ids=[old.ikm_id])
    by_pk = {licence.pk: licence for licence in licences}
    assert by_pk[old.pk].renewal_under_way
    assert not by_pk[old.pk].replaced
    assert not by_pk[renewal.pk].renewal_under_way
    assert not sentra_member_licences(user=users["other_city_officer"], ikm_ids=[old.ikm_id])


# The export


def test_the_csv_export_has_a_row_per_member_and_the_totals(client, users, sentra):
    client.force_login(users["officer"])
    response = client.get(url(sentra, "ekspor.csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 2 + 1  # header, two members, totals
    assert len(rows[0]) == 2 + len(COLUMNS)
    by_name = {row[0]: row for row in rows[1:-1]}
    assert by_name["Amplang Kuin"][3]  # the P-IRT column has its standing
    assert by_name["Kerupuk Haruan"][3] == ""
    assert rows[-1][3] == "1"


def test_the_xlsx_export_is_a_workbook(client, users, sentra):
    client.force_login(users["officer"])
    response = client.get(url(sentra, "ekspor.xlsx"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_an_unknown_export_format_is_not_found(client, users, sentra):
    client.force_login(users["officer"])
    assert client.get(url(sentra, "ekspor.pdf")).status_code == 404
