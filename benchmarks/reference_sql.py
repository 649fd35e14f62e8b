"""The bare-SQL reference: the page's own statements on its list's table, timed through psycopg.

The statements are taken from the page itself, not written again by hand: the benchmark asks
the server once with ``X-Capture-Sql: 1`` (`benchmarks.middleware`) and keeps those that read
the list's table, i.e. the page's SELECT of at most 26 rows (25 and one to know whether a next
page exists) and its count (or the planner's estimate). They are replayed as PostgreSQL received
them, on a connection of their own with the same parameters as Django's, so the time is the
database's share of the page without Django, templates, or HTTP.
"""

from __future__ import annotations

import time

import psycopg
from django.db import connection


def statements_on(table: str, statements: list[str]) -> list[str]:
    """The statements that read `table` (``FROM "table"``): the list's rows and its count."""
    return [statement for statement in statements if f'FROM "{table}"' in statement]


class SqlTimer:
    """A psycopg connection to the database under test, outside Django."""

    def __enter__(self) -> SqlTimer:
        self.connection = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        # As Django configures its connections (USE_TZ: timestamps are exchanged in UTC).
        self.connection.execute("SET TIME ZONE 'UTC'")
        return self

    def __exit__(self, *exc_info) -> None:
        self.connection.close()

    def run_ms(self, statements: list[str]) -> float:
        """Milliseconds to run the statements one after the other and fetch every row."""
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement.encode())
                cursor.fetchall()
        return (time.perf_counter() - started) * 1000
