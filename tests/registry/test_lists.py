"""The sentra and IKM lists: scope per role, filters, typo-tolerant search, sort, keyset pages,
result count, htmx refresh and a query count that does not grow with the rows."""

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from registry.constants import IkmStatus, MarketReach, SentraStatus, UmkScale
from registry.filters import IkmFilter
from registry.models import Ikm
from sentra_portal import pagination
from tests.factories import IkmFactory, SentraFactory, insert_ikms, kbli, region

pytestmark = pytest.mark.django_db

IKM_LIST = "/registri/ikm/"
SENTRA_LIST = "/registri/sentra/"
KUIN_UTARA = "63.71.04.1009"  # Banjarmasin Utara
SEBERANG_MESJID = "63.71.05.1007"  # Banjarmasin Tengah
GUNTUNG_MANGGIS = "63.72.02.1005"  # Banjarbaru


@pytest.fixture
def data(users):
    kuin = SentraFactory(name="Sentra Pengolahan Ikan Kuin", commodity="Olahan ikan")
    kuin.kelurahans.set([region(KUIN_UTARA), region("63.71.03.1007")])
    kuin.kbli_codes.set([kbli("10213")])
    sasirangan = SentraFactory(
        name="Sentra Kain Sasirangan", commodity="Kain sasirangan", status=SentraStatus.POTENTIAL
    )
    sasirangan.kelurahans.set([region(SEBERANG_MESJID)])
    sasirangan.kbli_codes.set([kbli("13134")])
    bjb_sentra = SentraFactory(banjarbaru=True, name="Sentra Kue Banjarbaru", commodity="Kue")
    return SimpleNamespace(
        kuin=kuin,
        sasirangan=sasirangan,
        bjb_sentra=bjb_sentra,
        amplang=IkmFactory(
            name="Amplang Ikan Pipih",
            owner_name="Siti Rahmah",
            nib="9120001234567",
            sentra=kuin,
            primary_kbli=kbli("10213"),
            workers_male=3,
            workers_female=4,
            investment=50_000_000,
        ),
        kerupuk=IkmFactory(
            name="Kerupuk Haruan Acil",
            owner_name="Rusdiansyah",
            sentra=kuin,
            primary_kbli=kbli("10211"),
            workers_male=12,
            investment=900_000_000,
            market_reach=MarketReach.REGIONAL,
        ),
        kain=IkmFactory(
            name="Sasirangan Bu Ani",
            owner_name="Ani Maulida",
            nib="9120007654321",
            kelurahan=region(SEBERANG_MESJID),
            sentra=sasirangan,
            primary_kbli=kbli("13134"),
            workers_female=25,
            investment=2_000_000_000,
            market_reach=MarketReach.NATIONAL,
            status=IkmStatus.INACTIVE,
        ),
        bjb=IkmFactory(
            banjarbaru=True,
            name="Bingka Kentang Banjarbaru",
            sentra=bjb_sentra,
            primary_kbli=kbli("10792"),
        ),
    )


def shown(response) -> list[str]:
    return [row.name for row in response.context["page"].object_list]


def get(client, user, url, **headers):
    client.force_login(user)
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    return response


# Scope ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["administrator", "supervisor", "officer"])
def test_city_staff_list_only_their_city(client, users, data, role):
    response = get(client, users[role], IKM_LIST)
    assert shown(response) == ["Amplang Ikan Pipih", "Kerupuk Haruan Acil", "Sasirangan Bu Ani"]
    assert "Bingka Kentang Banjarbaru" not in response.content.decode()
    sentras = get(client, users[role], SENTRA_LIST)
    assert shown(sentras) == ["Sentra Kain Sasirangan", "Sentra Pengolahan Ikan Kuin"]


def test_the_other_city_lists_none_of_banjarmasin(client, users, data):
    response = get(client, users["other_city_officer"], IKM_LIST)
    assert shown(response) == ["Bingka Kentang Banjarbaru"]
    assert shown(get(client, users["other_city_officer"], SENTRA_LIST)) == ["Sentra Kue Banjarbaru"]


def test_provincial_officer_lists_every_city_with_a_city_column(client, users, data):
    response = get(client, users["provincial_officer"], IKM_LIST)
    assert len(shown(response)) == 4
    page = response.content.decode()
    assert 'name="city"' in page
    assert "Kota Banjarbaru" in page and "Kota Banjarmasin" in page
    officer_page = get(client, users["officer"], IKM_LIST).content.decode()
    assert 'name="city"' not in officer_page


def test_provincial_officer_filters_by_city(client, users, data):
    response = get(client, users["provincial_officer"], f"{IKM_LIST}?city=63.72")
    assert shown(response) == ["Bingka Kentang Banjarbaru"]
    sentras = get(client, users["provincial_officer"], f"{SENTRA_LIST}?city=63.71")
    assert shown(sentras) == ["Sentra Kain Sasirangan", "Sentra Pengolahan Ikan Kuin"]


def test_a_city_outside_the_province_is_ignored(client, users, data):
    response = get(client, users["provincial_officer"], f"{IKM_LIST}?city=64.71")
    assert len(shown(response)) == 4


@pytest.mark.parametrize("url", [IKM_LIST, SENTRA_LIST])
def test_owners_may_not_use_the_lists(client, users, data, url):
    client.force_login(users["ikm_owner"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [IKM_LIST, SENTRA_LIST])
def test_lists_only_answer_get(client, users, url):
    client.force_login(users["officer"])
    assert client.post(url).status_code == 405


# Filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kecamatan=63.71.05", ["Sasirangan Bu Ani"]),
        (f"kelurahan={KUIN_UTARA}", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil"]),
        ("kbli=10", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil"]),
        ("kbli=10213", ["Amplang Ikan Pipih"]),
        ("kbli=131", ["Sasirangan Bu Ani"]),
        ("industry_class=medium", ["Sasirangan Bu Ani"]),
        ("industry_class=small", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil"]),
        ("umk_scale=small", ["Sasirangan Bu Ani"]),
        ("umk_scale=micro", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil"]),
        ("status=inactive", ["Sasirangan Bu Ani"]),
        ("market_reach=regional", ["Kerupuk Haruan Acil"]),
        ("has_nib=yes", ["Amplang Ikan Pipih", "Sasirangan Bu Ani"]),
        ("has_nib=no", ["Kerupuk Haruan Acil"]),
        ("kbli=10&has_nib=yes", ["Amplang Ikan Pipih"]),
    ],
)
def test_ikm_filters(client, users, data, query, expected):
    assert shown(get(client, users["officer"], f"{IKM_LIST}?{query}")) == expected


def test_ikm_filter_by_sentra(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?sentra={data.kuin.pk}")
    assert shown(response) == ["Amplang Ikan Pipih", "Kerupuk Haruan Acil"]


def test_choices_come_from_the_users_jurisdiction(client, users, data):
    form = get(client, users["officer"], IKM_LIST).context["filterset"].form
    assert {r.code for r in form.fields["kecamatan"].queryset} == {
        f"63.71.0{n}" for n in range(1, 6)
    }
    assert all(r.code.startswith("63.71.") for r in form.fields["kelurahan"].queryset)
    assert set(form.fields["sentra"].queryset) == {data.kuin, data.sasirangan}


def test_village_choices_follow_the_chosen_district(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?kecamatan=63.71.05")
    villages = response.context["filterset"].form.fields["kelurahan"].queryset
    assert villages and all(r.code.startswith("63.71.05.") for r in villages)


def test_province_choices_follow_the_chosen_city(client, users, data):
    unchosen = get(client, users["provincial_officer"], IKM_LIST).context["filterset"].form
    assert not unchosen.fields["kecamatan"].queryset.exists()
    assert not unchosen.fields["sentra"].queryset.exists()
    chosen = get(client, users["provincial_officer"], f"{IKM_LIST}?city=63.72")
    form = chosen.context["filterset"].form
    assert list(form.fields["sentra"].queryset) == [data.bjb_sentra]
    assert all(r.code.startswith("63.72.") for r in form.fields["kecamatan"].queryset)


@pytest.mark.parametrize(
    "query",
    [
        f"kelurahan={GUNTUNG_MANGGIS}",  # a village of another city
        "kecamatan=63.72.02",  # a district of another city
        "sentra=999999",
    ],
)
def test_a_choice_outside_the_jurisdiction_is_ignored_and_reveals_nothing(
    client, users, data, query
):
    response = get(client, users["officer"], f"{IKM_LIST}?{query}")
    assert shown(response) == ["Amplang Ikan Pipih", "Kerupuk Haruan Acil", "Sasirangan Bu Ani"]


def test_another_citys_sentra_is_ignored(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?sentra={data.bjb_sentra.pk}")
    assert "Bingka Kentang Banjarbaru" not in shown(response)


@pytest.mark.parametrize("kbli_code", ["1", "abc", "102134", "10 2"])
def test_a_bad_kbli_code_shows_an_error_and_no_rows(client, users, data, kbli_code):
    response = get(client, users["officer"], f"{IKM_LIST}?kbli={kbli_code}")
    assert shown(response) == []
    assert response.context["filterset"].errors["kbli"]
    page = response.content.decode()
    assert 'id="id_kbli_error"' in page
    assert "/registri/ikm/ekspor.xlsx" not in page


def test_a_bad_status_shows_an_error_and_no_rows(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?status=deleted")
    assert shown(response) == []
    assert response.context["filterset"].errors["status"]


def test_the_filter_panel_opens_when_a_filter_is_in_use(client, users, data):
    closed = get(client, users["officer"], f"{IKM_LIST}?q=amplang").content.decode()
    assert '<details class="filter-panel">' in closed
    opened = get(client, users["officer"], f"{IKM_LIST}?status=active").content.decode()
    assert '<details class="filter-panel" open>' in opened


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kecamatan=63.71.04", ["Sentra Pengolahan Ikan Kuin"]),
        ("kecamatan=63.71.03", ["Sentra Pengolahan Ikan Kuin"]),  # it spans two districts
        ("kecamatan=63.71.05", ["Sentra Kain Sasirangan"]),
        ("status=potential", ["Sentra Kain Sasirangan"]),
        ("commodity=IKAN", ["Sentra Pengolahan Ikan Kuin"]),
        ("kbli=13", ["Sentra Kain Sasirangan"]),
        ("kbli=10213", ["Sentra Pengolahan Ikan Kuin"]),
        ("q=sasirngan", ["Sentra Kain Sasirangan"]),
        ("q=olahan ikn", ["Sentra Pengolahan Ikan Kuin"]),  # the whole text, "ikn" far from "ikan"
        ("q=sentra kuin", ["Sentra Pengolahan Ikan Kuin"]),  # every word, words apart
    ],
)
def test_sentra_filters_and_search(client, users, data, query, expected):
    assert shown(get(client, users["officer"], f"{SENTRA_LIST}?{query}")) == expected


def test_sentra_list_shows_villages_and_member_figures(client, users, data):
    response = get(client, users["officer"], f"{SENTRA_LIST}?q=kuin")
    (kuin,) = response.context["page"].object_list
    assert kuin.village_names == ["Kuin Selatan", "Kuin Utara"]
    assert kuin.kbli_codes_list == ["10213"]
    assert (kuin.member_count, kuin.workers_sum, kuin.investment_sum) == (2, 19, 950_000_000)
    assert "Rp 950.000.000" in response.content.decode()


def test_a_sentra_without_members_shows_zeros(client, users, data):
    response = get(client, users["officer"], f"{SENTRA_LIST}?q=kosong")
    assert shown(response) == []
    SentraFactory(name="Sentra Kosong")
    (empty,) = get(client, users["officer"], f"{SENTRA_LIST}?q=kosong").context["page"].object_list
    assert (empty.member_count, empty.workers_sum, empty.investment_sum) == (0, 0, 0)


def test_generated_fields_show_their_labels(data):
    ikm = Ikm.objects.get(pk=data.kain.pk)
    template = Template('{% load registry_display %}{{ ikm|choice_label:"industry_class" }}')
    with translation.override("en"):
        assert template.render(Context({"ikm": ikm})) == "Medium industry"
        assert Template('{% load registry_display %}{{ ikm|choice_label:"umk_scale" }}').render(
            Context({"ikm": ikm})
        ) == str(UmkScale.SMALL.label)


# Search --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("amplang ikn pipi", ["Amplang Ikan Pipih"]),  # misspelt
        ("AMPLANG", ["Amplang Ikan Pipih"]),
        ("sasirngan", ["Sasirangan Bu Ani"]),
        ("siti rahma", ["Amplang Ikan Pipih"]),  # owner name
        ("rusdiansyah", ["Kerupuk Haruan Acil"]),
        ("9120001234567", ["Amplang Ikan Pipih"]),  # full NIB
        ("912000765", ["Sasirangan Bu Ani"]),  # NIB prefix
        ("9120 0012 34567", ["Amplang Ikan Pipih"]),
        ("bingka", []),  # Banjarbaru's, not visible here
        ("zzzqqq", []),
    ],
)
def test_search_is_tolerant_of_case_and_small_typos(client, users, data, text, expected):
    response = get(client, users["officer"], f"{IKM_LIST}?q={text}")
    assert shown(response) == expected


def test_search_combines_with_filters(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?q=amplang&status=inactive")
    assert shown(response) == []


def test_search_text_is_limited_in_length(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?q={'a' * 101}")
    assert response.context["filterset"].errors["q"]
    assert shown(response) == []


def test_searched_columns_have_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registry_ikm'"
            " AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        definitions = " ".join(definition for _name, definition in cursor.fetchall())
    assert "ARRAY[(city_id)::text" in definitions  # the area codes, then both names
    assert "(name)::text || ' '::text) || (owner_name)::text)) gin_trgm_ops" in definitions


def test_the_search_query_can_use_the_trigram_indexes(users):
    insert_ikms(5000, name="Usaha Contoh", kelurahan=KUIN_UTARA)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_ikm")
        # A table this small is cheaper to read whole; the question is whether the query the
        # search builds can use the indexes at all, as it must on a million rows.
        cursor.execute("SET LOCAL enable_seqscan = off")
    search = IkmFilter({"q": "amplang ikn pipi"}, queryset=Ikm.objects.all(), user=users["officer"])
    plan = search.qs.order_by().explain()
    # The index of (area codes, names trigrams): only the city's matches are read.
    assert "ikm_area_names_trgm_idx" in plan
    assert "'{63.71}'" in plan


def test_a_provincial_search_reads_the_provinces_matches(users):
    IkmFactory(name="Amplang Banjarmasin")
    IkmFactory(name="Amplang Banjarbaru", banjarbaru=True)
    search = IkmFilter(
        {"q": "amplang"}, queryset=Ikm.objects.all(), user=users["provincial_officer"]
    )
    assert sorted(search.qs.values_list("name", flat=True)) == [
        "Amplang Banjarbaru",
        "Amplang Banjarmasin",
    ]
    in_city = IkmFilter(
        {"q": "amplang", "city": "63.72"},
        queryset=Ikm.objects.all(),
        user=users["provincial_officer"],
    )
    assert list(in_city.qs.values_list("name", flat=True)) == ["Amplang Banjarbaru"]


# Sort and pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil", "Sasirangan Bu Ani"]),
        ("-name", ["Sasirangan Bu Ani", "Kerupuk Haruan Acil", "Amplang Ikan Pipih"]),
        ("-investment", ["Sasirangan Bu Ani", "Kerupuk Haruan Acil", "Amplang Ikan Pipih"]),
        ("workers", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil", "Sasirangan Bu Ani"]),
        ("owner", ["Sasirangan Bu Ani", "Kerupuk Haruan Acil", "Amplang Ikan Pipih"]),
        ("nib", ["Kerupuk Haruan Acil", "Amplang Ikan Pipih", "Sasirangan Bu Ani"]),
        ("-kelurahan", ["Sasirangan Bu Ani", "Kerupuk Haruan Acil", "Amplang Ikan Pipih"]),
        ("drop table", ["Amplang Ikan Pipih", "Kerupuk Haruan Acil", "Sasirangan Bu Ani"]),
    ],
)
def test_ikm_list_sorts_by_whitelisted_keys(client, users, data, sort, expected):
    assert shown(get(client, users["officer"], f"{IKM_LIST}?sort={sort}")) == expected


def test_sort_header_marks_the_current_sort_and_links_the_reverse(client, users, data):
    url = f"{IKM_LIST}?sort=-investment&q=amplang"
    page = get(client, users["officer"], url).content.decode()
    header = re.search(
        r'<th scope="col" aria-sort="descending" class="number">\s*<a href="(.*?)"', page
    )
    assert header.group(1) == "?sort=investment&amp;q=amplang"
    assert 'name="sort" value="-investment" form="filters"' in page


def test_pages_of_25_with_first_previous_next_last(client, users):
    for number in range(60):
        IkmFactory(name=f"IKM {number:02d}")
    client.force_login(users["officer"])
    first = client.get(IKM_LIST)
    assert shown(first) == [f"IKM {n:02d}" for n in range(25)]
    links = first.context["page_links"]
    assert links.first is None and links.previous is None
    second = client.get(IKM_LIST + links.next)
    assert shown(second) == [f"IKM {n:02d}" for n in range(25, 50)]
    last = client.get(IKM_LIST + links.last)
    assert shown(last) == [f"IKM {n:02d}" for n in range(35, 60)]
    assert last.context["page_links"].next is None
    before_last = client.get(IKM_LIST + last.context["page_links"].previous)
    assert shown(before_last) == [f"IKM {n:02d}" for n in range(10, 35)]
    assert 'href="?after=' in first.content.decode()


def test_page_links_keep_filters_and_sort(client, users):
    for number in range(30):
        IkmFactory(name=f"IKM {number:02d}", workers_male=number % 3)
    response = get(client, users["officer"], f"{IKM_LIST}?sort=-workers&status=active")
    assert response.context["page_links"].next.startswith("?sort=-workers&status=active&after=")


# Count ---------------------------------------------------------------------------------------


def test_count_is_exact_for_a_small_result(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?kbli=10")
    assert response.context["count"] == pagination.ResultCount(2, exact=True)


def test_count_beyond_the_cap_is_marked_as_an_estimate(client, users, data, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_CAP", 2)
    response = get(client, users["officer"], IKM_LIST)
    count = response.context["count"]
    assert not count.exact
    text = re.search(
        r'<p class="result-count" role="status">(.*?)</p>', response.content.decode(), re.S
    )
    assert ("±" in text.group(1)) != count.more_than


# htmx ----------------------------------------------------------------------------------------


def test_htmx_gets_only_the_results_and_the_area_filters(client, users, data):
    response = get(client, users["officer"], f"{IKM_LIST}?q=amplang", HX_Request="true")
    page = response.content.decode()
    assert "<html" not in page and "<form" not in page
    assert "Amplang Ikan Pipih" in page
    assert '<div id="area-filters" data-hx-swap-oob="true">' in page
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_the_url_without_the_forms_empty_fields(client, users, data):
    url = f"{IKM_LIST}?q=amplang&kecamatan=&kelurahan=&sort=name&after=abc"
    response = get(client, users["officer"], url, HX_Request="true")
    assert response["HX-Push-Url"] == f"{IKM_LIST}?q=amplang&sort=name&after=abc"


def test_without_htmx_the_whole_page_has_the_form_and_no_oob_swap(client, users, data):
    page = get(client, users["officer"], f"{IKM_LIST}?q=amplang").content.decode()
    assert "<html" in page
    assert 'data-hx-get="/registri/ikm/"' in page and 'data-hx-target="#results"' in page
    assert 'data-hx-push-url="true"' in page
    assert page.count('id="area-filters"') == 1
    assert "hx-swap-oob" not in page
    assert '<button type="submit"' in page


def test_htmx_history_restore_gets_the_whole_page(client, users, data):
    response = get(
        client, users["officer"], IKM_LIST, HX_Request="true", HX_History_Restore_Request="true"
    )
    assert "<html" in response.content.decode()


def test_sentra_list_htmx_partial(client, users, data):
    page = get(client, users["officer"], SENTRA_LIST, HX_Request="true").content.decode()
    assert "<html" not in page and "Sentra Pengolahan Ikan Kuin" in page


def test_export_links_carry_the_current_query(client, users, data):
    page = get(
        client, users["officer"], f"{IKM_LIST}?q=amplang&sort=-name&after=x"
    ).content.decode()
    assert 'href="/registri/ikm/ekspor.xlsx?q=amplang&amp;sort=-name"' in page
    assert 'href="/registri/ikm/ekspor.csv?q=amplang&amp;sort=-name"' in page


# Queries -------------------------------------------------------------------------------------


def queries_for(client, url) -> int:
    """The queries of a page rendered in full (its filter panel not from the cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["officer", "provincial_officer"])
@pytest.mark.parametrize("url", [IKM_LIST, f"{IKM_LIST}?q=ikm&kecamatan=63.71.04", SENTRA_LIST])
def test_queries_do_not_grow_with_the_rows(client, users, role, url):
    client.force_login(users[role])
    sentra = SentraFactory()
    sentra.kelurahans.set([region(KUIN_UTARA)])
    for number in range(3):
        IkmFactory(name=f"IKM {number}", sentra=sentra, primary_kbli=kbli("10213"))
    few = queries_for(client, url)
    for number in range(57):
        IkmFactory(name=f"IKM lagi {number}", sentra=SentraFactory(), primary_kbli=kbli("10211"))
    assert queries_for(client, url) == few


def test_ikm_list_page_query_count_is_pinned(client, users, data, django_assert_max_num_queries):
    client.force_login(users["officer"])
    # session, user with office, the count (the planner's estimate, then the count within its
    # time limit: five statements), the page and the names of its villages, city, sentras and
    # KBLI codes, the district, village and sentra choices, and the unread notifications
    with django_assert_max_num_queries(17):
        client.get(f"{IKM_LIST}?sort=-investment")


def test_htmx_refresh_query_count_is_pinned(client, users, data, django_assert_max_num_queries):
    client.force_login(users["officer"])
    # as above, and the chosen district checked against its choices
    with django_assert_max_num_queries(17):
        client.get(f"{IKM_LIST}?kecamatan=63.71.04", headers={"HX-Request": "true"})


def test_sentra_list_page_query_count_is_pinned(client, users, data, django_assert_max_num_queries):
    client.force_login(users["provincial_officer"])
    # session, user, office, the chosen city checked, count, page, the page's city names,
    # city and district choices, and the navigation's unread notifications
    with django_assert_max_num_queries(14):
        client.get(f"{SENTRA_LIST}?city=63.71")
