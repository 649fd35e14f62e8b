"""What the benchmark learns from inside the server: how many SQL statements a request ran.

Every response gets an ``X-Query-Count`` header: the statements executed on the default
connection while the view ran, the session's and the user's included (`count_queries` comes
first in `benchmarks.settings.MIDDLEWARE`). A streamed response (the exports) is counted up to
its first byte.

A request sent with ``X-Capture-Sql: 1`` gets instead, as JSON, the statements themselves with
their parameters bound, exactly as PostgreSQL received them; the benchmark replays the page's
own statements through psycopg to time the bare SQL. Only the benchmark's settings install this.
"""

from django.db import connection
from django.http import JsonResponse

QUERY_COUNT_HEADER = "X-Query-Count"
CAPTURE_HEADER = "X-Capture-Sql"


class StatementLog:
    """A `connection.execute_wrapper` that counts statements and, if asked, keeps their text."""

    def __init__(self, *, keep_text: bool):
        self.keep_text = keep_text
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.count += 1
        if self.keep_text:
            raw_cursor = context["cursor"].cursor
            self.statements.append(connection.ops.last_executed_query(raw_cursor, sql, params))
        return result


def count_queries(get_response):
    def middleware(request):
        log = StatementLog(keep_text=request.headers.get(CAPTURE_HEADER) == "1")
        with connection.execute_wrapper(log):
            response = get_response(request)
        if log.keep_text:
            response = JsonResponse({"statements": log.statements}, status=response.status_code)
        response[QUERY_COUNT_HEADER] = str(log.count)
        return response

    return middleware
