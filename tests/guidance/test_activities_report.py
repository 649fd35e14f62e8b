"""The yearly report of an office (LKjIP) against hand-counted fixtures."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from guidance.reports_activities import yearly_report
from tests.factories import (
    ActivityFactory,
    ActivityParticipantFactory,
    CaseFactory,
    IkmFactory,
    LicenceFactory,
    YearlySnapshotFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2025


def _on(month, day, year=YEAR):
    return {
        "starts_on": datetime.date(year, month, day),
        "ends_on": datetime.date(year, month, day),
    }


@pytest.fixture
def fixtures(users, banjarmasin, banjarbaru, kalsel):
    """Banjarmasin in 2025: two bimtek (APBD kota, DAK), one joint exhibition with the
    province (APBD provinsi); plus activities that must not count."""
    amplang, sasirangan, kue = IkmFactory.create_batch(3)
    bimtek = ActivityFactory(city_office=banjarmasin, kind="bimtek", **_on(3, 1))
    bimtek_dak = ActivityFactory(
        city_office=banjarmasin, kind="bimtek", budget_source="dak", **_on(6, 1)
    )
    pameran = ActivityFactory(
        joint=True,
        city_office=banjarmasin,
        province_office=kalsel,
        owner_office=kalsel,
        kind="pameran",
        budget_source="apbd_provinsi",
        **_on(12, 31),
    )
    # Not counted for Banjarmasin: another year, another city, the province alone.
    ActivityParticipantFactory(
        activity=ActivityFactory(city_office=banjarmasin, **_on(12, 31, YEAR - 1)), ikm=kue
    )
    ActivityFactory(city_office=banjarbaru, **_on(5, 5))
    province_only = ActivityFactory(province=True, province_office=kalsel, **_on(5, 5))
    ActivityParticipantFactory(activity=province_only, ikm=kue, attended=True)

    # Participants: amplang in all three (attended twice), sasirangan absent once, kue unmarked.
    amplang_bimtek = ActivityParticipantFactory(activity=bimtek, ikm=amplang, attended=True)
    amplang_dak = ActivityParticipantFactory(activity=bimtek_dak, ikm=amplang, attended=True)
    ActivityParticipantFactory(activity=pameran, ikm=amplang)
    ActivityParticipantFactory(activity=bimtek, ikm=sasirangan, attended=False)
    pameran_kue = ActivityParticipantFactory(activity=pameran, ikm=kue)
    # Certificates: one licence linked twice counts once; kue's counts.
    halal = LicenceFactory(ikm=amplang)
    amplang_bimtek.certificates.add(halal)
    amplang_dak.certificates.add(halal)
    pameran_kue.certificates.add(LicenceFactory(ikm=kue))

    # Cases closed in 2025 (Banjarmasin): one succeeded, one not; one closed in 2024; one open.
    zone = timezone.get_default_timezone()
    for closed, outcome in (
        (datetime.datetime(YEAR, 1, 1, 0, 30, tzinfo=zone), "succeeded"),
        (datetime.datetime(YEAR, 7, 1, tzinfo=zone), "not_succeeded"),
        (datetime.datetime(YEAR - 1, 12, 31, 23, 30, tzinfo=zone), "succeeded"),
    ):
        CaseFactory(
            ikm=amplang,
            status="done",
            outcome=outcome,
            closed_at=closed,
            assigned_to=users["officer"],
        )
    CaseFactory(ikm=sasirangan)

    # Naik kelas: sasirangan's market reach went up in 2025.
    YearlySnapshotFactory(ikm=sasirangan, year=YEAR - 1, market_reach="local")
    YearlySnapshotFactory(ikm=sasirangan, year=YEAR, market_reach="national")
    return {"bimtek": bimtek}


def test_the_city_report_matches_the_hand_count(users, fixtures):
    report = yearly_report(user=users["officer"], year=YEAR)
    by_kind = {row.kind: row for row in report.kinds}
    sources = [value for value, _label in report.budget_sources]
    assert by_kind["bimtek"].total == 2
    assert by_kind["bimtek"].counts[sources.index("apbd_kota")] == 1
    assert by_kind["bimtek"].counts[sources.index("dak")] == 1
    assert by_kind["pameran"].counts[sources.index("apbd_provinsi")] == 1
    assert report.activities == 3
    assert report.participants == 5
    assert report.attended == 2
    assert report.ikms_reached == 2  # amplang and kue; sasirangan was absent
    assert report.certificates == 2
    assert (report.cases_closed, report.cases_succeeded) == (2, 1)
    assert report.naik_kelas == 1


def test_the_province_report_counts_its_own_and_joint_activities(users, fixtures):
    report = yearly_report(user=users["provincial_officer"], year=YEAR)
    assert report.activities == 2  # the joint exhibition and the province's own
    assert report.participants == 3
    assert report.ikms_reached == 2  # amplang and kue (kue attended the province's)
    assert report.certificates == 1


def test_the_report_page_shows_the_year_asked(
    client, users, fixtures, django_assert_max_num_queries
):
    client.force_login(users["officer"])
    with django_assert_max_num_queries(10):
        response = client.get("/pendampingan/kegiatan/laporan/", {"tahun": YEAR})
    assert response.status_code == 200
    content = response.content.decode()
    assert '<dd data-figure="activities">3</dd>' in content
    assert '<dd data-figure="ikms_reached">2</dd>' in content
    # A year out of range falls back to this year.
    assert (
        client.get("/pendampingan/kegiatan/laporan/", {"tahun": "1800"}).context["report"].year
        == timezone.localdate().year
    )


def test_the_report_downloads_as_a_spreadsheet_with_the_same_figures(client, users, fixtures):
    client.force_login(users["officer"])
    response = client.get("/pendampingan/kegiatan/laporan.xlsx", {"tahun": YEAR})
    assert response.status_code == 200
    assert f"laporan-kegiatan-{YEAR}" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    totals = next(row for row in rows[1:] if row[0] == "Jumlah")
    assert totals[-1] == 3
    figures = {row[0]: row[1] for row in rows if row and row[0] and len(row) > 1}
    assert figures["IKM yang terjangkau"] == 2
    assert figures["Sertifikat yang diperoleh"] == 2


def test_the_report_download_refuses_other_formats(client, users):
    client.force_login(users["officer"])
    assert client.get("/pendampingan/kegiatan/laporan.pdf").status_code == 404
