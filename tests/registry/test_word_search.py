"""Searching IKMs word by word (registry.search): a close spelling of every typed word, found
among the words the names have (registry.models.ikm_words.NameWord), then one scan of the
(area codes, name words) index; the whole text compared with the names when no IKM has them
all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry import search
from registry.filters import IkmFilter
from registry.models import Ikm, NameWord
from registry.search import NameSearch, close_spellings, words_of
from tests.factories import CaseFactory, IkmFactory, LicenceFactory, insert_ikms

pytestmark = pytest.mark.django_db

IKM_LIST = "/registri/ikm/"


@pytest.fixture
def names(users):
    return {
        "pandai": IkmFactory(name="Dapur Pandai Besi Utama", owner_name="Andi Hakim"),
        "besi": IkmFactory(name="Pandai Besi Sejahtera", owner_name="Siti"),
        "dapur": IkmFactory(name="Dapur Bordir Sejahtera", owner_name="Andi Setiawan"),
        "banjarbaru": IkmFactory(
            name="Dapur Pandai Besi Banjarbaru", owner_name="Andi", banjarbaru=True
        ),
    }


def found(user, text: str) -> list[str]:
    rows = IkmFilter({"q": text}, queryset=Ikm.objects.visible_to(user), user=user).qs
    return sorted(rows.values_list("name", flat=True))


def test_the_words_of_a_text_are_split_as_names_are(users):
    assert words_of("CV. Maju-Jaya  maju 2") == ["cv", "maju", "jaya", "2"]
    assert words_of(" -- ") == []


def test_every_word_of_a_name_joins_the_vocabulary_and_stays_after_a_rename(users):
    ikm = IkmFactory(name="Kerupuk Zebrawangi", owner_name="Siti Rahmah")
    assert {"kerupuk", "zebrawangi", "siti", "rahmah"} <= set(
        NameWord.objects.values_list("word", flat=True)
    )
    Ikm.objects.filter(pk=ikm.pk).update(name="Amplang Kuinbaru")
    words = set(NameWord.objects.values_list("word", flat=True))
    assert {"amplang", "kuinbaru", "zebrawangi"} <= words


def test_a_typed_word_finds_its_close_spellings_closest_first(names):
    assert close_spellings(["panddai", "sejah", "qqqzzz"]) == (("pandai",), ("sejahtera",), ())


def test_every_word_must_be_found_in_any_order_typos_forgiven(users, names):
    officer = users["officer"]
    assert found(officer, "besi panddai") == ["Dapur Pandai Besi Utama", "Pandai Besi Sejahtera"]
    assert found(officer, "Sejahtera Andi dapur") == ["Dapur Bordir Sejahtera"]
    # Owner and business name, far apart and in reverse order: the whole text is too far
    # from both names (word similarity 0.54 and 0.56) for the search by the whole text.
    assert found(officer, "hakim pandai") == ["Dapur Pandai Besi Utama"]
    assert found(officer, "setiawan bordr") == ["Dapur Bordir Sejahtera"]


def test_the_search_word_by_word_stays_in_the_users_area(users, names):
    assert found(users["officer"], "pandai banjarbaru") == []
    assert found(users["provincial_officer"], "pandai banjarbaru") == [
        "Dapur Pandai Besi Banjarbaru"
    ]
    assert "Dapur Pandai Besi Banjarbaru" in found(users["provincial_officer"], "besi pandai")


def test_without_an_ikm_having_every_word_the_whole_text_is_compared(users, names):
    # "bordr" is close to "bordir", and "xyzq" to no word: no IKM has both, yet the whole
    # text is close enough to one name.
    search = NameSearch.of("dapur bordr sejahtera xyzq", area="63.71")
    assert (search.spellings, search.found) == (None, None)
    assert found(users["officer"], "dapur bordr sejahtera xyzq") == ["Dapur Bordir Sejahtera"]


def test_few_ikms_found_are_listed_by_id_and_many_by_their_words(users, names, monkeypatch):
    officer = users["officer"]
    few = NameSearch.of("pandai besi", area="63.71")
    assert sorted(few.found) == sorted([names["pandai"].pk, names["besi"].pk])
    monkeypatch.setattr(search, "FEW_FOUND", 1)
    many = NameSearch.of("pandai besi", area="63.71")
    assert many.found is None
    assert many.spellings == (("pandai",), ("besi",))
    assert found(officer, "pandai besi") == ["Dapur Pandai Besi Utama", "Pandai Besi Sejahtera"]


def test_licence_and_case_lists_search_their_ikms_word_by_word(client, users, names):
    LicenceFactory(ikm=names["pandai"])
    LicenceFactory(ikm=names["dapur"])
    CaseFactory(ikm=names["pandai"])
    CaseFactory(ikm=names["dapur"])
    client.force_login(users["officer"])
    licences = client.get("/perizinan/", {"q": "besi dapur panddai"}).context["page"]
    assert [licence.ikm_id for licence in licences.object_list] == [names["pandai"].pk]
    cases = client.get("/pendampingan/", {"queue": "open", "q": "besi dapur panddai"}).context[
        "page"
    ]
    assert [case.ikm_id for case in cases.object_list] == [names["pandai"].pk]


def test_the_words_of_an_area_are_found_by_the_area_words_index(users):
    insert_ikms(3000, name="Usaha Contoh")
    IkmFactory(name="Dapur Pandai Besi")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_ikm")
        cursor.execute("SET LOCAL enable_seqscan = off")
    words = close_spellings(["dapur", "besi"])
    plan = Ikm.objects.filter(search.with_every_word(words, area="63.71")).explain()
    assert "ikm_area_words_idx" in plan
    assert "'{63.71}'" in plan


def test_a_search_word_by_word_costs_two_queries_before_the_list(users, names):
    with CaptureQueriesContext(connection) as queries:
        NameSearch.of("dapur besi panddai", area="63.71")
    assert len(queries) == 2  # the spellings of all words, then the ids of the IKMs found
