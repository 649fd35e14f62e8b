"""The case page and its actions per role, documents by URL, the overdue limits page and the
guidance panel of the IKM page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guidance import services
from guidance.constants import CaseEntryKind, CaseStatus
from guidance.models import CaseDocument, CaseEntry, OverdueRule
from licensing.dates import office_today
from sentra_portal.constants import Role
from tests.factories import (
    CaseDocumentFactory,
    CaseFactory,
    IkmFactory,
    LicenceFactory,
    UserFactory,
    licence_type,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n%desain\n"


@pytest.fixture
def ikm(users):
    return IkmFactory(owners=[users["ikm_owner"]], name="Amplang Haruan")


def _case(ikm, users, status=CaseStatus.SUBMITTED, **kwargs):
    fields = {"ikm": ikm, "requested_by": users["ikm_owner"], "status": status, **kwargs}
    if status != CaseStatus.SUBMITTED:
        fields.setdefault("assigned_to", users["officer"])
    if status == CaseStatus.DONE:
        fields.setdefault("outcome", "succeeded")
    return CaseFactory(**fields)


def _offered(client, case):
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return {action.name for action, _form in response.context["actions"]}


def _post(client, case, action, data=None):
    return client.post(f"/pendampingan/{case.pk}/tindakan/{action}/", data or {})


# What each role is offered


STAFF_WORK = {"note", "visit", "document", "licence"}


@pytest.mark.parametrize(
    ("status", "role", "offered"),
    [
        ("submitted", "supervisor", {"assign", "cancel"} | STAFF_WORK),
        ("submitted", "administrator", {"assign", "cancel"} | STAFF_WORK),
        ("submitted", "officer", STAFF_WORK),
        ("submitted", "ikm_owner", {"note", "document", "cancel"}),
        ("submitted", "provincial_officer", set()),
        ("assigned", "officer", {"start"} | STAFF_WORK),
        ("assigned", "ikm_owner", {"note", "document"}),
        ("in_progress", "officer", {"close"} | STAFF_WORK),
        ("in_progress", "supervisor", {"assign", "close", "cancel"} | STAFF_WORK),
        ("done", "officer", {"note", "licence"}),
        ("done", "ikm_owner", set()),
        ("cancelled", "supervisor", {"note"}),
    ],
)
def test_each_role_is_offered_what_it_may_do_now(client, users, ikm, status, role, offered):
    case = _case(ikm, users, status)
    client.force_login(users[role])

    assert _offered(client, case) == offered
    page = client.get(case.get_absolute_url()).content.decode()
    for name in offered:
        assert f'data-action="{name}"' in page


def test_the_owner_sees_the_status_and_the_officers_name(client, users, ikm):
    officer = users["officer"]
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    client.force_login(users["ikm_owner"])

    page = client.get(case.get_absolute_url()).content.decode()

    assert 'data-status="in_progress"' in page
    assert f'<dd class="case-officer">{officer}</dd>' in page
    assert "overdue-badge" not in page


# Taking actions


def test_the_supervisor_assigns_a_request_from_the_page(client, users, ikm):
    case = _case(ikm, users)
    client.force_login(users["supervisor"])

    response = _post(client, case, "assign", {"assign-officer": users["officer"].pk})

    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == ("assigned", users["officer"])


def test_a_step_the_case_can_no_longer_take_is_explained_and_changes_nothing(client, users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(users["officer"])
    assert _post(client, case, "start").status_code == 302

    response = _post(client, case, "start")  # from a page opened before the first click

    assert response.status_code == 200
    failed = {action.name: form for action, form in response.context["actions"]}["start"]
    assert failed.non_field_errors()
    assert 'id="action-start" data-action="start" open' in response.content.decode()
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert CaseEntry.objects.filter(case=case).count() == 1


def test_the_owner_who_cancels_too_late_is_told_why(client, users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(users["ikm_owner"])

    response = _post(client, case, "cancel", {"cancel-reason": "Tidak jadi."})

    assert response.status_code == 200
    failed = {action.name: form for action, form in response.context["actions"]}["cancel"]
    assert failed.non_field_errors()
    case.refresh_from_db()
    assert case.status == "assigned"


def test_closing_without_a_note_shows_the_error_on_the_field(client, users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    client.force_login(users["officer"])

    response = _post(client, case, "close", {"close-outcome": "succeeded", "close-note": ""})

    assert response.status_code == 200
    failed = {action.name: form for action, form in response.context["actions"]}["close"]
    assert "note" in failed.errors
    case.refresh_from_db()
    assert case.status == "in_progress"


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("other_city_officer", 404),
        ("other_owner", 404),
        ("provincial_officer", 403),
        ("anonymous", 302),
    ],
)
def test_outsiders_cannot_act_on_a_case(client, users, ikm, role, status_code):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    if role == "other_owner":
        client.force_login(IkmFactory(owners=[UserFactory(owner=True)]).owners.get())
    elif role != "anonymous":
        client.force_login(users[role])

    response = _post(client, case, "note", {"note-text": "Masuk."})

    assert response.status_code == status_code
    assert not CaseEntry.objects.exists()


def test_an_officer_who_is_not_assigned_cannot_start_the_case(client, users, ikm, banjarmasin):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(UserFactory(role=Role.OFFICER, organisation=banjarmasin))

    assert _post(client, case, "start").status_code == 403
    case.refresh_from_db()
    assert case.status == "assigned"


def test_an_unknown_action_is_not_found(client, users, ikm):
    client.force_login(users["supervisor"])
    assert _post(client, _case(ikm, users), "delete").status_code == 404


def test_the_officer_records_a_visit_and_links_the_filed_trademark(client, users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    application = LicenceFactory(
        ikm=ikm, licence_type=licence_type("merek"), applied=True, number="DID2026012345"
    )
    client.force_login(users["officer"])

    visit = {
        "visit-date": office_today().isoformat(),
        "visit-place": "Rumah produksi",
        "visit-attendees": "Ibu Rahmah",
        "visit-note": "Berkas merek dilengkapi.",
    }
    assert _post(client, case, "visit", visit).status_code == 302
    assert _post(client, case, "licence", {"licence-licence": application.pk}).status_code == 302

    client.force_login(users["ikm_owner"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'data-licence="{application.pk}"' in page
    assert "DID2026012345" in page
    assert 'data-entry-kind="visit"' in page
    assert "Rumah produksi" in page


def test_a_reassignment_shows_both_officers_on_the_timeline(client, users, ikm, banjarmasin):
    colleague = UserFactory(
        role=Role.OFFICER, organisation=banjarmasin, first_name="Siti", last_name="Aminah"
    )
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    services.case_assign(actor=users["supervisor"], case=case, officer=colleague)
    client.force_login(users["supervisor"])

    page = client.get(case.get_absolute_url()).content.decode()

    assert 'data-entry-kind="reassign"' in page
    assert str(users["officer"]) in page and "Siti Aminah" in page


# Documents


def test_the_owner_uploads_a_document_that_only_those_who_see_the_case_download(client, users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(users["ikm_owner"])
    upload = SimpleUploadedFile("Desain label.pdf", PDF_BYTES, content_type="application/pdf")

    response = _post(client, case, "document", {"document-uploaded_file": upload})

    assert response.status_code == 302
    document = CaseDocument.objects.get(case=case)
    url = document.get_absolute_url()
    assert url == f"/pendampingan/{case.pk}/dokumen/{document.pk}/"
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "Desain label.pdf" in download["Content-Disposition"]
    assert url in client.get(case.get_absolute_url()).content.decode()

    other_owner = UserFactory(owner=True)
    IkmFactory(owners=[other_owner])
    for outsider in (users["other_city_officer"], other_owner):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(users["provincial_officer"])
    assert client.get(url).status_code == 200


def test_a_document_is_not_found_under_another_case(client, users, ikm):
    document = CaseDocumentFactory(case=_case(ikm, users))
    other_case = _case(ikm, users)
    client.force_login(users["ikm_owner"])

    assert client.get(f"/pendampingan/{other_case.pk}/dokumen/{document.pk}/").status_code == 404


def test_a_file_that_is_not_a_document_is_refused_on_the_page(client, users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(users["officer"])
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")

    response = _post(client, case, "document", {"document-uploaded_file": upload})

    assert response.status_code == 200
    failed = {action.name: form for action, form in response.context["actions"]}["document"]
    assert "uploaded_file" in failed.errors
    assert not CaseDocument.objects.exists()


# Query counts


def _fill_timeline(case, users, times):
    officer = users["officer"]
    for n in range(times):
        services.case_add_note(actor=officer, case=case, text=f"Catatan {n}")
        services.case_record_visit(
            actor=officer, case=case, date=office_today(), place="Kuin", attendees="Pemilik"
        )
        CaseEntry.objects.create(
            case=case,
            kind=CaseEntryKind.DOCUMENT,
            document=CaseDocumentFactory(case=case, uploaded_by=officer),
            author=officer,
        )
        services.case_link_licence(
            actor=officer, case=case, licence=LicenceFactory(ikm=case.ikm, applied=True)
        )


@pytest.mark.parametrize("role", ["officer", "supervisor", "ikm_owner"])
def test_case_page_queries_do_not_grow_with_the_timeline(
    client, users, ikm, role, django_assert_max_num_queries
):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    _fill_timeline(case, users, 1)
    client.force_login(users[role])
    with django_assert_max_num_queries(12) as few:
        client.get(case.get_absolute_url())
    _fill_timeline(case, users, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(case.get_absolute_url())


# The administrator's overdue limits


def test_the_administrator_sets_the_overdue_limits(client, users, banjarmasin):
    client.force_login(users["administrator"])
    form = client.get("/pendampingan/batas-waktu/").context["form"]
    assert form["packaging"].value() == 14

    data = {goal: 14 for goal in form.fields} | {"packaging": 5, "licence": 45}
    response = client.post("/pendampingan/batas-waktu/", data)

    assert response.status_code == 302
    rules = dict(OverdueRule.objects.filter(organisation=banjarmasin).values_list("goal", "days"))
    assert (rules["packaging"], rules["licence"]) == (5, 45)
    assert client.get("/pendampingan/batas-waktu/").context["form"]["licence"].value() == 45


def test_a_limit_of_zero_days_is_refused_and_nothing_saved(client, users):
    client.force_login(users["administrator"])
    data = {goal: 14 for goal in ("licence", "packaging", "quality", "marketing", "financing")}
    response = client.post("/pendampingan/batas-waktu/", data | {"other": 0})

    assert response.status_code == 200
    assert "other" in response.context["form"].errors
    assert not OverdueRule.objects.exists()


# The guidance panel of the IKM page


def test_the_ikm_page_lists_its_cases_open_first_with_a_link_to_open_one(client, users, ikm):
    done = _case(ikm, users, CaseStatus.DONE)
    waiting = _case(ikm, users)
    working = _case(ikm, users, CaseStatus.IN_PROGRESS)
    CaseFactory()  # another IKM's
    client.force_login(users["officer"])

    response = client.get(ikm.get_absolute_url())
    page = response.content.decode()

    positions = [page.index(f'data-case="{case.pk}"') for case in (working, waiting, done)]
    assert positions == sorted(positions)
    assert page.count("data-case=") == 3
    assert f"/pendampingan/minta/?ikm={ikm.pk}" in page


def test_the_province_reads_the_ikms_cases_without_a_link_to_open_one(client, users, ikm):
    case = _case(ikm, users)
    client.force_login(users["provincial_officer"])

    page = client.get(ikm.get_absolute_url()).content.decode()

    assert f'data-case="{case.pk}"' in page
    assert "/pendampingan/minta/" not in page


def test_the_owner_sees_their_cases_on_the_ikm_page(client, users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    client.force_login(users["ikm_owner"])

    page = client.get(ikm.get_absolute_url()).content.decode()

    assert case.get_absolute_url() in page
    assert str(users["officer"]) in page
