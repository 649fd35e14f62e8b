"""Keyset pagination, sortable columns and an honest, cheap result count for large lists.

OFFSET pagination reads and throws away every row before the page it shows, so its last page
is its slowest. Here a page starts after (or before) the sort value and primary key of a row
the user has already seen: ``(sort column, id) > (value, pk)``, which a B-tree index on
``(sort column, id)`` answers directly, the first page and the last alike. The last page is
the first page of the reverse order, turned round.

Counting every matching row costs as much as reading them all, so the count is exact while it
is cheap (up to `EXACT_COUNT_CAP` rows, within `COUNT_TIME_LIMIT`) and the query planner's
estimate beyond, marked as one. The cap keeps a count well under a millisecond: an index scan
counts about 5,000 rows a millisecond here, and a list page has about 15 ms in all. The time
limit stops the counts that cost more per row (a search's matches joined to other tables): a
count that fails is time lost, so it gives up after a third of a page's budget, is not tried
when the planner expects far more rows than the cap, and is not tried again for a while once
it has failed (the next page of the same search, another sort of it).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.db.models import Expression, F, Field, Func, IntegerField, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan
from django.http import QueryDict
from psycopg.errors import QueryCanceled

PAGE_SIZE = 25
EXACT_COUNT_CAP = 2_000
COUNT_TIME_LIMIT = "5ms"
# How long a count that took too long is not tried again (the same statement, the same values).
SLOW_COUNT_MEMORY_SECONDS = 600
# Beyond this many times the cap in the planner's estimate, counting is not tried (the
# planner errs, by two or three times on a list's filters, not by five).
SURELY_MORE = 5
SORT_PARAM = "sort"
AFTER_PARAM = "after"
BEFORE_PARAM = "before"
LAST_PARAM = "last"
# Parameters that place the user inside one ordering: a new filter or sort drops them.
POSITION_PARAMS = (AFTER_PARAM, BEFORE_PARAM, LAST_PARAM)


class DateAsDays(Func):
    """A date as whole days since 1970-01-01, no date last: a sort key that an index can hold
    (a date cast to text cannot be indexed) and a cursor can carry as an integer."""

    template = "COALESCE((%(expressions)s - DATE '1970-01-01'), 2932896)"  # 9999-12-31
    output_field = IntegerField()


class Row(Func):
    """A row constructor, ``(a, b)``, compared element by element as an index orders them."""

    function = ""
    output_field = Field()


@dataclass(frozen=True)
class SortKey:
    """A column users may sort by, by its name in the URL (``?sort=-investment``).

    `expression` is a column name or an expression that is never NULL (wrap nullable columns
    in ``Coalesce``), with an index on ``(expression, id)`` to be fast at scale. `value_type`
    checks values that come back from the URL in a cursor. `tiebreak` orders rows of equal
    value: the primary key, or the copy of it beside an `expression` read through a relation
    (both in one index, so that a cursor's comparison is an index condition).
    """

    name: str
    expression: str | Expression
    value_type: type = str
    descending_first: bool = False
    tiebreak: str = "pk"

    def resolved(self) -> Expression:
        return F(self.expression) if isinstance(self.expression, str) else self.expression


@dataclass(frozen=True)
class Ordering:
    key: SortKey
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key.name}" if self.descending else self.key.name

    def order_by(self, *, reverse: bool = False) -> list:
        expressions = [self.key.resolved(), F(self.key.tiebreak)]
        if self.descending != reverse:
            return [expression.desc() for expression in expressions]
        return [expression.asc() for expression in expressions]


class SortOptions:
    """The whitelist of sort keys of one list, with its default ordering."""

    def __init__(self, *keys: SortKey, default: str):
        self.keys = {key.name: key for key in keys}
        self.default = default

    def ordering(self, params: QueryDict) -> Ordering:
        """The ordering asked for in the URL; the default one for anything not whitelisted."""
        for value in (params.get(SORT_PARAM, ""), self.default):
            key = self.keys.get(value.removeprefix("-"))
            if key is not None:
                return Ordering(key, descending=value.startswith("-"))
        raise ValueError(f"the default sort {self.default!r} is not a sort key")

    def links(self, params: QueryDict, current: Ordering) -> dict[str, SortLink]:
        """Per sort key: the URL that sorts by it (reversing the current one) and its state."""
        links = {}
        for name, key in self.keys.items():
            if key == current.key:
                descending, state = not current.descending, current.descending
                aria_sort = "descending" if state else "ascending"
            else:
                descending, aria_sort = key.descending_first, None
            param = f"-{name}" if descending else name
            links[name] = SortLink(query_string(params, **{SORT_PARAM: param}), aria_sort)
        return links


@dataclass(frozen=True)
class SortLink:
    url: str
    aria_sort: str | None


def query_string(params: QueryDict, *, keep_position: bool = False, **changes: str) -> str:
    """``?…`` of `params` without empty values and (unless kept) the page position, with
    `changes` applied."""
    query = QueryDict(mutable=True)
    for name, values in params.lists():
        if keep_position or name not in POSITION_PARAMS:
            query.setlist(name, [value for value in values if value])
    for name, value in changes.items():
        query[name] = value
    return f"?{query.urlencode()}"


def _encode_cursor(ordering: Ordering, row) -> str:
    payload = json.dumps([ordering.key.name, row.keyset_value, row.pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _decode_cursor(token: str, ordering: Ordering) -> tuple | None:
    """(sort value, pk) from a cursor of this ordering; None for anything else."""
    try:
        padded = token + "=" * (-len(token) % 4)
        name, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        return None
    valid = name == ordering.key.name and type(value) is ordering.key.value_type and type(pk) is int
    return (value, pk) if valid else None


@dataclass
class KeysetPage:
    object_list: list
    ordering: Ordering
    has_next: bool
    has_previous: bool

    def links(self, params: QueryDict) -> PageLinks:
        """First / previous / next / last page URLs, None where there is no such page."""
        rows = self.object_list
        return PageLinks(
            first=query_string(params) if self.has_previous else None,
            previous=(
                query_string(params, **{BEFORE_PARAM: _encode_cursor(self.ordering, rows[0])})
                if self.has_previous and rows
                else None
            ),
            next=(
                query_string(params, **{AFTER_PARAM: _encode_cursor(self.ordering, rows[-1])})
                if self.has_next and rows
                else None
            ),
            last=query_string(params, **{LAST_PARAM: "1"}) if self.has_next else None,
        )


@dataclass(frozen=True)
class PageLinks:
    first: str | None
    previous: str | None
    next: str | None
    last: str | None

    @property
    def any(self) -> bool:
        return any((self.first, self.previous, self.next, self.last))


def keyset_page(
    queryset: QuerySet, ordering: Ordering, params: QueryDict, page_size: int = PAGE_SIZE
) -> KeysetPage:
    """The page of `queryset` that `params` point at (``after``, ``before``, ``last``).

    One query, of at most ``page_size + 1`` rows; a cursor that does not belong to this
    ordering (another sort, or tampered with) gives the first page.
    """
    key = ordering.key.resolved()
    queryset = queryset.annotate(keyset_value=key).alias(keyset_pk=F(ordering.key.tiebreak))
    after = _decode_cursor(params.get(AFTER_PARAM, ""), ordering)
    before = _decode_cursor(params.get(BEFORE_PARAM, ""), ordering)
    backwards = before is not None or (after is None and params.get(LAST_PARAM) == "1")
    if after is not None or before is not None:
        value, pk = after or before
        # Forward means "further along the order": greater when ascending, smaller when not.
        further = LessThan if ordering.descending != backwards else GreaterThan
        bound = Row(Value(value), Value(pk))
        # The annotations, not the key again: a key through a relation would join it twice.
        queryset = queryset.filter(further(Row(F("keyset_value"), F("keyset_pk")), bound))
    rows = list(queryset.order_by(*ordering.order_by(reverse=backwards))[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    if backwards:
        rows.reverse()
        return KeysetPage(rows, ordering, has_next=before is not None, has_previous=more)
    return KeysetPage(rows, ordering, has_next=more, has_previous=after is not None)


@dataclass(frozen=True)
class ResultCount:
    """How many rows match: `exact`, or an estimate; `more_than` when all that is known is
    that there are more than `value` (the planner guessed fewer than were counted)."""

    value: int
    exact: bool
    more_than: bool = False


def count_rows(queryset: QuerySet) -> ResultCount:
    """Exact while counting is cheap: up to `EXACT_COUNT_CAP` rows (a count that stops there)
    within `COUNT_TIME_LIMIT` (a broad search may match thousands of rows, each joined to
    other tables). Beyond either, and without trying when the planner expects `SURELY_MORE`
    times the cap, the planner's estimate, rounded to two significant digits so that it reads
    as the estimate it is. The statements never grow with the rows: the plan, then (unless
    skipped) the count's five. A page holding every row could count them itself, but then
    its queries would differ between 10 rows and 10,000, which the tests pin."""
    cap = EXACT_COUNT_CAP
    bare = queryset.order_by()
    plan = bare.values("pk").explain(format="json")
    if not plan:  # nothing to plan: Django knows there is no row (an invalid filter, no ids)
        return ResultCount(0, exact=True)
    estimate = int(json.loads(plan)[0]["Plan"]["Plan Rows"])
    if estimate <= cap * SURELY_MORE:
        # Only the keys: a row's computed columns (a participant count, say) cost without
        # counting.
        counted = _count_within_time(bare.values("pk")[: cap + 1])
        if counted is not None and counted <= cap:
            return ResultCount(counted, exact=True)
        if counted is not None and estimate <= cap:
            return ResultCount(cap, exact=False, more_than=True)
    return ResultCount(round(estimate, 2 - len(str(estimate))), exact=False)


def _count_within_time(queryset: QuerySet) -> int | None:
    """`queryset.count()`, or None when it takes longer than `COUNT_TIME_LIMIT` or took longer
    within the last `SLOW_COUNT_MEMORY_SECONDS` (remembered in the cache by its statement and
    values: the search's rows have not become fewer since, as a rule)."""
    statement = repr(queryset.query.sql_with_params()).encode()
    slow_key = f"slow-count:{hashlib.sha256(statement).hexdigest()}"
    if cache.get(slow_key):
        return None
    connection = connections[queryset.db]
    try:
        with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
            # SET LOCAL, restored by hand: inside an outer transaction (the tests') the end
            # of this savepoint would not end it.
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [COUNT_TIME_LIMIT],
            )
            (previous, _limit) = cursor.fetchone()
            counted = queryset.count()
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
            return counted
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            cache.set(slow_key, True, SLOW_COUNT_MEMORY_SECONDS)
            return None  # the savepoint's rollback restored the time limit
        raise
