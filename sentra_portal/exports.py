"""Streamed XLSX and CSV downloads of any queryset: rows leave as they are read.

The rows are read with a server-side cursor, 2,000 at a time, and written out as they come,
so an export of 100,000 rows never holds them in memory and its first bytes leave at once.
The XLSX workbook is written here as a zip stream (Python's zipfile writes to a non-seekable
stream with data descriptors): the few fixed parts, then the sheet, row after row, with text
as inline strings and numbers as numbers.
"""

from __future__ import annotations

import csv
import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

CHUNK_SIZE = 2000
ROWS_PER_WRITE = 200
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
MAX_CELL_TEXT = 32_767  # Excel refuses longer cells
# Characters XML 1.0 does not allow, whatever the escaping.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text a spreadsheet would run as a formula (CSV injection); plain signed numbers and phone
# numbers such as "+62 812-3456-7890" are left as they are.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_LIKE = re.compile(r"[+-]?[\d .()-]*")


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, the `values()` lookup it reads and, for a field
    with choices, the labels to write instead of the stored values."""

    header: str
    field: str
    labels: Sequence[tuple[str, str]] | None = None


class _Cells:
    """Cell values of a row, in column order, with choice labels resolved once."""

    def __init__(self, columns: Sequence[Column]):
        self.fields = [column.field for column in columns]
        self.labels = [
            {value: str(label) for value, label in column.labels} if column.labels else None
            for column in columns
        ]

    def __call__(self, row: Mapping) -> list:
        cells = []
        for field, labels in zip(self.fields, self.labels, strict=True):
            value = row[field]
            if labels is not None:
                value = labels.get(value, value)
            elif isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            cells.append(value)
        return cells


def export_response(
    queryset: QuerySet, columns: Sequence[Column], *, file_format: str, name: str
) -> StreamingHttpResponse:
    """A download of `queryset` in `file_format` ("xlsx" or "csv"), named like
    ``ikm-2026-11-29.xlsx``. Headers and labels are rendered now, in the active language."""
    headers = [str(column.header) for column in columns]
    to_cells = _Cells(columns)
    fields = list(dict.fromkeys(column.field for column in columns))
    rows = (to_cells(row) for row in queryset.values(*fields).iterator(chunk_size=CHUNK_SIZE))
    return table_response(headers, rows, file_format=file_format, name=name)


def table_response(
    headers: Sequence[str], rows: Iterable[Sequence], *, file_format: str, name: str
) -> StreamingHttpResponse:
    """A download of a table already worked out (a report's figures), like `export_response`."""
    if file_format == "xlsx":
        stream, content_type = xlsx_stream(headers, rows, sheet_name=name), XLSX_CONTENT_TYPE
    elif file_format == "csv":
        stream, content_type = csv_stream(headers, rows), CSV_CONTENT_TYPE
    else:
        raise ValueError(f"unknown export format {file_format!r}")
    response = StreamingHttpResponse(stream, content_type=content_type)
    filename = f"{name}-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


# CSV ----------------------------------------------------------------------------------------


class _Echo:
    """A file whose write() hands back what it is given: csv.writer then returns each line."""

    def write(self, text: str) -> str:
        return text


def _csv_value(value) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return value if NUMBER_LIKE.fullmatch(value) else f"'{value}"
    return value


def csv_stream(headers: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """UTF-8 with a byte order mark, so that Excel reads Indonesian names right."""
    writer = csv.writer(_Echo())
    yield ("\ufeff" + writer.writerow(headers)).encode()
    batch = []
    for row in rows:
        batch.append(writer.writerow([_csv_value(value) for value in row]))
        if len(batch) >= ROWS_PER_WRITE:
            yield "".join(batch).encode()
            batch.clear()
    if batch:
        yield "".join(batch).encode()


# XLSX ---------------------------------------------------------------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Cell styles (indexes into cellXfs below).
_BOLD, _INTEGER, _DATE, _DATETIME = 1, 2, 3, 4

_FIXED_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN_NS}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="5">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _workbook_xml(sheet_name: str) -> str:
    # Sheet names: at most 31 characters, none of []:*?/\
    name = re.sub(r"[\[\]:*?/\\]", " ", sheet_name)[:31] or "Sheet1"
    return (
        f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>'
        f'<sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, remainder = divmod(index - 1, 26)
            name = chr(ord("A") + remainder) + name
        letters.append(name)
    return letters


def _text_cell(ref: str, text: str, style: str = "") -> str:
    text = XML_ILLEGAL.sub("", text)[:MAX_CELL_TEXT]
    if not text:
        return ""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{escape(text)}</t></is></c>'


def _cell(ref: str, value) -> str:
    kind = type(value)  # the common cases first: this runs for every cell
    if kind is str:
        return _text_cell(ref, value)
    if kind is int:
        return f'<c r="{ref}" s="{_INTEGER}"><v>{value}</v></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}" s="{_INTEGER}"><v>{value}</v></c>'
    if isinstance(value, float | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value).replace(tzinfo=None)
        serial = (moment - datetime.datetime.combine(EXCEL_EPOCH, datetime.time())).total_seconds()
        return f'<c r="{ref}" s="{_DATETIME}"><v>{serial / 86400}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    return _text_cell(ref, str(value))


class _Pipe:
    """A write-only file whose contents are taken out as they arrive (zipfile writes to it)."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the stream's reader takes the bytes."""

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def xlsx_stream(
    headers: Sequence[str], rows: Iterable[Sequence], *, sheet_name: str
) -> Iterator[bytes]:
    """A one-sheet workbook: a bold, frozen header row, then one row per item of `rows`."""
    letters = _column_letters(len(headers))
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as book:
        for part, xml in {**_FIXED_PARTS, "xl/workbook.xml": _workbook_xml(sheet_name)}.items():
            book.writestr(part, _XML_HEAD + xml)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            header = "".join(
                _text_cell(f"{letter}1", text, f' s="{_BOLD}"')
                for letter, text in zip(letters, headers, strict=True)
            )
            sheet.write(
                (
                    f'{_XML_HEAD}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
                    '<sheetViews><sheetView workbookViewId="0">'
                    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    "</sheetView></sheetViews>"
                    f'<cols><col min="1" max="{len(headers)}" width="20" customWidth="1"/></cols>'
                    f'<sheetData><row r="1">{header}</row>'
                ).encode()
            )
            yield pipe.take()
            batch = []
            for number, row in enumerate(rows, start=2):
                cells = "".join(
                    _cell(f"{letter}{number}", value)
                    for letter, value in zip(letters, row, strict=True)
                )
                batch.append(f'<row r="{number}">{cells}</row>')
                if len(batch) >= ROWS_PER_WRITE:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    if chunk := pipe.take():
                        yield chunk
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
    yield pipe.take()
