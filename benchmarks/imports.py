"""The import budget: a spreadsheet of 10,000 IKMs previewed and committed over HTTP.

The officer uploads a generated workbook of new IKMs of their city through the import form,
the portal checks every row (the preview), and the officer confirms, as in a browser. The
IKMs it registered are deleted and vacuumed away afterwards, so that the data under test
stays the same from run to run. The rows carry no NIB: no run can collide with another's or
with the registry.
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Max
from django.urls import reverse
from openpyxl import Workbook

from benchmarks.client import Browser
from registry.filters import regions_under
from registry.imports.columns import COLUMNS
from registry.imports.template import header
from registry.models import Ikm
from sentra_portal.constants import RegionLevel
from sentra_portal.models import User

IMPORT_ROWS = 10_000
NAME_PREFIX = "Impor Benchmark"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
PLAN_FIELD = re.compile(rb'name="plan" value="([^"]*)"')
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportFailedError(Exception):
    pass


@dataclass(frozen=True)
class ImportTiming:
    rows: int
    preview_ms: float  # upload and the checked preview
    commit_ms: float  # confirmation until the summary page
    created: int


def workbook(officer: User, rows: int) -> bytes:
    """An import file of `rows` new IKMs in the officer's city, spread over its villages."""
    villages = list(
        regions_under(officer.organisation.region_id, RegionLevel.VILLAGE).values_list(
            "code", flat=True
        )
    )
    values = {
        "legal_form": "perorangan",
        "owner_gender": "P",
        "status": "active",
        "workers_male": 2,
        "workers_female": 3,
        "investment": 25_000_000,
        "production_value": 60_000_000,
        "market_reach": "local",
    }
    book = Workbook()
    sheet = book.active
    sheet.append(header())
    for number in range(1, rows + 1):
        row = values | {
            "name": f"{NAME_PREFIX} {number}",
            "owner_name": f"Pemilik Benchmark {number}",
            "kelurahan": villages[number % len(villages)],
        }
        sheet.append([row.get(column.key, "") for column in COLUMNS])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _multipart(fields: dict[str, str], name: str, filename: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
        f"\r\nContent-Type: {XLSX_TYPE}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _found(pattern: re.Pattern, body: bytes, what: str) -> str:
    match = pattern.search(body)
    if match is None:
        raise ImportFailedError(f"the import page has no {what}")
    return match[1].decode()


def timed_import(browser: Browser, officer: User, rows: int = IMPORT_ROWS) -> ImportTiming:
    """Upload, preview and confirm a file of `rows` new IKMs; then delete them again."""
    content = workbook(officer, rows)
    upload_url = reverse("registry:ikm_import")
    form = browser.get(upload_url)
    token = _found(CSRF_FIELD, form.body, "CSRF token")
    body, content_type = _multipart(
        {"csrfmiddlewaretoken": token}, "file", "ikm-benchmark.xlsx", content
    )
    # Only what this import registers is counted and deleted, whatever the database holds.
    imported = Ikm.objects.filter(
        name__startswith=f"{NAME_PREFIX} ",
        pk__gt=Ikm.objects.aggregate(last=Max("pk", default=0))["last"],
    )
    try:
        upload = browser.request(
            "POST", upload_url, body=body, headers={"Content-Type": content_type}
        )
        if upload.status != 302:
            raise ImportFailedError(f"the upload answered {upload.status}")
        preview_url = upload.location
        preview = browser.get(preview_url)
        if preview.status != 200:
            raise ImportFailedError(f"the preview answered {preview.status}")
        fields = {
            "csrfmiddlewaretoken": _found(CSRF_FIELD, preview.body, "CSRF token"),
            "plan": _found(PLAN_FIELD, preview.body, "plan"),
            "existing": "skip",
            "confirm": "",
        }
        confirm = browser.request(
            "POST",
            preview_url,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if confirm.status != 302:
            raise ImportFailedError(
                f"the confirmation answered {confirm.status}: rows with errors?"
            )
        done = browser.get(confirm.location)
        created = imported.count()
        return ImportTiming(
            rows=rows,
            preview_ms=upload.total_ms + preview.total_ms,
            commit_ms=confirm.total_ms + done.total_ms,
            created=created,
        )
    finally:
        imported.delete()
        _clean_up_after_import()


def _clean_up_after_import() -> None:
    """Dead rows and the trigram indexes' pending entries that the import left would slow
    the next run's searches in the officer's city: vacuum them away (outside a transaction,
    as VACUUM must be; the tests' small run is too)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) registry_ikm, registry_ikmword")
