"""The benchmark: the portal served as in production, measured over real HTTP, beside two
references answering the same queries.

Method:

- The portal runs under gunicorn (2 sync workers, production settings, `benchmarks.server`) on
  the database under test. Four accounts made by ``generate_scale_data`` sign in through the real
  login form: an officer, a provincial officer, an IKM owner and a superuser for the admin.
- Page by page, every page of `benchmarks.cases` is requested `warmup` times unmeasured, then
  `requests` times; p50 and p95 are of the wall time of those requests (nearest rank). The
  warm-up brings both workers where a server that has run for a while is: templates compiled,
  caches filled and, above all, the page's statements planned for good on each worker's
  database connection. The portal prepares its reads (`sentra_portal.postgresql`), and
  PostgreSQL plans a prepared statement afresh on each of its first five runs before it keeps
  a generic plan; with 3 warm-up requests shared by two workers, the first measured requests
  still paid that planning (0.7 ms for the IKM page's joins alone), which a long-running
  server pays once per connection.
  Every answer must be 200 (a redirect to the login form would measure nothing).
- Queries per request are counted inside the server (`benchmarks.middleware`, the
  ``X-Query-Count`` header), on the real request rather than a re-run in the test client.
- Reference 1, the bare SQL (`benchmarks.reference_sql`): each list page's own statements on its
  table, captured from the server and replayed through psycopg, timed as often as the page.
  portal/SQL is what Django, the templates and HTTP add to the database's work.
- Reference 2, the stock Django admin (`benchmarks.reference_admin`): the changelist of the same
  model with the same area, filter and search, signed in as the superuser, `admin_requests`
  times after the same warm-up as the portal's page, cut short after `ADMIN_WARMUP_SECONDS`
  (a page of seconds has nothing left to warm). Its paginator counts every row; admin/portal
  is what keyset pages and a capped count save.
- The export (XLSX, about 100,000 rows): time to the first byte, total time, and the peak
  resident memory of the workers while it streams, as the kernel counts it (`WorkerMemory`).
- Throughput: the IKM list's first page as the officer under ``wrk -t2 -c8`` for 10 s.

The figures are printed as a table and written as JSON (`benchmarks/results/latest.json`).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from benchmarks import budgets, cases, report
from benchmarks.client import Browser, Response
from benchmarks.generator import BENCH_PASSWORD
from benchmarks.imports import IMPORT_ROWS, timed_import
from benchmarks.reference_sql import SqlTimer, statements_on
from benchmarks.server import HOST, Server, WorkerMemory, gunicorn

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "latest.json"
WRK_THREADS = 2
WRK_CONNECTIONS = 8
OK = 200
ADMIN_WARMUP_SECONDS = 2.0


@dataclass(frozen=True)
class Options:
    requests: int = 30
    # Enough that each worker's connection has run the page's statements past PostgreSQL's
    # five custom plans (see above), however the requests fall on the two workers.
    warmup: int = 20
    # The stock admin takes up to seconds a page: fewer requests keep the run under half an
    # hour, and a reference needs its order of magnitude, not a fine p95.
    admin_requests: int = 10
    export_requests: int = 5
    throughput_seconds: int = 10
    import_rows: int = IMPORT_ROWS
    output: Path = DEFAULT_OUTPUT


class NotReadyError(Exception):
    pass


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of the values at or below."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)], 2)


@dataclass(frozen=True)
class Series:
    """The measured answers to one URL (after the warm-up)."""

    responses: list[Response]

    @property
    def status(self) -> int:
        return next((r.status for r in self.responses if r.status != OK), OK)

    def p50(self, attribute: str = "total_ms") -> float:
        return percentile([getattr(r, attribute) for r in self.responses], 0.50)

    def p95(self, attribute: str = "total_ms") -> float:
        return percentile([getattr(r, attribute) for r in self.responses], 0.95)

    @property
    def last(self) -> Response:
        return self.responses[-1]


def _requested(
    browser: Browser, url: str, *, warmup: int, count: int, warmup_seconds: float | None = None
) -> Series:
    """`count` answers to `url`, after `warmup` unmeasured ones (fewer if they take longer
    than `warmup_seconds`)."""
    deadline = None if warmup_seconds is None else time.monotonic() + warmup_seconds
    for _ in range(warmup):
        browser.get(url)
        if deadline is not None and time.monotonic() > deadline:
            break
    return Series([browser.get(url) for _ in range(count)])


def _sql_figures(target: cases.Target, browser: Browser, sql: SqlTimer, options: Options):
    """p95 of the page's own statements on its table, replayed, and how many they are."""
    captured = browser.get(target.url, capture_sql=True)
    statements = statements_on(target.sql_table, json.loads(captured.body)["statements"])
    for _ in range(options.warmup):
        sql.run_ms(statements)
    timings = [sql.run_ms(statements) for _ in range(options.requests)]
    return {
        "sql_p95_ms": percentile(timings, 0.95) if statements else None,
        "sql_statements": len(statements),
    }


def _measure_page(target, browsers, sql: SqlTimer, options: Options) -> dict:
    portal = _requested(
        browsers[target.role], target.url, warmup=options.warmup, count=options.requests
    )
    result = {
        **_identity(target),
        "p50_ms": portal.p50(),
        "p95_ms": portal.p95(),
        "queries": portal.last.query_count,
        "bytes": len(portal.last.body),
        "status": portal.status,
        "sql_p95_ms": None,
        "admin_p95_ms": None,
    }
    if target.sql_table:
        result |= _sql_figures(target, browsers[target.role], sql, options)
    if target.admin_url:
        admin = _requested(
            browsers["admin"],
            target.admin_url,
            warmup=options.warmup,
            count=options.admin_requests,
            warmup_seconds=ADMIN_WARMUP_SECONDS,
        )
        result |= {
            "admin_url": target.admin_url,
            "admin_p95_ms": admin.p95(),
            "admin_queries": admin.last.query_count,
            "admin_status": admin.status,
        }
    return result


def _measure_export(target, browsers, memory: WorkerMemory, options: Options) -> dict:
    memory.start_window()
    export = _requested(browsers[target.role], target.url, warmup=1, count=options.export_requests)
    return {
        **_identity(target),
        "p50_ms": export.p50(),
        "p95_ms": export.p95(),
        "first_byte_p50_ms": export.p50("first_byte_ms"),
        "first_byte_p95_ms": export.p95("first_byte_ms"),
        "queries": export.last.query_count,
        "bytes": len(export.last.body),
        "peak_rss_mb": memory.window_peak_mb,
        "status": export.status,
        "sql_p95_ms": None,
        "admin_p95_ms": None,
    }


def _identity(target: cases.Target) -> dict:
    return {
        "page": target.page,
        "role": target.role,
        "case": target.case,
        "url": target.url,
        "rows_in_db": target.rows_in_db,
        "rows_visible": target.rows_visible,
    }


def _throughput(portal: Server, browser: Browser, url: str, seconds: int) -> dict:
    tool = f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s"
    figures = {"page": "ikm_list", "role": "officer", "url": url, "tool": tool}
    wrk = shutil.which("wrk")
    if wrk is None:
        message = "wrk is not installed (apt-get install wrk): no throughput measured"
        return {**figures, "requests_per_s": None, "non_2xx": None, "message": message}
    command = [wrk, f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s"]
    command += ["-H", f"Cookie: {browser.cookie_header}", portal.base_url + url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        **figures,
        "requests_per_s": float(rate[1]) if rate else None,
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "message": None if rate else f"wrk printed no rate:\n{output}",
    }


def _server_database_url() -> str:
    """DATABASE_URL naming the database this process uses (the test database under pytest),
    so that gunicorn serves exactly the rows the benchmark looked up."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise NotReadyError("DATABASE_URL must name the database to benchmark")
    return urlsplit(url)._replace(path=f"/{connection.settings_dict['NAME']}").geturl()


def _check_static_files() -> None:
    """Production settings serve hashed static files: without the manifest every page fails."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        raise NotReadyError("run manage.py collectstatic first: the production settings need it")


def _signed_in(portal: Server) -> dict[str, Browser]:
    browsers = {}
    for role, username in cases.ACCOUNTS.items():
        browsers[role] = Browser(HOST, portal.port)
        browsers[role].log_in(username, BENCH_PASSWORD)
    return browsers


def run(options: Options, write: Callable[[str], None]) -> dict:
    """Measure every target, print the table as it goes, write the JSON; return the report."""
    _check_static_files()
    rows_in_db = cases.table_rows()
    targets = cases.targets(cases.accounts(), rows_in_db)
    write(f"Measuring {len(targets)} pages, {options.requests} requests each after warm-up.")
    write(report.table_header())
    results = []
    with (
        gunicorn(_server_database_url()) as portal,
        WorkerMemory(portal.pid) as memory,
        SqlTimer() as sql,
    ):
        browsers = _signed_in(portal)
        try:
            for target in targets:
                if target.export:
                    result = _measure_export(target, browsers, memory, options)
                else:
                    result = _measure_page(target, browsers, sql, options)
                result["budget_missed"] = budgets.missed(result)
                write(report.table_row(result))
                results.append(result)
            ikm_list = reverse("registry:ikm_list")
            throughput = _throughput(
                portal, browsers["officer"], ikm_list, options.throughput_seconds
            )
            # Last: it writes (and deletes again) thousands of IKMs.
            imported = timed_import(
                browsers["officer"], cases.accounts()["officer"], options.import_rows
            )
        finally:
            for browser in browsers.values():
                browser.close()
    benchmark = {
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": report.machine(),
        "method": {
            "requests": options.requests,
            "warmup": options.warmup,
            "admin_requests": options.admin_requests,
            "export_requests": options.export_requests,
            "server": "gunicorn, 2 sync workers, production settings",
        },
        "rows_in_db": {model._meta.model_name: count for model, count in rows_in_db.items()},
        "throughput": throughput,
        "import": asdict(imported) | {"total_ms": imported.preview_ms + imported.commit_ms},
        "peak_rss_mb": memory.peak_mb,
        "results": results,
    }
    benchmark["failures"] = report.failures(benchmark)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(benchmark, indent=2, ensure_ascii=False) + "\n")
    write(report.summary(benchmark, options.output))
    if benchmark["failures"]:
        write(f"Server log: {portal.log_path}")
    else:
        portal.log_path.unlink()
    return benchmark
