"""The city and province dashboards: each figure against a hand-counted fixture and against
the queryset of the list it links to, the province's figures per city, scoping, naik kelas
at its boundaries, and a query count that does not grow with the data."""

import datetime
import re
import zoneinfo
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guidance import dashboards
from guidance.filters import CaseQueueFilter
from guidance.models import CitySummary
from guidance.selectors import case_queue
from guidance.summaries import city_summaries_count
from guidance.tasks import city_summaries
from licensing.constants import LicenceStatus
from licensing.filters import LicenceFilter
from licensing.models import Licence
from registry.filters import IkmFilter
from registry.models import Ikm, Sentra
from tests.factories import (
    ActivityFactory,
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
TODAY = NOW.date()
URL = "/pendampingan/dasbor/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _days(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def _licence_until(days: int, **kwargs) -> Licence:
    """An issued P-IRT whose valid-until is `days` from today (negative: already passed)."""
    return LicenceFactory(issued_on=_days(days - 365 * 5), valid_until=_days(days), **kwargs)


def _case(officer=None, *, overdue=False, **kwargs):
    if officer is not None:
        kwargs.update(status="assigned", assigned_to=officer)
    case = CaseFactory(**kwargs)
    if overdue:  # asked 30 days ago: past the default limit of 14 days
        type(case).objects.filter(pk=case.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=30)
        )
    return case


@pytest.fixture
def banjarmasin_data(users):
    """Banjarmasin: 2 sentras, 3 IKMs, licences and cases, counted by hand in the tests."""
    sentra = SentraFactory()
    SentraFactory()
    first = IkmFactory(sentra=sentra, workers_male=3, workers_female=4, investment=100_000_000)
    second = IkmFactory(workers_male=1, workers_female=0, investment=25_000_000)
    third = IkmFactory(workers_male=0, workers_female=2, investment=0)
    # P-IRT: the first IKM holds two (two products), the second one expired: 1 IKM covered.
    _licence_until(10, ikm=first)  # expires within 30 days
    _licence_until(45, ikm=first)  # within 60
    _licence_until(-1, ikm=second)  # passed its date: expired, neither valid nor expiring
    _licence_until(80, ikm=third, status=LicenceStatus.REVOKED)  # revoked: not valid
    _licence_until(91, ikm=third)  # valid, expiring later than 90 days
    # NIB, which does not expire: 2 IKMs covered, never expiring.
    licence_of("nib", ikm=first)
    licence_of("nib", ikm=second)
    licence_of("nib", ikm=third, planned=True)
    # Cases: the officer has 2 open (1 overdue) and 1 done; 1 unassigned and overdue.
    officer = users["officer"]
    _case(officer, ikm=first)
    _case(officer, ikm=second, overdue=True)
    CaseFactory(ikm=third, status="done", outcome="succeeded", assigned_to=officer)
    _case(ikm=third, overdue=True)
    return {"ikms": [first, second, third], "sentra": sentra}


@pytest.fixture
def banjarbaru_data(users):
    """Banjarbaru: 1 sentra, 2 IKMs, 1 valid NIB, 1 P-IRT expiring in 20 days, 1 open case."""
    SentraFactory(banjarbaru=True)
    one = IkmFactory(banjarbaru=True, workers_male=10, workers_female=10, investment=2_000_000)
    two = IkmFactory(banjarbaru=True, workers_male=5, workers_female=0, investment=1_000_000)
    licence_of("nib", ikm=one)
    _licence_until(20, ikm=two)
    _case(users["other_city_officer"], ikm=one)
    return [one, two]


# The city dashboard's figures


def test_city_figures_match_the_hand_count(users, banjarmasin_data, banjarbaru_data):
    board = dashboards.city_dashboard(user=users["officer"], today=TODAY)
    figures = board.figures
    assert figures.sentras == 2
    assert figures.ikms == 3
    assert (figures.workers_male, figures.workers_female, figures.workers) == (4, 6, 10)
    assert figures.investment == 125_000_000
    assert figures.covered == {"pirt": 2, "nib": 2}
    assert figures.expiring == {30: 1, 60: 2, 90: 2}
    assert (figures.open_cases, figures.overdue_cases) == (3, 2)
    coverage = {row.licence_type.code: (row.ikms, row.of) for row in board.coverage}
    assert coverage["pirt"] == (2, 3)
    assert coverage["nib"] == (2, 3)
    assert coverage["halal"] == (0, 3)
    load = {row.officer.username if row.officer else None: row for row in board.officer_load}
    assert (load["petugas"].open, load["petugas"].overdue) == (2, 1)
    assert (load[None].open, load[None].overdue) == (1, 1)


def test_city_figures_match_the_querysets(users, banjarmasin_data, banjarbaru_data):
    user = users["supervisor"]
    figures = dashboards.city_dashboard(user=user, today=TODAY).figures
    ikms = Ikm.objects.visible_to(user)
    licences = Licence.objects.visible_to(user)
    assert figures.sentras == Sentra.objects.visible_to(user).count()
    assert figures.ikms == ikms.count()
    assert figures.workers == sum(ikm.workers_total for ikm in ikms)
    assert figures.investment == sum(ikm.investment for ikm in ikms)
    for code in ("pirt", "nib", "halal"):
        valid = licences.in_effective_status(LicenceStatus.ISSUED, TODAY).filter(licence_type=code)
        assert figures.covered.get(code, 0) == valid.values("ikm").distinct().count()
    for days in (30, 60, 90):
        assert figures.expiring[days] == licences.expiring_within(days, TODAY).count()
    cases = case_queue(user=user, today=TODAY)
    assert figures.open_cases == cases.open().count()
    assert figures.overdue_cases == cases.filter(is_overdue=True).count()


def test_banjarbaru_officer_sees_only_banjarbarus_figures(users, banjarmasin_data, banjarbaru_data):
    figures = dashboards.city_dashboard(user=users["other_city_officer"], today=TODAY).figures
    assert (figures.sentras, figures.ikms, figures.workers, figures.investment) == (
        1,
        2,
        25,
        3_000_000,
    )
    assert figures.covered == {"nib": 1, "pirt": 1}
    assert figures.expiring == {30: 1, 60: 1, 90: 1}
    assert (figures.open_cases, figures.overdue_cases) == (1, 0)


def test_an_empty_city_shows_zeros(users):
    figures = dashboards.city_dashboard(user=users["officer"], today=TODAY).figures
    assert (figures.sentras, figures.ikms, figures.workers, figures.investment) == (0, 0, 0, 0)
    assert figures.expiring == {30: 0, 60: 0, 90: 0}
    assert (figures.open_cases, figures.naik_kelas) == (0, 0)


# The province dashboard


@pytest.fixture
def counted(banjarmasin_data, banjarbaru_data):
    """Both cities' data, and the worker's count of the city summaries over it."""
    city_summaries_count(today=TODAY)


def test_province_figures_per_city_and_total(users, counted):
    board = dashboards.province_dashboard(user=users["provincial_officer"], today=TODAY)
    cities = {column.city.code: column.figures for column in board.cities}
    assert "63.71" in cities and "63.72" in cities
    assert all(code.startswith("63.") for code in cities)
    bjm, bjb = cities["63.71"], cities["63.72"]
    assert (bjm.sentras, bjm.ikms, bjm.workers, bjm.investment) == (2, 3, 10, 125_000_000)
    assert (bjb.sentras, bjb.ikms, bjb.workers, bjb.investment) == (1, 2, 25, 3_000_000)
    assert bjm.covered == {"pirt": 2, "nib": 2}
    assert bjb.covered == {"nib": 1, "pirt": 1}
    assert bjm.expiring == {30: 1, 60: 2, 90: 2}
    assert bjb.expiring == {30: 1, 60: 1, 90: 1}
    assert (bjm.open_cases, bjm.overdue_cases, bjb.open_cases, bjb.overdue_cases) == (3, 2, 1, 0)
    # Every other city of the province shows, with zeros.
    others = [figures for code, figures in cities.items() if code not in ("63.71", "63.72")]
    assert others and all(figures.ikms == 0 and figures.sentras == 0 for figures in others)
    total = board.total
    assert (total.sentras, total.ikms, total.workers, total.investment) == (3, 5, 35, 128_000_000)
    assert total.covered == {"pirt": 3, "nib": 3}
    assert total.expiring == {30: 2, 60: 3, 90: 3}
    assert (total.open_cases, total.overdue_cases) == (4, 2)
    coverage = {row.licence_type.code: (row.ikms, row.of) for row in board.coverage}
    assert coverage["nib"] == (3, 5)
    per_city = {
        column.city.code: {row.licence_type.code: row.ikms for row in column.coverage}
        for column in board.cities
    }
    assert per_city["63.72"]["nib"] == 1 and per_city["63.71"]["halal"] == 0


def test_province_total_matches_the_querysets(users, counted):
    user = users["provincial_officer"]
    total = dashboards.province_dashboard(user=user, today=TODAY).total
    assert total.ikms == Ikm.objects.visible_to(user).count()
    assert total.sentras == Sentra.objects.visible_to(user).count()
    licences = Licence.objects.visible_to(user)
    for days in (30, 60, 90):
        assert total.expiring[days] == licences.expiring_within(days, TODAY).count()
    assert total.open_cases == case_queue(user=user, today=TODAY).open().count()


def test_province_registry_figures_are_those_of_the_last_count(client, users, counted):
    user = users["provincial_officer"]
    IkmFactory(banjarbaru=True)  # registered after the count
    board = dashboards.province_dashboard(user=user, today=TODAY)
    assert board.total.ikms == 5
    assert board.counted_at == CitySummary.objects.get(city="63.72").counted_at
    client.force_login(user)
    assert "penghitungan pada" in client.get(URL).content.decode()  # the page says when
    city_summaries(timestamp=0)  # the worker's periodic task counts again
    assert dashboards.province_dashboard(user=user, today=TODAY).total.ikms == 6


def test_province_dashboard_says_when_nothing_was_counted_yet(client, users, banjarmasin_data):
    board = dashboards.province_dashboard(user=users["provincial_officer"], today=TODAY)
    assert board.counted_at is None
    assert board.total.ikms == 0
    assert board.total.open_cases == 3  # live figures do not wait for the count
    client.force_login(users["provincial_officer"])
    assert "belum dihitung" in client.get(URL).content.decode()


# Naik kelas: a higher class or a wider market reach than the previous recorded year


MEDIUM = {"workers_male": 20, "workers_female": 5}  # more than 19 workers: a medium industry


def _history(*years, city=None):
    """An IKM with one yearly record per (year, fields) pair."""
    ikm = IkmFactory(**({"banjarbaru": True} if city == "63.72" else {}))
    for year, fields in years:
        YearlySnapshotFactory(ikm=ikm, year=year, **fields)
    return ikm


def test_naik_kelas_at_its_boundaries(users):
    class_up = _history((2025, {}), (2026, MEDIUM))
    reach_up = _history((2025, {}), (2026, {"market_reach": "regional"}))
    both = _history((2024, {}), (2026, {**MEDIUM, "market_reach": "national"}))
    _history((2025, MEDIUM), (2026, MEDIUM))  # nothing changed
    _history((2026, {**MEDIUM, "market_reach": "export"}))  # first year only
    _history((2025, MEDIUM), (2026, {"market_reach": "regional"}))  # class down, reach up
    _history((2025, {"market_reach": "national"}), (2026, MEDIUM))  # class up, reach down
    _history((2024, {}), (2025, MEDIUM))  # rose, but not this year
    _history((2024, MEDIUM), (2025, {}), (2026, MEDIUM))  # back up against the year before
    _history((2025, {}), (2026, MEDIUM), city="63.72")  # another city
    user = users["officer"]
    rising = dashboards.naik_kelas(user=user, year=2026)
    assert set(rising.values_list("ikm__name", flat=True)) >= {
        class_up.name,
        reach_up.name,
        both.name,
    }
    assert rising.count() == 6
    figures = dashboards.naik_kelas_figures(user=user, year=2026)
    assert figures == {"naik_kelas": 6, "class_up": 4, "reach_up": 3}
    assert dashboards.city_dashboard(user=user, today=TODAY).figures.naik_kelas == 6
    assert dashboards.naik_kelas_figures(user=user, year=2025)["naik_kelas"] == 1
    province = dashboards.province_dashboard(user=users["provincial_officer"], today=TODAY)
    per_city = {column.city.code: column.figures.naik_kelas for column in province.cities}
    assert (per_city["63.71"], per_city["63.72"], province.total.naik_kelas) == (6, 1, 7)


def test_naik_kelas_agrees_with_the_ikm_timeline(users):
    from registry.selectors_records import yearly_timeline

    ikms = [
        _history((2025, {}), (2026, MEDIUM)),
        _history((2025, MEDIUM), (2026, {})),
        _history((2024, {}), (2026, {"market_reach": "export"})),
        _history((2026, MEDIUM)),
    ]
    rising = set(
        dashboards.naik_kelas(user=users["officer"], year=2026).values_list("ikm", flat=True)
    )
    for ikm in ikms:
        latest = yearly_timeline(ikm=ikm)[-1]
        assert (ikm.pk in rising) == (latest.class_up or latest.reach_up)


# The pages


def _links(response) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', response.content.decode())]


def _params(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def _cell(response, table_id: str, row_attr: str, row_value: str) -> str:
    html = response.content.decode()
    table = html[html.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    row = table[table.index(f'{row_attr}="{row_value}"') :]
    return row[: row.index("</tr>")]


def test_city_dashboard_page_shows_the_figures_with_links(client, users, banjarmasin_data):
    client.force_login(users["officer"])
    response = client.get(URL)
    assert response.status_code == 200
    assert "guidance/dashboard_city.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Rp 125.000.000" in html
    assert 'class="bar-chart"' in html and 'aria-hidden="true"' in html
    assert "style=" not in html.split("<main", 1)[-1]
    links = _links(response)
    assert "/perizinan/?licence_type=pirt&status=issued" in links
    assert "/perizinan/?expiring=30" in links
    assert f"/pendampingan/?queue=overdue&officer={users['officer'].pk}" in links
    assert "/pendampingan/?queue=unassigned" in links
    # The window's cell shows the count of the list it links to.
    row = _cell(response, "expiring-table", "data-days", "60")
    assert re.search(r">\s*2\s*<", row)


def test_every_dashboard_link_opens_its_list(client, users, counted):
    for role in ("officer", "provincial_officer"):
        client.force_login(users[role])
        response = client.get(URL)
        targets = [
            link
            for link in _links(response)
            if link.startswith(("/registri/", "/perizinan/", "/pendampingan/"))
        ]
        assert len(targets) > 10
        for link in set(targets):
            assert client.get(link).status_code == 200, link


def test_dashboard_links_count_what_the_figures_say(users, counted):
    """The filtered list behind a figure holds what the figure counts."""
    user = users["provincial_officer"]
    board = dashboards.province_dashboard(user=user, today=TODAY)
    bjb = next(column for column in board.cities if column.city.code == "63.72")
    ikms = IkmFilter({"city": "63.72"}, queryset=Ikm.objects.visible_to(user), user=user)
    assert ikms.qs.count() == bjb.figures.ikms == 2
    for days in (30, 60, 90):
        licences = LicenceFilter(
            {"city": "63.72", "expiring": str(days)},
            queryset=Licence.objects.visible_to(user),
            user=user,
            today=TODAY,
        )
        assert licences.qs.count() == bjb.figures.expiring[days]
    issued_nib = LicenceFilter(
        {"city": "63.72", "licence_type": "nib", "status": "issued"},
        queryset=Licence.objects.visible_to(user),
        user=user,
        today=TODAY,
    )
    assert issued_nib.qs.values("ikm").distinct().count() == bjb.figures.covered["nib"]
    officer = users["officer"]
    city_board = dashboards.city_dashboard(user=officer, today=TODAY)
    for queue, expected in (("open", 3), ("overdue", 2)):
        cases = CaseQueueFilter(
            {"queue": queue}, queryset=case_queue(user=officer, today=TODAY), user=officer
        )
        assert cases.qs.count() == expected
    assert (city_board.figures.open_cases, city_board.figures.overdue_cases) == (3, 2)
    mine = CaseQueueFilter(
        {"queue": "overdue", "officer": str(officer.pk)},
        queryset=case_queue(user=officer, today=TODAY),
        user=officer,
    )
    load = next(row for row in city_board.officer_load if row.officer == officer)
    assert mine.qs.count() == load.overdue


def test_province_dashboard_page_compares_cities(client, users, counted):
    client.force_login(users["provincial_officer"])
    response = client.get(URL)
    assert response.status_code == 200
    assert "guidance/dashboard_province.html" in [t.name for t in response.templates]
    links = _links(response)
    assert "/registri/ikm/?city=63.72" in links
    assert "/perizinan/?city=63.72&expiring=30" in links
    assert "/pendampingan/?queue=open&city=63.71" in links
    assert "/perizinan/?city=63.72&licence_type=nib&status=issued" in links
    row = _cell(response, "cities-table", "data-city", "63.72")
    assert "Rp 3.000.000" in row
    total = _cell(response, "cities-table", "data-city", "total")
    assert "Rp 128.000.000" in total


def test_numbers_are_written_the_indonesian_way(client, users):
    IkmFactory(workers_male=1_250_000, workers_female=0, investment=1_250_000_000)
    client.force_login(users["officer"])
    html = client.get(URL).content.decode()
    assert "1.250.000" in html
    assert "Rp 1.250.000.000" in html


def test_owner_may_not_see_a_dashboard(client, users):
    client.force_login(users["ikm_owner"])
    assert client.get(URL).status_code == 403


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def _add_data(count: int):
    for index in range(count):
        ikm = IkmFactory(**({"banjarbaru": True} if index % 2 else {}))
        LicenceFactory(ikm=ikm)
        YearlySnapshotFactory(ikm=ikm, year=2025)
        YearlySnapshotFactory(ikm=ikm, year=2026, **MEDIUM)
        CaseFactory(ikm=ikm)
        ActivityFactory(starts_on=TODAY)


@pytest.mark.parametrize("role", ["officer", "provincial_officer"])
def test_query_count_does_not_grow_with_the_data(client, users, role):
    _add_data(3)
    city_summaries_count(today=TODAY)
    few = _queries(client, users[role])
    _add_data(27)
    city_summaries_count(today=TODAY)
    assert _queries(client, users[role]) == few
    assert few <= 15  # one aggregate per figure group (activities this year included)


# Activities this year


def test_activities_this_year_per_city_and_total(client, users):
    """Activities visible to the user that start in the dashboard's year, as the activity
    list filtered by that year counts them; per organising city on the province's."""
    from guidance.filters import ActivityFilter
    from guidance.models import Activity
    from tests.factories import OrganisationFactory

    ActivityFactory(starts_on=datetime.date(2026, 1, 1))  # Banjarmasin, first day of the year
    ActivityFactory(starts_on=datetime.date(2026, 12, 31))  # last day
    ActivityFactory(starts_on=datetime.date(2025, 12, 31))  # last year: not counted
    ActivityFactory(city_office=OrganisationFactory(banjarbaru=True))  # Banjarbaru
    ActivityFactory(province=True)  # the province office's own: every city staff sees it
    officer = users["officer"]
    city = dashboards.city_dashboard(user=officer, today=TODAY)
    listed = ActivityFilter({"year": "2026"}, queryset=Activity.objects.visible_to(officer))
    assert city.figures.activities == listed.qs.count() == 3
    province = dashboards.province_dashboard(user=users["provincial_officer"], today=TODAY)
    per_city = {column.city.code: column.figures.activities for column in province.cities}
    assert (per_city["63.71"], per_city["63.72"], province.total.activities) == (2, 1, 4)
    client.force_login(officer)
    links = _links(client.get(URL))
    assert "/pendampingan/kegiatan/?year=2026" in links
    assert "/pendampingan/naik-kelas/?tahun=2026" in links
    client.force_login(users["provincial_officer"])
    response = client.get(URL)
    assert "/pendampingan/naik-kelas/?tahun=2026&city=63.72" in _links(response)
    assert re.search(r">\s*1\s*<", _cell(response, "cities-table", "data-city", "63.72"))


def test_a_provinces_expiring_licences_can_be_counted_from_an_index_alone(users):
    """The expiring figures count what an index holds (the dates, by city), never the ids:
    with the table out of reach, PostgreSQL can answer from an index alone."""
    LicenceFactory(valid_until=timezone.localdate() + datetime.timedelta(days=20))
    with CaptureQueriesContext(connection) as counted:
        dashboards.expiring_figures(
            user=users["provincial_officer"], today=timezone.localdate(), by_city=True
        )
    (statement,) = [query["sql"] for query in counted.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) {statement}")
        ((plan,),) = cursor.fetchall()
    # Which index PostgreSQL scans for one row varies (with no statistics, the city's index
    # for a province's LIKE ties with the others): what matters is that the statement reads
    # nothing that the (status, valid until, city) index does not hold.
    (scan,) = _nodes_reading(plan[0]["Plan"], "licensing_licence")
    read = {column.rsplit(".", 1)[-1] for column in scan["Output"]}
    assert read <= {"status", "valid_until", "city_id"}, scan
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(attname ORDER BY attnum) FROM pg_attribute "
            "WHERE attrelid = 'licence_status_valid_city_idx'::regclass"
        )
        ((indexed,),) = cursor.fetchall()
    assert read <= set(indexed), indexed


def _nodes_reading(node: dict, table: str) -> list[dict]:
    found = [node] if node.get("Relation Name") == table else []
    for child in node.get("Plans", []):
        found += _nodes_reading(child, table)
    return found
