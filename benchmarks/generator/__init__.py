"""A registry at national scale, made inside PostgreSQL: the data the benchmark measures.

Every table is filled by one set-based INSERT … SELECT over `generate_series`, never a row at a
time from Python, so a million IKMs take minutes. Every "random" choice is a hash of the row's
number and the seed (`hashint8extended`), not `random()`: the same seed gives the same data
whatever order or parallelism PostgreSQL chooses. Ids are given explicitly where later steps
need to compute them (an IKM's id tells its city, its product has the same id), and the
sequences are moved past them at the end.

History triggers (django-pghistory) and foreign-key triggers are switched off for the session
(`session_replication_role = replica`): this is generated data, not a change anyone made, and
the keys are right by construction. So are the triggers that copy an IKM's city onto its
licences and cases: the inserts write `city_id` themselves, and the one that writes the words
of the IKMs' names (`registry.ikm_words`, the same SQL). Only an empty registry is filled.
"""

import contextlib
from collections.abc import Callable

from django.db import connection, transaction

from benchmarks.generator import guidance, licences, registry
from benchmarks.generator.accounts import BENCH_PASSWORD, create_bench_accounts
from benchmarks.generator.run import Run, Volumes, create_functions, sequences
from guidance.summaries import city_summaries_count
from registry.models import Ikm

__all__ = ["BENCH_PASSWORD", "RegistryNotEmptyError", "Volumes", "generate"]

STEPS = [
    ("regions", registry.regions),
    ("offices", registry.offices),
    ("cities", registry.cities),
    ("officers", registry.officers),
    ("sentras", registry.sentras),
    ("ikms", registry.ikms),
    ("ikm words", registry.ikm_words),
    ("name words", registry.name_words),
    ("products", registry.products),
    ("licences", licences.licences),
    ("snapshots", registry.snapshots),
    ("cases", guidance.cases),
    ("activities", guidance.activities),
    ("participants", guidance.participants),
    ("sequences", sequences),
]


class RegistryNotEmptyError(Exception):
    pass


def generate(*, scale: float, seed: int, report: Callable[[str], None] = print) -> dict:
    """Fill the empty registry; return the number of rows made per table."""
    if Ikm.objects.exists():
        raise RegistryNotEmptyError("The registry already holds IKMs; use an empty database.")
    run = Run(volumes=Volumes.at(scale), seed=seed, report=report)
    with transaction.atomic(), connection.cursor() as cursor:
        run.cursor = cursor
        cursor.execute("SET LOCAL session_replication_role = replica")
        create_functions(run)
        deferred = ("registry_ikm", "registry_ikmword", "licensing_licence")
        with contextlib.ExitStack() as stack:
            for table in deferred:
                stack.enter_context(run.indexes_deferred(table))
            for name, step in STEPS:
                run.step(name, lambda step=step: step(run))
    create_bench_accounts()
    with connection.cursor() as cursor:
        # Statistics for the planner, and (outside a transaction: not in the tests) the
        # visibility map, so that index-only scans need not read the tables.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    run.step("summaries", city_summaries_count)
    return run.counts
