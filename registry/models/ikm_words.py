"""The words of every IKM's business and owner names, one row per IKM and word, kept by the
database: the IKMs of an area that have a common word, in name order, from one index range;
and every word the names have had (`NameWord`), where a typed word's close spellings are found.

"Industri" is a word of 32,000 of one province's 288,000 IKM names. The trigram index finds
them, but the list shows them in name order, so PostgreSQL fetched and sorted all 32,000 rows
(or walked the name index past 300,000 that do not match) to show 25: over a second. Here the
rows of one word and area lie in name order in an index, and a page is 26 index entries
(`registry.search.NameSearch`).

The rows are written by the trigger `ikm_words` on the IKM table (below, in `Ikm.Meta`), on
every insert and every change of the names or the city, so no code path can forget them;
the benchmark's generator, which loads with triggers off, fills them with the same SQL.
"""

import pgtrigger
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Left

# The words of a name, as the database splits them: lower case, split at anything that is not
# a letter or a digit (`registry.search.ONE_WORD` recognises one word by the same rule).
NAME_WORDS_SQL = (
    "SELECT DISTINCT word FROM regexp_split_to_table(lower({names}), '[^[:alnum:]]+') word "
    "WHERE word <> ''"
)
# The IKM's names as one text, as in `registry.models.ikms.SearchedNames`.
IKM_NAMES_SQL = "{row}.name || ' ' || {row}.owner_name"

# The same for every IKM at once: the migration that made the table, the benchmark's generator.
WORDS_OF_EVERY_IKM = (  # noqa: S608 -- fixed SQL of this module, no input
    "INSERT INTO registry_ikmword (ikm_id, word, city, name) "
    "SELECT ikm.id, words.word, ikm.city_id, ikm.name "
    "FROM registry_ikm ikm, LATERAL ({words}) words"
).format(words=NAME_WORDS_SQL.format(names=IKM_NAMES_SQL.format(row="ikm")))


# Every word of the names, from the word rows: the same migration and generator.
VOCABULARY_OF_EVERY_IKM = (
    "INSERT INTO registry_nameword (word) SELECT DISTINCT word FROM registry_ikmword "
    "ON CONFLICT DO NOTHING"
)


def words_trigger() -> pgtrigger.Trigger:
    """After an IKM is written with new names or a new city, its word rows are rewritten, and
    a word no name had before joins the vocabulary."""
    func = (  # noqa: S608 -- fixed SQL of this module, no input
        "IF TG_OP = 'UPDATE' THEN DELETE FROM registry_ikmword WHERE ikm_id = NEW.id; END IF; "
        "INSERT INTO registry_ikmword (ikm_id, word, city, name) "
        "SELECT NEW.id, word, NEW.city_id, NEW.name FROM ({words}) words; "
        "INSERT INTO registry_nameword (word) SELECT word FROM ({words}) words "
        "ON CONFLICT DO NOTHING; "
        "RETURN NULL;"
    ).format(words=NAME_WORDS_SQL.format(names=IKM_NAMES_SQL.format(row="NEW")))
    return pgtrigger.Trigger(
        name="ikm_words",
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.UpdateOf("name", "owner_name", "city_id"),
        func=func,
    )


class IkmWord(models.Model):
    """One word of an IKM's names, with the IKM's city and name (copies, for the index)."""

    pk = models.CompositePrimaryKey("ikm", "word")
    # The primary key (ikm, word) serves the trigger's and the cascade's deletes.
    ikm = models.ForeignKey(
        "registry.Ikm", on_delete=models.CASCADE, related_name="words", db_index=False
    )
    word = models.CharField(max_length=200)
    city = models.CharField(max_length=13)  # the IKM's city code
    # Its first two digits, as in `registry.models.ikms.AreaCodes`: a column, not an indexed
    # expression, so that a count reads the index alone.
    province = models.GeneratedField(
        expression=Left("city", 2), output_field=models.CharField(max_length=2), db_persist=True
    )
    name = models.CharField(max_length=200)  # the IKM's business name: the list's order

    class Meta:
        indexes = [
            # A word in a city, or in a province, in the IKM list's order (name, id).
            models.Index(fields=["word", "city", "name", "ikm"], name="ikmword_city_idx"),
            models.Index(fields=["word", "province", "name", "ikm"], name="ikmword_province_idx"),
        ]

    def __str__(self):
        return self.word


class NameWord(models.Model):
    """A word that an IKM's names have (or had: a word that a rename or a deletion left
    unused stays, and finds nothing). A typed word is looked up here by its trigrams, among
    a few thousand words instead of a million names (`registry.search`)."""

    word = models.CharField(max_length=200, primary_key=True)

    class Meta:
        indexes = [
            # Written through at once (no pending list): a new word is rare, and every search
            # would otherwise read the list of words not yet merged into the index (10,000
            # pending words made each lookup 2 ms instead of 0.1).
            GinIndex(
                OpClass("word", name="gin_trgm_ops"), name="nameword_trgm_idx", fastupdate=False
            ),
        ]

    def __str__(self):
        return self.word
