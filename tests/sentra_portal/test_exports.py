"""The streamed XLSX and CSV writers: real workbooks, numbers as numbers, rows as they come."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from registry.constants import IkmStatus
from registry.models import Ikm
from sentra_portal.exports import Column, csv_stream, export_response, xlsx_stream
from tests.factories import IkmFactory

HEADERS = ["Nama", "Jumlah", "Tanggal", "Catatan"]
ROWS = [
    ['Amplang <Ikan> & "Pipih"', 1_250_000, datetime.date(2027, 3, 12), None],
    ["Sasirangan Bu Ani", 0, None, "  spasi di tepi  "],
    ["Kontrol\x00\x1bkarakter", 12, datetime.date(1999, 12, 31), '=HYPERLINK("x")'],
]


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_opens_with_openpyxl_and_holds_every_row():
    sheet = workbook(b"".join(xlsx_stream(HEADERS, ROWS, sheet_name="IKM")))
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    # openpyxl reads dates back as (naive) datetimes at midnight.
    dates = [row[2] and row[2].date() for row in values[1:]]
    values = [row[:2] + row[3:] for row in values]
    assert values[0] == ["Nama", "Jumlah", "Catatan"]
    assert values[1] == ['Amplang <Ikan> & "Pipih"', 1_250_000, None]
    assert values[2] == ["Sasirangan Bu Ani", 0, "  spasi di tepi  "]
    # Characters XML cannot hold are dropped; text that looks like a formula stays text.
    assert values[3] == ["Kontrolkarakter", 12, '=HYPERLINK("x")']
    assert dates == [datetime.date(2027, 3, 12), None, datetime.date(1999, 12, 31)]
    assert sheet.title == "IKM"


def test_xlsx_text_left_empty_by_the_cleanup_is_an_empty_cell():
    sheet = workbook(b"".join(xlsx_stream(["A", "B"], [["\x00\x01", 1]], sheet_name="x")))
    assert [sheet["A2"].value, sheet["B2"].value] == [None, 1]


def test_xlsx_writes_aware_datetimes_in_local_time():
    moment = datetime.datetime(2027, 3, 12, 1, 30, tzinfo=datetime.UTC)
    with timezone.override("Asia/Makassar"):
        sheet = workbook(b"".join(xlsx_stream(["Waktu"], [[moment]], sheet_name="x")))
    assert sheet["A2"].value.isoformat() == "2027-03-12T09:30:00"


def test_xlsx_numbers_are_numbers_and_the_header_is_bold_and_frozen():
    sheet = workbook(b"".join(xlsx_stream(HEADERS, ROWS, sheet_name="IKM")))
    assert sheet["B2"].data_type == "n"
    assert isinstance(sheet["B2"].value, int)
    assert sheet["A2"].data_type == "s"
    assert sheet["D4"].data_type == "s"
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_xlsx_is_a_valid_zip_with_the_minimal_parts():
    data = b"".join(xlsx_stream(HEADERS, ROWS, sheet_name="IKM"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert set(archive.namelist()) == {
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        }


def test_xlsx_sheet_names_drop_forbidden_characters():
    sheet = workbook(b"".join(xlsx_stream(["A"], [], sheet_name="IKM/2026: [semua]")))
    assert sheet.title == "IKM 2026   semua "
    assert sheet.max_row == 1


def test_xlsx_many_columns_get_two_letter_references():
    headers = [f"K{index}" for index in range(30)]
    sheet = workbook(b"".join(xlsx_stream(headers, [list(range(30))], sheet_name="x")))
    assert sheet["AD1"].value == "K29"
    assert sheet["AD2"].value == 29


def counting(rows, consumed):
    for row in rows:
        consumed.append(row)
        yield row


def test_xlsx_streams_before_reading_every_row():
    consumed = []
    rows = counting(([f"IKM {n}", n] for n in range(5000)), consumed)
    stream = xlsx_stream(["Nama", "N"], rows, sheet_name="IKM")
    chunks = [next(stream), next(stream)]
    assert all(chunks)
    assert len(consumed) < 5000
    rest = b"".join(stream)
    assert workbook(b"".join(chunks) + rest).max_row == 5001


def test_csv_streams_before_reading_every_row():
    consumed = []
    stream = csv_stream(["N"], counting(([n] for n in range(5000)), consumed))
    next(stream), next(stream)
    assert len(consumed) < 5000


def test_csv_is_utf8_with_a_bom_and_parses_back():
    data = b"".join(csv_stream(HEADERS, ROWS))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1] == ['Amplang <Ikan> & "Pipih"', "1250000", "2027-03-12", ""]
    assert rows[2][3] == "  spasi di tepi  "


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+cmd|' /C calc'!A0", "'-2+cmd|' /C calc'!A0"),
        ("+62 812-3456-7890", "+62 812-3456-7890"),
        ("-15", "-15"),
        ("Amplang", "Amplang"),
    ],
)
def test_csv_defuses_text_a_spreadsheet_would_run_as_a_formula(text, written):
    data = b"".join(csv_stream(["A"], [[text]])).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(data)))[1] == [written]


@pytest.mark.django_db
def test_export_response_streams_a_named_download_of_the_queryset():
    IkmFactory(name="Amplang Ikan Pipih", workers_male=4, status=IkmStatus.INACTIVE)
    columns = [
        Column(_("Business name"), "name"),
        Column(_("Workers"), "workers_total"),
        Column(_("Status"), "status", IkmStatus.choices),
    ]
    with translation.override("en"):
        response = export_response(Ikm.objects.all(), columns, file_format="xlsx", name="ikm")
    assert response.streaming
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="ikm-{today}.xlsx"'
    assert "no-store" in response["Cache-Control"]
    sheet = workbook(b"".join(response.streaming_content))
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Business name", "Workers", "Status"],
        ["Amplang Ikan Pipih", 4, "Inactive"],
    ]


@pytest.mark.django_db
def test_export_response_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="pdf"):
        export_response(Ikm.objects.all(), [], file_format="pdf", name="ikm")
