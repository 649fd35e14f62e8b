"""Which budgets a measured page misses (benchmarks.budgets): the verdict printed on every row
of the benchmark's table."""

import pytest

from benchmarks.budgets import import_met, missed, throughput_met


def page(case="first", role="officer", p95=20.0, admin=200.0, **more):
    return {"case": case, "role": role, "p95_ms": p95, "admin_p95_ms": admin, **more}


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (page(p95=30.0, admin=150.0), []),  # at the limits
        (page(p95=30.1, admin=1000.0), ["p95"]),
        (page(p95=20.0, admin=99.0), ["admin"]),  # the admin under 5× slower
        (page(case="search_typo", p95=45.0, admin=50.0), ["p95", "admin"]),
        (page(case="detail", p95=25.0, admin=None), []),
        (page(case="detail", p95=25.5, admin=None), ["p95"]),
        (page(case="dashboard", p95=160.0, admin=None), ["p95"]),  # the city's: 150
        (page(case="dashboard", role="provincial", p95=290.0, admin=None), []),  # 300
        (page(case="export", p95=9000.0, first_byte_p95_ms=12.0, peak_rss_mb=120.0), []),
        (
            page(case="export", p95=9000.0, first_byte_p95_ms=1500.0, peak_rss_mb=300.0),
            ["first_byte", "memory"],
        ),
    ],
)
def test_a_page_misses_exactly_the_budgets_it_is_over(result, expected):
    assert missed(result) == expected


def test_throughput_is_met_at_150_requests_a_second():
    assert throughput_met({"requests_per_s": 150.0}) is True
    assert throughput_met({"requests_per_s": 149.9}) is False
    assert throughput_met({"requests_per_s": None}) is None


def test_the_import_is_met_within_30_seconds_of_preview_and_commit():
    assert import_met({"total_ms": 30_000.0}) is True
    assert import_met({"total_ms": 30_000.1}) is False
