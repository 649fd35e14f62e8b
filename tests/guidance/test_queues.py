"""The staff's work queues: which case is in which queue, overdue by the office's limit per
goal (with frozen time), days open, the load per officer, pagination and query counts."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.db import connection

from guidance.models import Case
from guidance.selectors import case_queue
from sentra_portal.constants import Role
from tests.factories import CaseFactory, IkmFactory, OverdueRuleFactory, UserFactory

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
ASKED = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=WITA)


def _at(day: int, hour: int = 9, minute: int = 0):
    """`day` days after the day of ASKED, at that time in WITA; time stands still."""
    moment = ASKED.replace(hour=hour, minute=minute) + datetime.timedelta(days=day)
    return time_machine.travel(moment, tick=False)


def _asked(**kwargs):
    """A case asked for at ASKED."""
    with time_machine.travel(ASKED, tick=False):
        return CaseFactory(**kwargs)


def _rows(client, query=""):
    response = client.get(f"/pendampingan/{query}")
    assert response.status_code == 200
    return [case.pk for case in response.context["page"].object_list]


def _overdue_pks(user):
    return set(case_queue(user=user).filter(is_overdue=True).values_list("pk", flat=True))


# Overdue


def test_a_case_is_overdue_once_open_longer_than_the_default_fourteen_days(client, users):
    case = _asked()
    client.force_login(users["supervisor"])

    with _at(14, hour=23, minute=59):  # open 14 days: not yet
        assert _rows(client, "?queue=overdue") == []
        assert _rows(client, "?queue=open") == [case.pk]
    with _at(15, hour=0, minute=1):  # the 15th day in Banjarmasin (still the 14th in UTC)
        assert _rows(client, "?queue=overdue") == [case.pk]
        row = client.get("/pendampingan/?queue=overdue").context["page"].object_list[0]
        assert (row.days_open, row.overdue_days) == (15, 14)


def test_the_offices_limit_per_goal_decides(client, users, banjarmasin, banjarbaru):
    OverdueRuleFactory(organisation=banjarmasin, goal="packaging", days=3)
    OverdueRuleFactory(organisation=banjarbaru, goal="licence", days=1)  # not Banjarmasin's
    packaging = _asked(goal="packaging", licence_type=None)
    trademark = _asked()
    elsewhere = _asked(ikm=IkmFactory(banjarbaru=True))

    with _at(3):
        assert _overdue_pks(users["supervisor"]) == set()
    with _at(4):
        assert _overdue_pks(users["supervisor"]) == {packaging.pk}
        assert _overdue_pks(users["other_city_officer"]) == {elsewhere.pk}
        # The province sees each case against its own city's limits.
        assert _overdue_pks(users["provincial_officer"]) == {packaging.pk, elsewhere.pk}
    with _at(15):
        assert _overdue_pks(users["supervisor"]) == {packaging.pk, trademark.pk}


def test_a_closed_case_is_never_overdue(users):
    _asked(status="cancelled")
    _asked(status="done", outcome="succeeded", assigned_to=users["officer"])
    with _at(60):
        assert _overdue_pks(users["supervisor"]) == set()


# Queues


@pytest.fixture
def queue_cases(users, banjarmasin):
    colleague = UserFactory(role=Role.OFFICER, organisation=banjarmasin)
    return {
        "mine": _asked(status="assigned", assigned_to=users["officer"]),
        "mine_started": _asked(status="in_progress", assigned_to=users["officer"]),
        "colleagues": _asked(status="assigned", assigned_to=colleague),
        "unassigned": _asked(),
        "mine_done": _asked(status="done", outcome="succeeded", assigned_to=users["officer"]),
        "cancelled": _asked(status="cancelled"),
        "elsewhere": _asked(ikm=IkmFactory(banjarbaru=True)),
        "colleague": colleague,
    }


def test_each_queue_holds_its_cases(client, users, queue_cases):
    c = queue_cases
    client.force_login(users["officer"])

    with _at(1):
        assert _rows(client) == [c["mine"].pk, c["mine_started"].pk]  # officers: mine first
        assert _rows(client, "?queue=mine") == [c["mine"].pk, c["mine_started"].pk]
        assert _rows(client, "?queue=unassigned") == [c["unassigned"].pk]
        assert _rows(client, "?queue=open") == [
            c[name].pk for name in ("mine", "mine_started", "colleagues", "unassigned")
        ]
        assert _rows(client, "?queue=closed") == [c["mine_done"].pk, c["cancelled"].pk]
        assert _rows(client, "?queue=overdue") == []
        assert _rows(client, f"?queue=open&officer={c['colleague'].pk}") == [c["colleagues"].pk]


def test_supervisors_start_on_all_open_cases(client, users, queue_cases):
    client.force_login(users["supervisor"])
    response = client.get("/pendampingan/")
    assert response.context["queue"] == "open"
    assert len(response.context["page"].object_list) == 4


def test_the_province_sees_both_cities_and_has_no_queue_of_its_own(client, users, queue_cases):
    client.force_login(users["provincial_officer"])

    response = client.get("/pendampingan/")

    assert len(response.context["page"].object_list) == 5
    assert "mine" not in [value for value, _label, _url in response.context["queue_tabs"]]
    assert _rows(client, "?queue=mine") == []  # not a queue of theirs: nothing, not everything


def test_an_unknown_queue_shows_nothing(client, users, queue_cases):
    client.force_login(users["supervisor"])
    assert _rows(client, "?queue=everything") == []


def test_rows_show_the_days_open_and_mark_overdue_ones(client, users):
    old = _asked()
    client.force_login(users["supervisor"])

    with _at(20):
        recent = CaseFactory()
        page = client.get("/pendampingan/").content.decode()
        rows = client.get("/pendampingan/").context["page"].object_list
        shown = [(case.pk, case.days_open, case.is_overdue) for case in rows]

    assert shown == [(old.pk, 20, True), (recent.pk, 0, False)]
    assert f'data-case="{old.pk}" class="case-overdue"' in page
    assert 'data-days-open="20"' in page


def test_pages_follow_one_another_without_gaps(client, users):
    for _ in range(30):
        CaseFactory()
    client.force_login(users["supervisor"])

    first = client.get("/pendampingan/")
    second = client.get(f"/pendampingan/{first.context['page_links'].next}")

    first_pks = [case.pk for case in first.context["page"].object_list]
    second_pks = [case.pk for case in second.context["page"].object_list]
    assert len(first_pks) == 25 and len(second_pks) == 5
    assert first_pks + second_pks == sorted(first_pks + second_pks)
    assert second.context["page_links"].next is None


# Load per officer


def test_supervisors_see_open_and_overdue_cases_per_officer(client, users, queue_cases):
    c = queue_cases
    idle = UserFactory(role=Role.SUPERVISOR, organisation=users["supervisor"].organisation)
    with time_machine.travel(ASKED + datetime.timedelta(days=10), tick=False):
        CaseFactory(status="assigned", assigned_to=c["colleague"])
    client.force_login(users["supervisor"])

    with _at(16):
        load = client.get("/pendampingan/").context["load"]

    by_officer = {row.officer.pk if row.officer else None: (row.open, row.overdue) for row in load}
    assert by_officer[users["officer"].pk] == (2, 2)
    assert by_officer[c["colleague"].pk] == (2, 1)
    assert by_officer[idle.pk] == (0, 0)
    assert by_officer[users["supervisor"].pk] == (0, 0)
    assert by_officer[None] == (1, 1)  # not assigned yet
    assert users["administrator"].pk not in by_officer  # administrators take no cases
    assert load[-1].officer is None


def test_officers_do_not_see_the_load_table(client, users, queue_cases):
    client.force_login(users["officer"])
    response = client.get("/pendampingan/")
    assert response.context["load"] is None
    assert 'class="officer-load"' not in response.content.decode()


def test_queue_page_queries_do_not_grow_with_cases(client, users, django_assert_max_num_queries):
    client.force_login(users["supervisor"])
    CaseFactory.create_batch(2)
    CaseFactory(status="assigned", assigned_to=users["officer"])
    with django_assert_max_num_queries(16) as few:
        client.get("/pendampingan/")
    officers = UserFactory.create_batch(
        3, role=Role.OFFICER, organisation=users["supervisor"].organisation
    )
    for officer in officers:
        CaseFactory.create_batch(3, status="in_progress", assigned_to=officer)
    CaseFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/pendampingan/")


def _estimated_rows(queryset) -> float:
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def test_postgresql_knows_that_an_officers_cases_are_of_one_city(users):
    """Migration 0007's statistics: without them PostgreSQL multiplies the shares of the
    officer and of the city (here 0.6 × 0.7 of 30 cases: 13), and on a large queue sorts
    every one of the officer's cases for a page instead of reading the city's in order."""
    officer, elsewhere = users["officer"], users["other_city_officer"]
    mine = IkmFactory()
    CaseFactory.create_batch(18, ikm=mine, status="in_progress", assigned_to=officer)
    CaseFactory.create_batch(3, ikm=mine)  # the city's unassigned requests
    CaseFactory.create_batch(9, ikm__banjarbaru=True, status="in_progress", assigned_to=elsewhere)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE guidance_case")

    officers_cases = Case.objects.filter(assigned_to=officer, city=mine.city)
    assert _estimated_rows(officers_cases) == pytest.approx(18, abs=2)


def test_a_citys_open_queue_is_read_in_its_order_from_its_own_index(users):
    """Migration 0008: the page of a city's open cases is read in order and stops when it is
    full; through the (city, status, asked on) index PostgreSQL joined and sorted them all."""
    ikm, elsewhere = IkmFactory(), IkmFactory(banjarbaru=True)
    cases = [
        Case(ikm=place, goal="marketing", status=status, requested_by=users["ikm_owner"])
        for place, status, count in [
            (ikm, "submitted", 300),
            (ikm, "cancelled", 300),
            (elsewhere, "submitted", 300),
        ]
        for _ in range(count)
    ]
    Case.objects.bulk_create(cases)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE guidance_case")
    page = case_queue(user=users["officer"]).open().order_by("-created_at", "-pk")[:26]

    plan = page.explain()

    assert "Index Scan Backward using case_open_city_created_idx" in plan
    assert "Sort" not in plan
