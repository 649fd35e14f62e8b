"""The benchmark, small: on a few thousand generated rows, with two requests a page, every page
answers 200 and every figure is printed and written. The timings themselves are not checked:
they belong to the large run on the real machine (README.md, Performance)."""

import io
import json
import os
import shutil

import pytest
from django.core.management import call_command
from django.db import connections

from benchmarks.cases import LIST_CASES
from benchmarks.imports import NAME_PREFIX
from benchmarks.reference_admin import site
from registry.models import Ikm

SCALE = 0.002  # about 2,000 IKMs
IMPORT_ROWS = 20
LIST_PAGES = {"sentra_list", "ikm_list", "licence_list", "case_list", "activity_list"}
RECORD_PAGES = {"sentra_detail", "ikm_detail", "licence_detail", "case_detail", "activity_detail"}
FIGURES = ("p50_ms", "p95_ms", "queries", "bytes")


@pytest.fixture(scope="module")
def reference_data_restored(django_db_blocker):
    """Reload the reference data after the module: the transactional test's end empties every
    table, the reference data that tests/conftest.py loads once per session included."""
    yield
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        connections.close_all()


@pytest.fixture
def benchmark(reference_data_restored, tmp_path):
    """A small run on committed data (gunicorn sees only what is committed): the printed
    output and the JSON it wrote."""
    call_command("load_reference", stdout=io.StringIO())  # an earlier test may have emptied it
    call_command("generate_scale_data", scale=SCALE, seed=1, stdout=io.StringIO())
    output = tmp_path / "latest.json"
    printed = io.StringIO()
    call_command(
        "benchmark",
        requests=2,
        warmup=0,
        admin_requests=1,
        export_requests=1,
        throughput_seconds=1,
        import_rows=IMPORT_ROWS,
        output=output,
        stdout=printed,
    )
    return printed.getvalue(), json.loads(output.read_text())


def _printed_row(printed: str, result: dict) -> list[str]:
    start = (result["page"], result["role"], result["case"])
    rows = [line.split() for line in printed.splitlines()]
    return next(row for row in rows if tuple(row[:3]) == start)


@pytest.mark.django_db(transaction=True)
def test_a_small_run_answers_every_page_and_prints_and_writes_every_figure(benchmark):
    printed, written = benchmark
    results = written["results"]

    assert {r["case"] for r in results} == {*LIST_CASES, "detail", "dashboard", "export"}
    assert {r["page"] for r in results} >= LIST_PAGES | RECORD_PAGES | {"dashboard", "home"}
    assert {(r["page"], r["role"]) for r in results} >= {
        (page, role) for page in LIST_PAGES for role in ("officer", "provincial")
    }
    assert [r for r in results if r["status"] != 200 or r.get("admin_status", 200) != 200] == []
    assert written["failures"] == []
    for result in results:
        assert None not in [result[figure] for figure in FIGURES], result
        row = _printed_row(printed, result)
        if result["case"] in LIST_CASES:
            assert result["sql_p95_ms"] is not None, result
            assert result["admin_p95_ms"] is not None, result
            assert "-" not in row, row  # p50, p95, queries, both references and both ratios
        else:
            assert result["sql_p95_ms"] is None and result["admin_p95_ms"] is None
        assert row[-1] == (",".join(result["budget_missed"]) or "ok"), row  # the verdict

    (export,) = [r for r in results if r["case"] == "export"]
    assert export["rows_visible"] > 0 and export["bytes"] > 0
    assert export["first_byte_p95_ms"] > 0 and export["peak_rss_mb"] > 0
    assert written["peak_rss_mb"] >= export["peak_rss_mb"]
    assert set(written["machine"]) >= {"cpu", "cores", "memory_gb", "python", "postgres"}
    assert written["rows_in_db"]["ikm"] > 1_000
    assert written["measured_at"]
    imported = written["import"]
    assert imported["rows"] == imported["created"] == IMPORT_ROWS
    assert 0 < imported["preview_ms"] < imported["total_ms"]
    assert not Ikm.objects.filter(name__startswith=NAME_PREFIX).exists()  # deleted again
    for heading in (
        "Export:",
        "Throughput",
        "Import of",
        "Within budget:",
        "Worker peak RSS over the run",
    ):
        assert heading in printed
    if shutil.which("wrk"):
        assert written["throughput"]["requests_per_s"] > 0
        assert written["throughput"]["non_2xx"] == 0
    else:
        assert os.environ.get("CI") != "true", "CI installs wrk (.ci/run): throughput unmeasured"
        assert "wrk is not installed" in written["throughput"]["message"]


@pytest.mark.django_db
def test_the_reference_admin_is_not_part_of_the_portal(client, users):
    """Only benchmarks.settings mounts it; the portal's own URLs do not know it."""
    client.force_login(users["administrator"])
    assert client.get("/reference-admin/").status_code == 404
    assert {model._meta.model_name for model in site._registry} == {
        "sentra",
        "ikm",
        "licence",
        "case",
        "activity",
    }
