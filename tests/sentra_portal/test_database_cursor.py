"""The portal's PostgreSQL cursor (`sentra_portal.postgresql`): reads bound on the server and
prepared, everything else bound on the client, where pghistory's context can ride with it."""

import pghistory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Sentra
from sentra_portal.audit import history_for
from sentra_portal.postgresql.base import is_read
from tests.factories import SentraFactory

pytestmark = pytest.mark.django_db


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_read_is_bound_on_the_server_and_prepared_from_its_second_run():
    SentraFactory(name="Sentra Tenun Sasirangan")
    reads = Sentra.objects.filter(commodity="Kain sasirangan", name="Sentra Tenun Sasirangan")

    list(reads.all())
    assert not any('"registry_sentra"."commodity" = $1' in s for s in _prepared_statements())
    list(reads.all())
    assert any('"registry_sentra"."commodity" = $1' in s for s in _prepared_statements())


def test_a_prepared_read_answers_for_each_run_s_own_values():
    tenun = SentraFactory(name="Sentra Tenun", commodity="Kain")
    kerupuk = SentraFactory(name="Sentra Kerupuk", commodity="Kerupuk")
    names = [
        list(Sentra.objects.filter(commodity=commodity).values_list("name", flat=True))
        for commodity in ("Kain", "Kerupuk", "Kain", "Kerupuk", "Rotan")
    ]
    assert names == [[tenun.name], [kerupuk.name], [tenun.name], [kerupuk.name], []]


def test_a_write_in_a_history_context_is_recorded_with_its_author(users):
    """pghistory puts `SELECT set_config(...);` before each write: two statements, which only
    client-side binding can send."""
    sentra = SentraFactory(commodity="Olahan ikan")
    with pghistory.context(user=users["officer"].pk):
        Sentra.objects.filter(pk=sentra.pk).update(commodity="Kerupuk")
        Sentra.objects.filter(pk=sentra.pk).update(commodity="Amplang")
    latest = history_for(sentra)[0]
    assert latest.who == users["officer"]
    assert latest.changes[0][1:] == ("Kerupuk", "Amplang")


def test_the_sql_shown_for_a_read_carries_its_values_prepared_or_not():
    with CaptureQueriesContext(connection) as queries:
        for name in ("Sentra Purun", "Sentra Rotan", "Sentra Purun"):
            list(Sentra.objects.filter(name=name, commodity="Anyaman"))
    shown = [query["sql"] for query in queries]
    assert ["'Sentra Purun'" in shown[0], "'Sentra Rotan'" in shown[1]] == [True, True]
    assert shown[2] == shown[0]


@pytest.mark.parametrize(
    ("sql", "read"),
    [
        ('SELECT "id" FROM "registry_sentra" WHERE "name" = %s', True),
        ("  with found AS (SELECT 1) SELECT * FROM found", True),
        ("SELECT set_config('pghistory.context_id', %s, true); UPDATE x SET y = %s", False),
        ('UPDATE "registry_sentra" SET "name" = %s', False),
        ('INSERT INTO "registry_sentra" ("name") VALUES (%s) RETURNING "id"', False),
    ],
)
def test_only_single_reads_count_as_reads(sql, read):
    assert is_read(sql) is read
