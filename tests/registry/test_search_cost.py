"""The planner knows that word similarity is costly (registry migration 0004)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_word_similarity_is_costed_above_a_plain_comparison():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT procost FROM pg_proc WHERE proname = 'word_similarity_commutator_op'"
        )
        assert cursor.fetchone()[0] == 100
