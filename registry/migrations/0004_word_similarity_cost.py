"""pg_trgm declares its word-similarity operator (``%>``, Django's ``trigram_word_similar``)
as costing no more than an addition. It compares the trigrams of two strings: about 7 µs a
row here. Believing it free, PostgreSQL answered a typo-tolerant search in a city of 13,000
IKMs by testing every one of them (90 ms) rather than through the trigram index (5 ms).

A database role that does not own the extension may not change it: the search then works as
before, only slower, and the migration says so.
"""

from django.db import migrations

FUNCTION = "word_similarity_commutator_op(text, text)"


def _set_cost(cost: int) -> str:
    return f"""
        DO $$ BEGIN
            ALTER FUNCTION {FUNCTION} COST {cost};
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'Not the owner of pg_trgm: {FUNCTION} keeps its cost';
        END $$;
    """


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_search_indexes"),
        ("sentra_portal", "0002_postgres_extensions"),
    ]

    operations = [migrations.RunSQL(_set_cost(100), _set_cost(1))]
