"""The benchmark's measuring loop (benchmarks/runner.py): warm-up, then measured answers."""

from benchmarks.client import Response
from benchmarks.runner import _requested, percentile


class CountingBrowser:
    """Answers every URL at once, counting the requests."""

    def __init__(self):
        self.requests = 0

    def get(self, url: str) -> Response:
        self.requests += 1
        return Response(200, b"", 0.0, float(self.requests), None)


def test_the_warm_up_is_not_measured():
    browser = CountingBrowser()
    series = _requested(browser, "/", warmup=20, count=30)
    assert browser.requests == 50
    assert [response.total_ms for response in series.responses] == list(range(21, 51))


def test_a_slow_page_s_warm_up_is_cut_short():
    browser = CountingBrowser()
    series = _requested(browser, "/", warmup=20, count=10, warmup_seconds=0)
    assert browser.requests == 11  # one warm-up request: it took longer than 0 s
    assert len(series.responses) == 10


def test_percentiles_are_nearest_rank():
    values = [float(value) for value in range(1, 31)]
    assert (percentile(values, 0.5), percentile(values, 0.95)) == (15.0, 29.0)
