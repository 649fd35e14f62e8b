"""The plumbing of one generation: the cursor, the seed, the counts, each step timed."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Volumes:
    """Row counts for one scale; scale 1 is the issue's national data set."""

    ikms: int
    cases: int
    activities: int

    @classmethod
    def at(cls, scale: float) -> Volumes:
        return cls(
            ikms=max(600, round(1_000_000 * scale)),
            cases=max(100, round(200_000 * scale)),
            activities=max(20, round(20_000 * scale)),
        )


@dataclass
class Run:
    volumes: Volumes
    seed: int
    report: Callable[[str], None]
    cursor: object = None
    counts: dict[str, int] = field(default_factory=dict)

    def sql(self, sql: str, params: dict | None = None) -> int:
        """Execute one statement; the number of rows it wrote (or read)."""
        self.cursor.execute(sql, params or {})
        return self.cursor.rowcount

    @contextmanager
    def indexes_deferred(self, table: str):
        """Drop `table`'s plain indexes while it is filled and build them after: one sort per
        index instead of a million insertions into each. Indexes behind constraints (primary
        key, unique) stay."""
        self.cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = %s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint
                              WHERE conindid = format('%%I', indexname)::regclass)
            """,
            [table],
        )
        indexes = self.cursor.fetchall()
        for name, _definition in indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')
        yield
        self.cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            self.cursor.execute(definition)

    def step(self, name: str, action: Callable[[], int | None]) -> None:
        started = time.monotonic()
        rows = action()
        if rows is not None:
            self.counts[name] = rows
        took = time.monotonic() - started
        self.report(f"{name:<13} {rows if rows is not None else '':>10} rows  {took:7.1f} s")


def create_functions(run: Run) -> None:
    # rnd(n, salt): a uniform number in [0, 1) from row number n; pick(): an array element.
    run.sql(
        f"""
        CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS float8
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT (hashint8extended(n, {int(run.seed)}::bigint * 1000 + salt)
                  & 9007199254740991)::float8 / 9007199254740992
        $$;
        CREATE FUNCTION pg_temp.pick(items anyarray, n bigint, salt int) RETURNS anyelement
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT items[1 + floor(pg_temp.rnd(n, salt) * cardinality(items))::int]
        $$;
        CREATE FUNCTION pg_temp.between(n bigint, salt int, low int, high int) RETURNS int
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT low + floor(pg_temp.rnd(n, salt) * (high - low + 1))::int
        $$;
        """
    )


def sequences(run: Run) -> None:
    for table in (
        "registry_sentra",
        "registry_ikm",
        "registry_product",
        "licensing_licence",
        "guidance_case",
        "guidance_activity",
    ):
        run.sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"coalesce((SELECT max(id) FROM {table}), 1))"  # (names from the tuple above)
        )
