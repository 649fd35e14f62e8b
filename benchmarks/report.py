"""The benchmark's figures for people: the table, the summary under it, what failed, and the
machine they were measured on."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import psutil
from django.db import connection

from benchmarks import budgets

GIGABYTE = 1024**3
COLUMNS = (  # heading, width, right-aligned
    ("page", 15, False),
    ("role", 10, False),
    ("case", 16, False),
    ("p50 ms", 8, True),
    ("p95 ms", 8, True),
    ("queries", 7, True),
    ("sql p95", 8, True),
    ("admin p95", 9, True),
    ("portal/SQL", 10, True),
    ("admin/portal", 12, True),
    ("status", 6, True),
    ("budget", 10, False),  # "ok", or the budgets missed (`benchmarks.budgets`)
)


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _ratio(numerator, denominator) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _line(cells) -> str:
    return "  ".join(
        cell.rjust(width) if right else cell.ljust(width)
        for cell, (_heading, width, right) in zip(cells, COLUMNS, strict=True)
    )


def table_header() -> str:
    return _line(heading for heading, _width, _right in COLUMNS)


def table_row(result: dict) -> str:
    status = result["status"] if result.get("admin_status", 200) == 200 else "admin!"
    values = (
        result["page"],
        result["role"],
        result["case"],
        result["p50_ms"],
        result["p95_ms"],
        result["queries"],
        result["sql_p95_ms"],
        result["admin_p95_ms"],
        _ratio(result["p95_ms"], result["sql_p95_ms"]),
        _ratio(result["admin_p95_ms"], result["p95_ms"]),
        status,
        ",".join(result["budget_missed"]) or "ok",
    )
    return _line(_cell(value) for value in values)


def failures(benchmark: dict) -> list[str]:
    """Every answer that was not 200, and a throughput run that met anything but 2xx."""
    problems = []
    for result in benchmark["results"]:
        where = f"{result['page']} {result['role']} {result['case']}"
        if result["status"] != 200:
            problems.append(f"{where}: {result['url']} answered {result['status']}")
        if result.get("admin_status", 200) != 200:
            problems.append(f"{where}: {result['admin_url']} answered {result['admin_status']}")
    if benchmark["throughput"]["non_2xx"]:
        problems.append(f"throughput: {benchmark['throughput']['non_2xx']} answers were not 2xx")
    return problems


def _budget_summary(benchmark: dict) -> str:
    results = benchmark["results"]
    within = sum(not result["budget_missed"] for result in results)
    slow = sum("p95" in result["budget_missed"] for result in results)
    admin = sum("admin" in result["budget_missed"] for result in results)
    return (
        f"Within budget: {within} of {len(results)} pages ({slow} over their p95 budget; "
        f"on {admin} lists the stock admin is less than {budgets.ADMIN_SLOWER_AT_LEAST}× "
        "slower)."
    )


def _import_summary(imported: dict) -> str:
    met = "met" if budgets.import_met(imported) else "not met"
    return (
        f"Import of {imported['rows']:,} IKMs as the officer: preview "
        f"{imported['preview_ms'] / 1000:,.1f} s, commit {imported['commit_ms'] / 1000:,.1f} s, "
        f"{imported['created']:,} registered and deleted again "
        f"(budget {budgets.IMPORT_SECONDS} s: {met})."
    )


def summary(benchmark: dict, output: Path) -> str:
    export = next(result for result in benchmark["results"] if result["case"] == "export")
    throughput = benchmark["throughput"]
    rate = throughput["requests_per_s"]
    enough = {True: "met", False: "not met", None: "not measured"}[
        budgets.throughput_met(throughput)
    ]
    rows = ", ".join(f"{count:,} {name}" for name, count in benchmark["rows_in_db"].items())
    lines = [
        "",
        f"Export: {export['rows_visible']:,} rows, {export['bytes']:,} bytes; first byte p95 "
        f"{export['first_byte_p95_ms']:,.0f} ms, total p95 {export['p95_ms']:,.0f} ms; "
        f"worker peak RSS {export['peak_rss_mb']} MB.",
        f"Throughput, IKM list as the officer ({throughput['tool']}): "
        + (f"{rate:,.2f} requests/s" if rate is not None else throughput["message"])
        + f" (budget {budgets.THROUGHPUT_PER_S}: {enough}).",
        _import_summary(benchmark["import"]),
        _budget_summary(benchmark),
        f"Worker peak RSS over the run: {benchmark['peak_rss_mb']} MB.",
        f"Rows in the database: {rows}.",
        f"Figures written to {output}.",
    ]
    return "\n".join(lines)


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / GIGABYTE, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgres": postgres,
    }
