"""The budgets a large run is held to (DESIGN.md, "Fast at national scale", and issue 6), and
which of them a measured page misses: the table says it on every row, so nobody counts by hand.

The timings are only meaningful on the large data set; a small run (the tests') is judged the
same way, and its verdicts mean nothing.
"""

from __future__ import annotations

from benchmarks.cases import LIST_CASES

LIST_P95_MS = 30
ADMIN_SLOWER_AT_LEAST = 5  # the stock admin on the same query, divided by the portal
PAGE_P95_MS = 25  # record pages and the owner's home
DASHBOARD_P95_MS = {"officer": 150, "provincial": 300}  # the city's, the province's
EXPORT_FIRST_BYTE_MS = 1_000
EXPORT_PEAK_RSS_MB = 300
THROUGHPUT_PER_S = 150
IMPORT_SECONDS = 30  # a 10,000-row spreadsheet, preview and commit


def missed(result: dict) -> list[str]:
    """The budgets `result` (one page of the benchmark) misses, by short name; [] if none."""
    case, p95 = result["case"], result["p95_ms"]
    if case in LIST_CASES:
        misses = ["p95"] if p95 > LIST_P95_MS else []
        admin = result["admin_p95_ms"]
        if admin is not None and admin < ADMIN_SLOWER_AT_LEAST * p95:
            misses.append("admin")
        return misses
    if case == "dashboard":
        return ["p95"] if p95 > DASHBOARD_P95_MS[result["role"]] else []
    if case == "export":
        misses = ["first_byte"] if result["first_byte_p95_ms"] > EXPORT_FIRST_BYTE_MS else []
        if result["peak_rss_mb"] >= EXPORT_PEAK_RSS_MB:
            misses.append("memory")
        return misses
    return ["p95"] if p95 > PAGE_P95_MS else []


def throughput_met(throughput: dict) -> bool | None:
    """Whether the IKM list served enough requests a second; None when it was not measured."""
    rate = throughput["requests_per_s"]
    return None if rate is None else rate >= THROUGHPUT_PER_S


def import_met(imported: dict) -> bool:
    """Whether the import's preview and commit together took no longer than its budget."""
    return imported["total_ms"] <= IMPORT_SECONDS * 1000
