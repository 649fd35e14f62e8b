"""Import files: what they contain, where they wait, and how their rows are read.

An upload waits in the private storage (PRIVATE_MEDIA_ROOT, never served by URL) under
``imports/<user id>/<uuid>.<kind>`` until its uploader confirms or discards it: nothing is
written to the registry before that, and nobody else can reach it.
"""

import csv
import datetime
import io
import time
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from registry.imports.columns import match_header
from sentra_portal import uploads

XLSX, CSV = "xlsx", "csv"
MAX_ROWS = 10_000
# An .xlsx is compressed: refuse one that would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
PENDING_HOURS = 24
_SNIFF_BYTES = 64 * 1024


@dataclass
class Sheet:
    keys: list[str]  # the columns the header names, in file order
    ignored: list[str]  # header cells that name no column: those columns are not read
    rows: list[tuple[int, dict[str, str]]]  # (line number, column key -> cell text)


def detect_kind(uploaded) -> str:
    """XLSX or CSV, read from the content; ValidationError for anything else."""
    uploads.validate_size(uploaded)
    uploaded.seek(0)
    head = uploaded.read(_SNIFF_BYTES)
    uploaded.seek(0)
    if head.startswith(b"PK\x03\x04"):
        _check_workbook(uploaded)
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again."),
            code="old_excel",
        )
    is_other_kind = uploads.detect_kind(uploaded) is not None  # a PDF or an image
    if not is_other_kind and b"\x00" not in head and _decode(head, partial=True) is not None:
        return CSV
    raise _not_a_spreadsheet()


def _not_a_spreadsheet() -> ValidationError:
    return ValidationError(
        _("This file is neither an Excel workbook (.xlsx) nor a CSV file."), code="wrong_content"
    )


def _check_workbook(uploaded) -> None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        members = []
    finally:
        uploaded.seek(0)
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise _not_a_spreadsheet()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ValidationError(_("The workbook is too large to read."), code="too_large")


def _decode(data: bytes, *, partial: bool = False) -> str | None:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A sample may end inside a multi-byte character.
        if partial and error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


# Reading


def cell_text(value) -> str:
    """A cell as the text the user typed: 12 not 12.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _xlsx_rows(handle):
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, OSError, SyntaxError, zipfile.BadZipFile) as error:
        raise ValidationError(
            _("The workbook could not be read. Open it in a spreadsheet and save it again."),
            code="unreadable",
        ) from error
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # some programs write a wrong size; read every cell there is
    try:
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(handle):
    text = _decode(handle.read())
    if text is None:
        raise ValidationError(_("The CSV file is not readable text."), code="unreadable")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_sheet(handle, kind: str) -> Sheet:
    """The header and the non-empty rows of the first sheet; ValidationError on bad files."""
    rows = iter(_xlsx_rows(handle) if kind == XLSX else _csv_rows(handle))
    header = next(rows, None)
    if header is None:
        raise ValidationError(_("The file is empty."), code="empty")
    names = [cell_text(cell) for cell in header]
    positions = match_header(names)
    ignored = [name for position, name in enumerate(names) if name and position not in positions]
    sheet = Sheet(keys=list(positions.values()), ignored=ignored, rows=[])
    for line, cells in enumerate(rows, start=2):
        values = {
            key: cell_text(cells[position]) if position < len(cells) else ""
            for position, key in positions.items()
        }
        if not any(values.values()):
            continue
        if len(sheet.rows) == MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(count)s rows. Split it into several files."),
                code="too_many_rows",
                params={"count": number_format(MAX_ROWS, force_grouping=True)},
            )
        sheet.rows.append((line, values))
    return sheet


# Waiting uploads


def _path(user, upload_id: uuid.UUID, kind: str) -> str:
    return f"imports/{user.pk}/{upload_id}.{kind}"


def store(user, uploaded, kind: str) -> uuid.UUID:
    """Keep the upload for its uploader; drop their uploads left waiting for a day."""
    _discard_stale(user)
    upload_id = uuid.uuid4()
    uploaded.seek(0)
    default_storage.save(_path(user, upload_id, kind), uploaded)
    return upload_id


def find(user, upload_id: uuid.UUID) -> tuple[str, str]:
    """(storage path, kind) of the user's waiting upload; 404 for any other user's."""
    for kind in (XLSX, CSV):
        path = _path(user, upload_id, kind)
        if default_storage.exists(path):
            return path, kind
    raise Http404(_("Not found."))


def discard(path: str) -> None:
    default_storage.delete(path)


def _discard_stale(user) -> None:
    folder = f"imports/{user.pk}"
    if not default_storage.exists(folder):
        return
    limit = time.time() - PENDING_HOURS * 3600
    for name in default_storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if default_storage.get_modified_time(path).timestamp() < limit:
            default_storage.delete(path)
