"""Searching IKMs by name in the user's area (a city or a province): word by word, forgiving
small typos.

Each word of the text is looked up among the words the names have (`NameWord`: thousands of
words, not a million names) for its close spellings ("panddai": "pandai"; "sejah":
"sejahtera"). The IKMs of the area with a spelling of every word are then one scan of the GIN
index of (area codes, name words), which starts from the rarest word and skips through the
others' entries: a few ms in a province. Comparing the whole text with every name by its
trigrams, as the search did, read the entries of some 25 trigrams and rechecked thousands of
names (40-70 ms in a province); it remains the way when no IKM has every word (one too far
from any name: "ikn" for "ikan"), as it forgives more.

A single word in a thousand names of the area or more ("Industri": 32,000 of a province's) is
searched as that exact word instead, in `IkmWord`'s index, which holds them in the IKM list's
order: similar spellings add nothing a user could page through, and finding them would mean
reading every one of the thousands of rows (over a second). The lists say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains, Overlap, TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordDistance
from django.db.models import Q, QuerySet, TextField, Value

from registry.models import Ikm, IkmWord, NameWord
from registry.models.ikms import AreaCodes, NameWords, SearchedNames
from sentra_portal.pagination import Ordering

COMMON_WORD_MIN = 1_000
# The closest spellings of a typed word that are searched (a short word is part of many).
SPELLINGS_PER_WORD = 50
# IKMs with every word up to this many are listed by their ids (the licence list's numbers
# too): the lists then read them by key, and PostgreSQL knows how few they are.
FEW_FOUND = 500
# One word as `registry.models.ikm_words.NAME_WORDS_SQL` splits names: letters and digits.
ONE_WORD = re.compile(r"[^\W_]+")
PROVINCE_CODE_LENGTH = 2


def words_of(text: str) -> list[str]:
    """The words of `text` as names are split into words (lower case), each once."""
    return list(dict.fromkeys(ONE_WORD.findall(text.lower())))


def close_spellings(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """For each of `words`, the words of the names close to it (itself, if a name has it),
    closest first: one query for all."""
    lookups = [
        NameWord.objects.filter(word__trigram_word_similar=word)
        .annotate(position=Value(index), distance=TrigramWordDistance(word, "word"))
        .order_by("distance", "word")
        .values_list("position", "word")[:SPELLINGS_PER_WORD]
        for index, word in enumerate(words)
    ]
    found: list[list[str]] = [[] for _word in words]
    for position, spelling in lookups[0].union(*lookups[1:], all=True):
        found[position].append(spelling)
    return tuple(tuple(spellings) for spellings in found)


def in_area(area: str) -> Q:
    """IKMs of a city or a province, in the terms of the search indexes' first column."""
    return Q(DataContains(AreaCodes("city"), Value([area], output_field=ArrayField(TextField()))))


def with_every_word(spellings: tuple[tuple[str, ...], ...], *, area: str) -> Q:
    """IKMs in `area` whose names have one of the spellings of each word: one scan of the
    (area codes, name words) index."""
    condition = in_area(area)
    for close in spellings:
        words = Value(list(close), output_field=ArrayField(TextField()))
        condition &= Q(Overlap(NameWords(), words))
    return condition


def close_to_the_whole(text: str, *, area: str) -> Q:
    """IKMs in `area` whose business or owner name has a stretch close to the whole `text`,
    whatever its case: one scan of the (area codes, name trigrams) index."""
    return in_area(area) & Q(TrigramWordSimilar(SearchedNames(), text))


@dataclass(frozen=True)
class NameSearch:
    """A search of IKM names in an area (a city or province code): by `common_word` when the
    text is one word that at least `COMMON_WORD_MIN` of the area's IKMs have, else by the
    `spellings` of every word when some IKM has them all (`found`: their ids, when few),
    else by the whole text."""

    text: str
    area: str
    common_word: str | None = None
    spellings: tuple[tuple[str, ...], ...] | None = None
    found: tuple[int, ...] | None = None

    @classmethod
    def of(cls, text: str, *, area: str) -> NameSearch:
        words = words_of(text)
        if len(words) == 1 and _is_common(words[0], area):
            return cls(text, area, common_word=words[0])
        spellings = close_spellings(words) if words else ()
        if spellings and all(spellings):
            having = Ikm.objects.filter(with_every_word(spellings, area=area))
            # All of them, from one scan of the index: with a LIMIT, PostgreSQL would rather
            # read the table until it had enough, and a few matches took it 2 s.
            found = tuple(having.order_by().values_list("pk", flat=True))
            if found:
                few = found if len(found) <= FEW_FOUND else None
                return cls(text, area, spellings=spellings, found=few)
        return cls(text, area)

    def ikm_condition(self) -> Q:
        """The IKMs found, for a queryset of IKMs (a common word's: joined to its word rows,
        which `by_name` sorts)."""
        if self.common_word is not None:
            return _word_in_area(self.common_word, self.area, prefix="words__")
        if self.found is not None:
            return Q(pk__in=self.found)
        if self.spellings is not None:
            return with_every_word(self.spellings, area=self.area)
        return close_to_the_whole(self.text, area=self.area)

    def by_name(self, ordering: Ordering) -> Ordering:
        """`ordering` of the IKMs found, read from the word rows' copy of the name when it
        is by name: the word index holds them in that order, and a page is a few entries of
        it (PostgreSQL cannot know that the IKM's name is the same, and would sort them all)."""
        if self.common_word is None or ordering.key.expression != "name":
            return ordering
        key = replace(ordering.key, expression="words__name", tiebreak="words__ikm")
        return replace(ordering, key=key)

    def word_rows(self) -> QuerySet:
        """The common word's rows in the area: one for each IKM of the area that has it."""
        return IkmWord.objects.filter(_word_in_area(self.common_word, self.area))

    def ikm_ids(self) -> QuerySet | tuple[int, ...]:
        """The ids of the IKMs found (listed when few): the search of the licence and case
        lists.

        A common word's IKMs are taken from the whole country; the list's own scope keeps
        the area's. PostgreSQL then judges rightly what share of the area's records have the
        word (the word's share of all IKMs) and reads the list in its order until a page is
        full. Given the area's few thousand ids, it believed that almost none of the area's
        records matched, and fetched and sorted every match instead (18 ms, now under 1)."""
        if self.common_word is not None:
            return IkmWord.objects.filter(word=self.common_word).values("ikm")
        if self.found is not None:
            return self.found
        return Ikm.objects.filter(self.ikm_condition()).values("pk")


def _is_common(word: str, area: str) -> bool:
    having = IkmWord.objects.filter(_word_in_area(word, area)).values("pk")
    return having[:COMMON_WORD_MIN].count() >= COMMON_WORD_MIN


def _word_in_area(word: str, area: str, *, prefix: str = "") -> Q:
    """`IkmWord` rows (through `prefix`) of `word` in a city or a province."""
    column = "province" if len(area) == PROVINCE_CODE_LENGTH else "city"
    return Q(**{f"{prefix}word": word, f"{prefix}{column}": area})


def close_to_every_word(words: list[str], *fields: str) -> Q:
    """Rows where each of `words` is close to a word of one of `fields` (`close_in_any`), in
    any order."""
    condition = Q()
    for word in words:
        condition &= close_in_any(word, *fields)
    return condition


def close_in_any(text: str, *fields: str) -> Q:
    """Rows where any of `fields` has a word close to `text`, whatever its case, answered by
    each column's own GIN trigram index (the sentras': 20,000 rows need no area index)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__trigram_word_similar": text})
    return condition
