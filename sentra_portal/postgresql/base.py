"""Django's PostgreSQL backend, with reads prepared on the server (``ENGINE`` in settings).

A page sends the same few statements again and again with other values, and PostgreSQL spent
most of such a statement's time parsing and planning it: 2–3 ms for each of the case page's
joins, against 0.2 ms executing them. psycopg prepares a statement once it has run
``prepare_threshold`` times on a connection, but only with server-side binding (the values sent
apart from the text), and that binding cannot carry pghistory's history context: pghistory puts
a second statement before each write (``SELECT set_config(...); UPDATE ...``), which only the
simple protocol takes, with the values in the text (Django's default, client-side binding).

So this cursor binds a read (one ``SELECT`` or ``WITH`` statement with values) on the server,
where psycopg may prepare it, and everything else on the client as Django does by default.
It reaches into psycopg's cursor (the three methods its client-side cursor overrides), so
psycopg is pinned in requirements.txt and tests/sentra_portal/test_database_cursor.py checks
both ways.
"""

import psycopg
from django.db.backends.postgresql import base, operations
from psycopg._queries import PostgresQuery

READ_PREFIXES = ("select", "with")


def is_read(query) -> bool:
    text = query.decode() if isinstance(query, bytes) else str(query)
    return text.lstrip()[:6].lower().startswith(READ_PREFIXES) and ";" not in text


def bound_on_server(query, params) -> bool:
    return params is not None and is_read(query)


class Cursor(base.Cursor):
    """Django's cursor (client-side binding), binding single reads on the server instead."""

    def _convert_query(self, query, params=None):
        if not bound_on_server(query, params):
            return super()._convert_query(query, params)
        server_query = PostgresQuery(self._tx)
        server_query.convert(query, params)
        return server_query

    def _get_prepared(self, pgq, prepare=None):
        if type(pgq) is PostgresQuery:
            return psycopg.Cursor._get_prepared(self, pgq, prepare)
        return super()._get_prepared(pgq, prepare)

    def _execute_send(self, query, *, force_extended=False, binary=None):
        if type(query) is PostgresQuery:
            return psycopg.Cursor._execute_send(
                self, query, force_extended=force_extended, binary=binary
            )
        return super()._execute_send(query, force_extended=force_extended, binary=binary)


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        """A read bound on the server, with its values in the text (as Django shows the
        others): what tests and the benchmark's reference SQL read back."""
        if bound_on_server(sql, params):
            try:
                return self.compose_sql(sql, params)
            except psycopg.errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self):
        params = super().get_connection_params()
        params["cursor_factory"] = Cursor
        return params
