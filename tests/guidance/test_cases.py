"""Asking the office for help: the request form, its permissions, and the case pages."""

import pytest
from django.core.exceptions import PermissionDenied

from guidance import services
from guidance.constants import CaseStatus
from guidance.models import Case, CaseEntry
from guidance.transitions import TRANSITIONS, check_transition
from sentra_portal.errors import InvalidTransition
from tests.factories import CaseFactory, IkmFactory, UserFactory, licence_type

pytestmark = pytest.mark.django_db


def test_owner_asks_for_help_with_a_trademark(client, users):
    owner = users["ikm_owner"]
    ikm = IkmFactory(owners=[owner])
    client.force_login(owner)

    response = client.post(
        "/pendampingan/minta/",
        {
            "ikm": ikm.pk,
            "goal": "licence",
            "licence_type": licence_type("merek").pk,
            "description": "Mohon bantuan pendaftaran merek.",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert (case.ikm, case.status, case.requested_by, case.licence_type.code) == (
        ikm,
        CaseStatus.SUBMITTED,
        owner,
        "merek",
    )
    entry = CaseEntry.objects.get(case=case)
    assert (entry.to_status, entry.author) == (CaseStatus.SUBMITTED, owner)


def test_the_form_is_prefilled_from_the_link_of_a_licence(client, users):
    owner = users["ikm_owner"]
    ikm = IkmFactory(owners=[owner])
    client.force_login(owner)

    form = client.get(f"/pendampingan/minta/?ikm={ikm.pk}&jenis=pirt").context["form"]

    assert form["ikm"].value() == str(ikm.pk)
    assert form["licence_type"].value() == licence_type("pirt").pk


def test_a_licence_goal_without_the_licence_type_is_refused_and_nothing_saved(client, users):
    owner = users["ikm_owner"]
    ikm = IkmFactory(owners=[owner])
    client.force_login(owner)

    response = client.post(
        "/pendampingan/minta/", {"ikm": ikm.pk, "goal": "licence", "description": "Tolong."}
    )

    assert response.status_code == 200
    assert "licence_type" in response.context["form"].errors
    assert not Case.objects.exists()


def test_another_goal_drops_a_licence_type_sent_with_it(users):
    owner = users["ikm_owner"]
    case = services.case_request(
        actor=owner,
        ikm=IkmFactory(owners=[owner]),
        goal="packaging",
        licence_type=licence_type("merek"),
        description="Kemasan baru.",
    )
    assert case.licence_type is None


def test_owner_cannot_ask_for_another_owners_ikm(client, users):
    owner = users["ikm_owner"]
    IkmFactory(owners=[owner])
    someone_elses = IkmFactory(owners=[UserFactory(owner=True)])
    client.force_login(owner)

    response = client.post(
        "/pendampingan/minta/",
        {"ikm": someone_elses.pk, "goal": "marketing", "description": "Pemasaran."},
    )

    assert response.status_code == 200
    assert "ikm" in response.context["form"].errors
    assert not Case.objects.exists()


def test_officer_opens_a_case_for_an_ikm_of_the_city_only(users):
    officer = users["officer"]
    case = services.case_request(
        actor=officer, ikm=IkmFactory(), goal="financing", description="KUR."
    )
    assert case.requested_by == officer
    with pytest.raises(PermissionDenied):
        services.case_request(
            actor=users["other_city_officer"],
            ikm=IkmFactory(),
            goal="financing",
            description="KUR.",
        )


def test_owner_reads_their_case_but_not_another_owners(client, users):
    owner = users["ikm_owner"]
    mine = CaseFactory(ikm=IkmFactory(owners=[owner]))
    theirs = CaseFactory(ikm=IkmFactory(owners=[UserFactory(owner=True)]))
    client.force_login(owner)

    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_case_list_shows_open_cases_of_the_city_with_days_open(client, users):
    open_case = CaseFactory()
    done = CaseFactory(status="cancelled")
    elsewhere = CaseFactory(ikm=IkmFactory(banjarbaru=True))
    client.force_login(users["officer"])

    rows = client.get("/pendampingan/?queue=open").context["page"].object_list

    assert [case.pk for case in rows] == [open_case.pk]
    assert rows[0].days_open == 0
    assert done not in rows and elsewhere not in rows


def test_case_list_query_count_does_not_grow(client, users, django_assert_max_num_queries):
    client.force_login(users["officer"])
    CaseFactory.create_batch(2)
    with django_assert_max_num_queries(14) as few:
        client.get("/pendampingan/")
    CaseFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/pendampingan/")


@pytest.mark.parametrize(("current", "allowed"), TRANSITIONS.items())
def test_transition_table_allows_exactly_its_entries(current, allowed):
    for target in CaseStatus.values:
        if target in allowed:
            check_transition(current, target)
        else:
            with pytest.raises(InvalidTransition):
                check_transition(current, target)


def test_the_database_keeps_the_ikms_city_on_the_case():
    case = CaseFactory(ikm=IkmFactory(banjarbaru=True))
    case.refresh_from_db()
    assert case.city_id == "63.72"
    Case.objects.filter(pk=case.pk).update(city_id="63.71")
    case.refresh_from_db()
    assert case.city_id == "63.72"
