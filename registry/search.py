"""Typo-tolerant search (pg_trgm word similarity): IKMs narrowed to the user's area, and
plain columns (sentras).

A common word ("Kerupuk") matches tens of thousands of IKMs in the country; a city officer
wants the few hundred of their city. The GIN index on (`AreaCodes`, the trigrams of
`SearchedNames`) holds both, so PostgreSQL intersects the area's entries with the word's
before it reads a row.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains, TrigramWordSimilar
from django.db.models import Q, QuerySet, TextField, Value

from registry.models import Ikm
from registry.models.ikms import AreaCodes, SearchedNames


def typo_tolerant(text: str, *, area: str) -> Q:
    """IKMs in `area` (a city or province code) whose business or owner name has a word
    close to `text`, whatever its case: one scan of the (area codes, names) index."""
    codes = Value([area], output_field=ArrayField(TextField()))
    return Q(DataContains(AreaCodes("city"), codes)) & Q(TrigramWordSimilar(SearchedNames(), text))


def ikms_named_like(text: str, *, area: str) -> QuerySet:
    """The ids of the IKMs `typo_tolerant` finds: the search of the licence and case lists."""
    return Ikm.objects.filter(typo_tolerant(text, area=area)).values("pk")


def close_in_any(text: str, *fields: str) -> Q:
    """Rows where any of `fields` has a word close to `text`, whatever its case, answered by
    each column's own GIN trigram index (the sentras': 20,000 rows need no area index)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__trigram_word_similar": text})
    return condition
