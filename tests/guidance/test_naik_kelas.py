"""Naik kelas: the list of IKMs that went up a class or market reach in a year (membership at
its boundaries, filters, scoping, query counts) and the IKM page's naik kelas story (its
years, milestones, cases and activities; a query count that does not grow)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance import dashboards, selectors_naik_kelas
from guidance import selectors as guidance_selectors
from licensing.dates import office_today
from licensing.selectors import ikm_licences_shown
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region
from tests.factories import (
    ActivityFactory,
    ActivityParticipantFactory,
    CaseFactory,
    IkmFactory,
    LicenceFactory,
    SentraFactory,
    YearlySnapshotFactory,
    licence_of,
)

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=WITA)
URL = "/pendampingan/naik-kelas/"
MEDIUM = {"workers_male": 20, "workers_female": 5}  # more than 19 workers: a medium industry


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _history(*years, **ikm_fields):
    """An IKM with one yearly record per (year, fields) pair."""
    ikm = IkmFactory(**ikm_fields)
    for year, fields in years:
        YearlySnapshotFactory(ikm=ikm, year=year, **fields)
    return ikm


def _listed(client, user, **params) -> list[int]:
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return sorted(row.ikm_id for row in response.context["page"].object_list)


@pytest.fixture
def histories(users):
    return {
        "class_up": _history((2025, {}), (2026, MEDIUM)),
        "reach_up": _history((2025, {}), (2026, {"market_reach": "regional"})),
        "none": _history((2025, MEDIUM), (2026, MEDIUM)),
        "first_year": _history((2026, {**MEDIUM, "market_reach": "export"})),
        "gap_year": _history((2024, {}), (2026, {"market_reach": "national"})),
        "down": _history((2025, {**MEDIUM, "market_reach": "national"}), (2026, {})),
        "last_year": _history((2024, {}), (2025, MEDIUM)),
        "banjarbaru": _history((2025, {}), (2026, MEDIUM), banjarbaru=True),
    }


# The list


def test_membership_at_the_boundaries(client, users, histories):
    expected = sorted(histories[name].pk for name in ("class_up", "reach_up", "gap_year"))
    assert _listed(client, users["officer"], tahun="2026") == expected
    assert _listed(client, users["officer"], tahun="2025") == [histories["last_year"].pk]
    # This year by default; the dashboard's figure counts the same rows.
    assert _listed(client, users["officer"]) == expected
    assert dashboards.naik_kelas_figures(user=users["officer"], year=2026)["naik_kelas"] == 3


def test_rows_show_class_and_reach_before_and_after(client, users, histories):
    client.force_login(users["officer"])
    response = client.get(URL, {"tahun": "2026"})
    rows = {row.ikm_id: row for row in response.context["page"].object_list}
    class_up = rows[histories["class_up"].pk]
    assert (class_up.previous_class, class_up.industry_class) == ("small", "medium")
    assert (class_up.class_up, class_up.reach_up) == (True, False)
    gap = rows[histories["gap_year"].pk]
    assert (gap.previous_reach, gap.market_reach) == ("local", "national")
    assert (gap.class_up, gap.reach_up) == (False, True)
    html = response.content.decode()
    assert f'data-ikm="{histories["class_up"].pk}" data-class-up' in html
    assert histories["class_up"].get_absolute_url() in html


def test_filters_by_sentra_and_village(client, users):
    sentra = SentraFactory()
    village = (
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith="63.71.")
        .exclude(code="63.71.04.1009")
        .first()
    )
    in_sentra = _history((2025, {}), (2026, MEDIUM), sentra=sentra)
    elsewhere = _history((2025, {}), (2026, MEDIUM), kelurahan=village)
    officer = users["officer"]
    assert _listed(client, officer, tahun="2026", sentra=sentra.pk) == [in_sentra.pk]
    assert _listed(client, officer, sentra=sentra.pk) == [in_sentra.pk]  # this year
    assert _listed(client, officer, tahun="2026", kelurahan=village.code) == [elsewhere.pk]
    assert _listed(client, officer, tahun="2026") == sorted([in_sentra.pk, elsewhere.pk])


def test_scoping_and_the_province_city_filter(client, users, histories):
    bjb = histories["banjarbaru"].pk
    assert bjb not in _listed(client, users["officer"], tahun="2026")
    assert _listed(client, users["other_city_officer"], tahun="2026") == [bjb]
    province = users["provincial_officer"]
    assert len(_listed(client, province, tahun="2026")) == 4
    assert _listed(client, province, tahun="2026", city="63.72") == [bjb]
    # A city outside the province is ignored, not an error.
    assert len(_listed(client, province, tahun="2026", city="64.71")) == 4


def test_owners_may_not_see_the_list(client, users):
    client.force_login(users["ikm_owner"])
    assert client.get(URL).status_code == 403


def test_a_bad_year_falls_back_to_this_year(client, users, histories):
    assert _listed(client, users["officer"], tahun="abc") == _listed(
        client, users["officer"], tahun="2026"
    )


def _list_queries(client, user) -> int:
    """The queries of the list rendered in full (its filter panel not from the cache)."""
    client.force_login(user)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"tahun": "2026"}).status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow(client, users):
    sentra = SentraFactory()
    for _ in range(2):
        _history((2025, {}), (2026, MEDIUM), sentra=sentra)
    few = _list_queries(client, users["officer"])
    for _ in range(20):
        _history((2025, {}), (2026, MEDIUM), sentra=sentra)
    assert _list_queries(client, users["officer"]) == few
    assert few <= 16


# The IKM page's story


def _story_ikm(users, extra: int = 0):
    ikm = _history((2024, {}), (2025, {"market_reach": "regional"}), (2026, MEDIUM))
    licence_of("nib", ikm=ikm, issued_on=datetime.date(2024, 3, 1))
    licence_of("nib", ikm=ikm, issued_on=datetime.date(2025, 3, 1))  # not the first
    LicenceFactory(ikm=ikm, issued_on=datetime.date(2025, 7, 1))  # first P-IRT
    LicenceFactory(ikm=ikm, planned=True)  # not issued: no milestone
    licence_of("e_katalog", ikm=ikm, issued_on=datetime.date(2026, 2, 1))
    CaseFactory(
        ikm=ikm,
        status="done",
        outcome="succeeded",
        assigned_to=users["officer"],
        closed_at=datetime.datetime(2025, 6, 1, 9, 0, tzinfo=WITA),
    )
    CaseFactory(ikm=ikm)  # still open: not in the story
    CaseFactory(  # cancelled: not in the story either
        ikm=ikm,
        status="cancelled",
        assigned_to=users["officer"],
        closed_at=datetime.datetime(2025, 8, 1, 9, 0, tzinfo=WITA),
    )
    ActivityParticipantFactory(
        ikm=ikm, activity=ActivityFactory(starts_on=datetime.date(2025, 5, 2))
    )
    ActivityParticipantFactory(
        ikm=ikm, attended=False, activity=ActivityFactory(starts_on=datetime.date(2025, 5, 9))
    )
    for index in range(extra):
        year = 2020 + index % 4
        licence_of("halal", ikm=ikm, issued_on=datetime.date(year, 1, 1 + index))
        ActivityParticipantFactory(
            ikm=ikm, activity=ActivityFactory(starts_on=datetime.date(year, 2, 1 + index))
        )
        CaseFactory(
            ikm=ikm,
            status="done",
            outcome="not_succeeded",
            assigned_to=users["officer"],
            closed_at=datetime.datetime(year, 3, 1 + index, tzinfo=WITA),
        )
    return ikm


def _story(user, ikm):
    cases = list(guidance_selectors.ikm_cases(user=user, ikm=ikm))
    licences = ikm_licences_shown(user=user, ikm=ikm, today=office_today())
    return selectors_naik_kelas.ikm_story(ikm=ikm, cases=cases, licences=licences)


def test_the_story_joins_years_milestones_cases_and_activities(users):
    ikm = _story_ikm(users)
    story = _story(users["officer"], ikm)
    assert [entry.year for entry in story] == [2024, 2025, 2026]
    first, second, third = story
    assert [m["code"] for m in first.milestones] == ["nib"]
    assert first.milestones[0]["on"] == datetime.date(2024, 3, 1)
    assert not first.record.naik_kelas
    assert (second.record.class_up, second.record.reach_up) == (False, True)
    assert [m["code"] for m in second.milestones] == ["pirt"]
    assert [case.outcome for case in second.cases] == ["succeeded"]
    assert [p.activity.starts_on for p in second.participations] == [datetime.date(2025, 5, 2)]
    assert third.record.class_up
    assert [m["code"] for m in third.milestones] == ["e_katalog"]


def test_the_panel_is_on_the_ikm_page(client, users):
    ikm = _story_ikm(users)
    for role in ("officer", "provincial_officer"):
        client.force_login(users[role])
        html = client.get(ikm.get_absolute_url()).content.decode()
        assert 'class="panel naik-kelas-panel"' in html
        assert 'data-year="2025" class="is-up"' in html
        assert 'data-event="milestone" data-type="e_katalog"' in html
    client.force_login(users["other_city_officer"])
    assert client.get(ikm.get_absolute_url()).status_code == 404


def test_no_panel_without_a_story(client, users):
    ikm = IkmFactory()
    client.force_login(users["officer"])
    assert "naik-kelas-panel" not in client.get(ikm.get_absolute_url()).content.decode()


def _page_queries(client, user, ikm) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(ikm.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_story_query_count_does_not_grow(users):
    few_ikm = _story_ikm(users)
    many_ikm = _story_ikm(users, extra=12)
    counts = []
    for ikm in (few_ikm, many_ikm):
        with CaptureQueriesContext(connection) as captured:
            story = _story(users["officer"], ikm)
        counts.append(len(captured))
    assert counts == [4, 4]  # the cases, the licences, then the story's yearly data and activities
    assert len(story) == 7  # 2020-2026


def test_the_ikm_page_reads_the_licences_once_for_its_licence_panel_and_its_story(client, users):
    ikm = _story_ikm(users)
    client.force_login(users["officer"])
    with CaptureQueriesContext(connection) as captured:
        html = client.get(ikm.get_absolute_url()).content.decode()
    licence_reads = [query for query in captured if 'FROM "licensing_licence"' in query["sql"]]
    assert len(licence_reads) == 1
    assert 'data-event="milestone" data-type="e_katalog"' in html
    assert 'id="licences-heading"' in html


def test_the_ikm_page_query_count_does_not_grow(client, users):
    # Several of each kind of record against many more (the page's other sections read some
    # related rows once there are any).
    few_ikm, many_ikm = _story_ikm(users, extra=4), _story_ikm(users, extra=16)
    few = _page_queries(client, users["officer"], few_ikm)
    assert _page_queries(client, users["officer"], many_ikm) == few
