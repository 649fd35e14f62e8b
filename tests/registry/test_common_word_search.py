"""A word shared by many IKM names (registry.search.NameSearch): found as written, from the word
rows the database keeps (registry.models.ikm_words), in the list's name order."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from registry import search
from registry.filters import IKM_SORTS, IkmFilter
from registry.models import Ikm, IkmWord
from registry.models.ikm_words import WORDS_OF_EVERY_IKM
from sentra_portal.pagination import keyset_page
from tests.factories import CaseFactory, IkmFactory, LicenceFactory, insert_ikms

pytestmark = pytest.mark.django_db

IKM_LIST = "/registri/ikm/"
COMMON = 3  # COMMON_WORD_MIN for these tests


@pytest.fixture
def common_at_three(monkeypatch):
    monkeypatch.setattr(search, "COMMON_WORD_MIN", COMMON)


@pytest.fixture
def kerupuk(users):
    """Three Banjarmasin names with the word "Kerupuk", one misspelt, one in Banjarbaru."""
    return {
        "haruan": IkmFactory(name="Kerupuk Haruan", owner_name="Siti"),
        "acil": IkmFactory(name="Acil Kerupuk-Ikan", owner_name="Rahmah"),
        "owner": IkmFactory(name="Usaha Barokah", owner_name="Kerupuk Ahmad"),
        "misspelt": IkmFactory(name="Kerupukk Nanang", owner_name="Nanang"),
        "banjarbaru": IkmFactory(name="Kerupuk Banjarbaru", banjarbaru=True),
    }


def words_of(ikm) -> set[str]:
    return set(IkmWord.objects.filter(ikm=ikm).values_list("word", flat=True))


def shown(client, user, url) -> list[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return [row.name for row in response.context["page"].object_list]


def kerupuk_ikms_planned_as_at_scale(count: int) -> None:
    """`count` Banjarmasin IKMs named "Usaha Kerupuk N", and plans as at scale: tables this
    small are cheaper to read whole and sort; the question is whether the query can be
    answered from the indexes without a sort, as it must be on a million rows."""
    insert_ikms(count, name="Usaha Kerupuk")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_ikm; ANALYZE registry_ikmword")
        for method in ("seqscan", "sort", "hashjoin", "mergejoin", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")


# The word rows ------------------------------------------------------------------------------


def test_the_database_writes_each_word_of_both_names_once_in_lower_case(users):
    ikm = IkmFactory(name="Amplang-Ikan Pipih, Ikan", owner_name="Siti Rahmah")
    assert words_of(ikm) == {"amplang", "ikan", "pipih", "siti", "rahmah"}
    row = IkmWord.objects.get(ikm=ikm, word="amplang")
    assert (row.city, row.name) == ("63.71", "Amplang-Ikan Pipih, Ikan")


def test_renaming_or_moving_an_ikm_rewrites_its_words_and_deleting_it_removes_them(users):
    ikm = IkmFactory(name="Amplang Pipih", owner_name="Siti")
    Ikm.objects.filter(pk=ikm.pk).update(name="Kerupuk Haruan")
    assert words_of(ikm) == {"kerupuk", "haruan", "siti"}
    assert set(IkmWord.objects.filter(ikm=ikm).values_list("name", flat=True)) == {"Kerupuk Haruan"}
    Ikm.objects.filter(pk=ikm.pk).update(city_id="63.72")
    assert set(IkmWord.objects.filter(ikm=ikm).values_list("city", flat=True)) == {"63.72"}
    ikm.delete()
    assert not IkmWord.objects.filter(ikm_id=ikm.pk).exists()


def test_the_bulk_sql_writes_the_same_rows_as_the_trigger(users, kerupuk):
    def rows():
        return sorted(IkmWord.objects.values_list("ikm", "word", "city", "name"))

    by_trigger = rows()
    IkmWord.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(WORDS_OF_EVERY_IKM)
    assert rows() == by_trigger


# The search ---------------------------------------------------------------------------------


def test_a_common_word_finds_exactly_that_word_in_name_order(
    client, users, kerupuk, common_at_three
):
    names = shown(client, users["officer"], f"{IKM_LIST}?q=KERUPUK")
    # Not the misspelt name, not Banjarbaru's; the owner's name counts.
    assert names == ["Acil Kerupuk-Ikan", "Kerupuk Haruan", "Usaha Barokah"]


def test_the_list_says_when_a_word_was_searched_as_written(client, users, kerupuk, common_at_three):
    client.force_login(users["officer"])
    common = client.get(f"{IKM_LIST}?q=kerupuk")
    assert "Nama dengan kata “kerupuk”" in common.content.decode()
    rare = client.get(f"{IKM_LIST}?q=haruan")
    assert "Nama dengan kata" not in rare.content.decode()


def test_a_word_in_fewer_names_of_the_area_is_searched_with_similar_spellings(
    client, users, kerupuk, monkeypatch
):
    monkeypatch.setattr(search, "COMMON_WORD_MIN", COMMON + 1)  # the city has three
    names = shown(client, users["officer"], f"{IKM_LIST}?q=kerupuk")
    assert "Kerupukk Nanang" in names


def test_a_common_word_pages_by_keyset(users, kerupuk, common_at_three):
    officer = users["officer"]
    found = IkmFilter({"q": "kerupuk"}, queryset=Ikm.objects.visible_to(officer), user=officer)
    ordering = IKM_SORTS.ordering(QueryDict())
    first = keyset_page(found.qs, ordering, QueryDict(), page_size=2)
    assert [row.name for row in first.object_list] == ["Acil Kerupuk-Ikan", "Kerupuk Haruan"]
    after = QueryDict(first.links(QueryDict()).next.removeprefix("?"))
    second = keyset_page(found.qs, ordering, after, page_size=2)
    assert [row.name for row in second.object_list] == ["Usaha Barokah"]
    assert not second.has_next


def test_a_provincial_officer_finds_the_word_in_every_city_of_the_province(
    client, users, kerupuk, common_at_three
):
    names = shown(client, users["provincial_officer"], f"{IKM_LIST}?q=kerupuk")
    assert names == [
        "Acil Kerupuk-Ikan",
        "Kerupuk Banjarbaru",
        "Kerupuk Haruan",
        "Usaha Barokah",
    ]


def test_the_licence_and_case_lists_search_a_common_word_the_same_way(
    client, users, kerupuk, common_at_three
):
    LicenceFactory(ikm=kerupuk["haruan"])
    LicenceFactory(ikm=kerupuk["misspelt"])
    CaseFactory(ikm=kerupuk["acil"])
    CaseFactory(ikm=kerupuk["misspelt"])
    # The word's IKMs are taken country-wide: the lists' own scope keeps Banjarbaru's out.
    LicenceFactory(ikm=kerupuk["banjarbaru"])
    CaseFactory(ikm=kerupuk["banjarbaru"])
    client.force_login(users["officer"])
    licences = client.get("/perizinan/?q=kerupuk").context["page"].object_list
    assert [licence.ikm_id for licence in licences] == [kerupuk["haruan"].pk]
    cases = client.get("/pendampingan/?queue=open&q=kerupuk").context["page"].object_list
    assert [case.ikm_id for case in cases] == [kerupuk["acil"].pk]


def test_a_common_words_page_is_read_in_order_from_the_word_index(users, common_at_three):
    kerupuk_ikms_planned_as_at_scale(3000)
    for user, index in [
        (users["officer"], "ikmword_city_idx"),
        (users["provincial_officer"], "ikmword_province_idx"),
    ]:
        found = IkmFilter({"q": "kerupuk"}, queryset=Ikm.objects.visible_to(user), user=user)
        rows = found.qs  # the search runs: it knows now what it found
        ordering = found.reading_order(IKM_SORTS.ordering(QueryDict()))
        plan = rows.order_by(*ordering.order_by())[:26].explain()
        assert found.name_search.common_word == "kerupuk"
        assert index in plan
        assert "Sort" not in plan  # the index gives the name order: no reading of every match


def test_a_later_page_of_a_common_word_starts_inside_the_word_index(users, common_at_three):
    """The cursor's (name, id) compares the word rows' own columns: PostgreSQL starts the page
    at the cursor in the index, rather than reading and joining every row before it."""
    kerupuk_ikms_planned_as_at_scale(100)
    officer = users["officer"]
    found = IkmFilter({"q": "kerupuk"}, queryset=Ikm.objects.visible_to(officer), user=officer)
    rows = found.qs
    ordering = found.reading_order(IKM_SORTS.ordering(QueryDict()))
    first = keyset_page(rows, ordering, QueryDict())
    after = QueryDict(first.links(QueryDict()).next.removeprefix("?"))
    with CaptureQueriesContext(connection) as captured:
        second = keyset_page(rows, ordering, after)
    assert [row.name for row in second.object_list][:1] == ["Usaha Kerupuk 31"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + captured.captured_queries[0]["sql"])
        plan = "\n".join(line for (line,) in cursor.fetchall())
    index_conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any("ROW(" in line and "'kerupuk'" in line for line in index_conditions), plan


def test_a_common_word_alone_is_counted_from_its_word_rows(client, users, kerupuk, common_at_three):
    client.force_login(users["officer"])
    with CaptureQueriesContext(connection) as captured:
        alone = client.get(f"{IKM_LIST}?q=kerupuk")
    assert (alone.context["count"].value, alone.context["count"].exact) == (3, True)
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert counts and all('"registry_ikm".' not in sql for sql in counts), counts
    # With another filter the IKMs themselves are counted: the word rows know no status.
    Ikm.objects.filter(pk=kerupuk["acil"].pk).update(status="inactive")
    filtered = client.get(f"{IKM_LIST}?q=kerupuk&status=active")
    assert (filtered.context["count"].value, filtered.context["count"].exact) == (2, True)
