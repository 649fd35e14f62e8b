"""Keyset pagination, sort keys and the result count, over real rows in PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict

from registry.filters import IKM_SORTS
from registry.models import Ikm
from sentra_portal import pagination
from sentra_portal.pagination import (
    ResultCount,
    SortKey,
    SortOptions,
    count_rows,
    keyset_page,
    query_string,
)
from tests.factories import IkmFactory

pytestmark = pytest.mark.django_db

PAGE = 3
# Ties on purpose: four IKMs with 5 workers, two with 2, two with 9.
WORKERS = [5, 2, 9, 5, 5, 2, 9, 5]


@pytest.fixture
def ikms():
    return [
        IkmFactory(name=f"IKM {index}", workers_male=workers)
        for index, workers in enumerate(WORKERS)
    ]


def params(text=""):
    return QueryDict(text)


def follow(url: str) -> QueryDict:
    return QueryDict(url.removeprefix("?"))


def walk_forward(ordering, start=""):
    """Every row, following the `next` links from the first page."""
    rows, current = [], params(start)
    while True:
        page = keyset_page(Ikm.objects.all(), ordering, current, page_size=PAGE)
        rows += page.object_list
        links = page.links(current)
        if links.next is None:
            return rows
        current = follow(links.next)


def walk_backward(ordering, start="last=1"):
    """Every row, following the `previous` links from the last page."""
    rows, current = [], params(start)
    while True:
        page = keyset_page(Ikm.objects.all(), ordering, current, page_size=PAGE)
        rows = page.object_list + rows
        links = page.links(current)
        if links.previous is None:
            return rows
        current = follow(links.previous)


@pytest.mark.parametrize("sort", ["workers", "-workers", "name", "-name", "nib", "-investment"])
def test_next_links_visit_every_row_once_in_order_even_with_ties(ikms, sort):
    ordering = IKM_SORTS.ordering(params(f"sort={sort}"))
    expected = list(Ikm.objects.order_by(*ordering.order_by()))
    assert walk_forward(ordering) == expected


@pytest.mark.parametrize("sort", ["workers", "-workers", "name", "-investment"])
def test_previous_links_from_the_last_page_visit_every_row_once_in_order(ikms, sort):
    ordering = IKM_SORTS.ordering(params(f"sort={sort}"))
    expected = list(Ikm.objects.order_by(*ordering.order_by()))
    assert walk_backward(ordering) == expected


def test_ikms_without_an_nib_are_paged_too(ikms):
    # Three without (a tie on the empty string), the others with NIBs out of pk order.
    for number, ikm in enumerate(ikms[3:]):
        Ikm.objects.filter(pk=ikm.pk).update(nib=f"91200012345{9 - number:02d}")
    ordering = IKM_SORTS.ordering(params("sort=nib"))
    assert walk_forward(ordering) == list(Ikm.objects.order_by(*ordering.order_by()))
    assert walk_backward(ordering) == list(Ikm.objects.order_by(*ordering.order_by()))


def test_last_page_is_the_end_of_the_order_and_has_no_next(ikms):
    ordering = IKM_SORTS.ordering(params("sort=-workers"))
    page = keyset_page(Ikm.objects.all(), ordering, params("last=1"), page_size=PAGE)
    assert page.object_list == list(Ikm.objects.order_by(*ordering.order_by()))[-PAGE:]
    assert (page.has_next, page.has_previous) == (False, True)
    links = page.links(params("last=1"))
    assert links.next is None and links.last is None
    assert links.first == "?" and links.previous.startswith("?before=")


def test_first_page_has_next_and_last_links_only(ikms):
    page = keyset_page(Ikm.objects.all(), IKM_SORTS.ordering(params()), params(), page_size=PAGE)
    links = page.links(params("status=active"))
    assert links.first is None and links.previous is None
    assert links.next.startswith("?status=active&after=")
    assert links.last == "?status=active&last=1"


def test_a_single_page_has_no_links(ikms):
    page = keyset_page(Ikm.objects.all(), IKM_SORTS.ordering(params()), params(), page_size=20)
    assert len(page.object_list) == len(WORKERS)
    assert not page.links(params()).any


def test_each_page_is_one_query_whatever_its_position(ikms, django_assert_num_queries):
    ordering = IKM_SORTS.ordering(params("sort=-investment"))
    first = keyset_page(Ikm.objects.all(), ordering, params(), page_size=PAGE)
    for position in ("", first.links(params()).next.removeprefix("?"), "last=1"):
        with django_assert_num_queries(1):
            keyset_page(Ikm.objects.all(), ordering, params(position), page_size=PAGE)


def test_a_cursor_of_another_sort_gives_the_first_page(ikms):
    by_name = IKM_SORTS.ordering(params("sort=name"))
    first = keyset_page(Ikm.objects.all(), by_name, params(), page_size=PAGE)
    cursor = follow(first.links(params()).next)
    by_workers = IKM_SORTS.ordering(params("sort=workers"))
    page = keyset_page(Ikm.objects.all(), by_workers, cursor, page_size=PAGE)
    assert page.object_list == list(Ikm.objects.order_by(*by_workers.order_by()))[:PAGE]
    assert not page.has_previous


@pytest.mark.parametrize(
    "position",
    [
        "after=not-base64!",
        "after=e30",  # {}
        "before=WyJ3b3JrZXJzIiwiNSIsMV0",  # ["workers","5",1]: a text value for a number
        "after=WyJ3b3JrZXJzIiw1LCIxIl0",  # ["workers",5,"1"]: a text primary key
        "after=WyJ3b3JrZXJzIix0cnVlLDFd",  # ["workers",true,1]
    ],
)
def test_a_tampered_cursor_gives_the_first_page(ikms, position):
    ordering = IKM_SORTS.ordering(params("sort=workers"))
    page = keyset_page(Ikm.objects.all(), ordering, params(position), page_size=PAGE)
    assert page.object_list == list(Ikm.objects.order_by(*ordering.order_by()))[:PAGE]


def test_unknown_sort_keys_fall_back_to_the_default():
    assert IKM_SORTS.ordering(params("sort=password")).param == "name"
    assert IKM_SORTS.ordering(params("sort=-investment")).param == "-investment"


def test_sort_links_reverse_the_current_sort_and_start_others_in_their_direction():
    current = IKM_SORTS.ordering(params("sort=name"))
    links = IKM_SORTS.links(params("sort=name&status=active&after=abc"), current)
    assert links["name"].url == "?sort=-name&status=active"
    assert links["name"].aria_sort == "ascending"
    assert links["investment"].url == "?sort=-investment&status=active"
    assert links["investment"].aria_sort is None
    assert links["owner"].url == "?sort=owner&status=active"


def test_sort_options_refuse_a_default_that_is_not_a_key():
    options = SortOptions(SortKey("name", "name"), default="nope")
    with pytest.raises(ValueError, match="nope"):
        options.ordering(params())


def test_query_string_drops_the_page_position_and_keeps_the_filters():
    assert query_string(params("q=amplang&after=x&before=y&last=1&status=active")) == (
        "?q=amplang&status=active"
    )
    assert query_string(params("q=a"), sort="-name") == "?q=a&sort=-name"


def test_query_string_drops_empty_fields_and_may_keep_the_position():
    assert query_string(params("q=&status=active&kbli=&after=x")) == "?status=active"
    assert query_string(params("q=&after=x"), keep_position=True) == "?after=x"


def test_count_is_exact_under_the_cap(ikms, django_assert_num_queries):
    # The planner's estimate, then the count within its time limit: savepoint, limit set,
    # count, limit restored, release.
    with django_assert_num_queries(6):
        assert count_rows(Ikm.objects.filter(workers_male=5)) == ResultCount(4, exact=True)


def test_count_over_the_cap_asks_the_planner(ikms, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(pagination, "EXACT_COUNT_CAP", 5)
    # whatever the planner expects (an earlier test may have left it the statistics of 5,000)
    monkeypatch.setattr(pagination, "SURELY_MORE", 10**9)
    with django_assert_num_queries(6):
        count = count_rows(Ikm.objects.all())
    assert not count.exact
    assert count.value > 5 or (count.more_than and count.value == 5)


def test_far_more_rows_than_the_cap_are_not_counted(ikms, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(pagination, "EXACT_COUNT_CAP", 5)
    monkeypatch.setattr(QuerySet, "explain", lambda self, **o: '[{"Plan": {"Plan Rows": 51}}]')
    with django_assert_num_queries(0):  # the estimate alone (explain is replaced here)
        assert count_rows(Ikm.objects.all()) == ResultCount(51, exact=False)


def test_a_count_that_takes_too_long_gives_the_planners_estimate(ikms, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_TIME_LIMIT", "5ms")  # as in production
    slow = Ikm.objects.extra(where=["pg_sleep(0.01) IS NOT NULL"])  # 10 ms a row
    count = count_rows(slow)
    assert not count.exact and not count.more_than
    with connection.cursor() as cursor:  # the time limit ended with the count
        cursor.execute("SELECT pg_sleep(0.05)")
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_a_count_that_took_too_long_is_not_tried_again_for_the_same_rows(
    ikms, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagination, "COUNT_TIME_LIMIT", "5ms")
    slow = Ikm.objects.extra(where=["pg_sleep(0.01) IS NOT NULL"])
    assert not count_rows(slow).exact

    with django_assert_num_queries(1):  # the plan's estimate, no count
        assert not count_rows(slow).exact
    monkeypatch.setattr(pagination, "COUNT_TIME_LIMIT", "10s")
    with django_assert_num_queries(1):  # still remembered, however long a count may take now
        assert not count_rows(slow).exact
    assert count_rows(Ikm.objects.all()).exact  # other rows are counted


def test_an_estimate_is_rounded_to_two_significant_digits(ikms, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_CAP", 5)
    monkeypatch.setattr(QuerySet, "explain", lambda self, **o: '[{"Plan": {"Plan Rows": 1034567}}]')
    assert count_rows(Ikm.objects.all()) == ResultCount(1_000_000, exact=False)


def test_an_estimate_below_what_was_counted_says_more_than_the_cap(ikms, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_CAP", 5)
    monkeypatch.setattr(QuerySet, "explain", lambda self, **o: '[{"Plan": {"Plan Rows": 3}}]')
    assert count_rows(Ikm.objects.all()) == ResultCount(5, exact=False, more_than=True)
