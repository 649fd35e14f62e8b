"""The case workflow's services: the lifecycle along the transition table, who may take each
step, reassignment, the timeline entries, documents, linked licences, overdue limits and the
notifications to the owners."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pghistory.models import Events

from guidance import services
from guidance.constants import CaseEntryKind, CaseStatus
from guidance.models import CaseDocument, CaseEntry, OverdueRule
from guidance.transitions import REASSIGNABLE, TRANSITIONS
from licensing.dates import office_today
from sentra_portal.constants import Role
from sentra_portal.errors import InvalidTransition
from sentra_portal.models import Notification
from tests.factories import (
    PNG_BYTES,
    CaseFactory,
    IkmFactory,
    LicenceFactory,
    OverdueRuleFactory,
    UserFactory,
    licence_type,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n%scan\n"


@pytest.fixture
def people(users, banjarmasin):
    """Everyone a case may meet: the `users` roles, a colleague of the case's officer, and
    the owner of another IKM."""
    return {
        **users,
        "colleague": UserFactory(role=Role.OFFICER, organisation=banjarmasin),
        "other_owner": IkmFactory(owners=[UserFactory(owner=True)]).owners.get(),
    }


@pytest.fixture
def ikm(users):
    return IkmFactory(owners=[users["ikm_owner"]], name="Amplang Haruan")


def _case(ikm, users, status=CaseStatus.SUBMITTED, **kwargs):
    """A case of `ikm` asked by its owner, in `status`, assigned to the officer when past
    submitted."""
    fields = {"ikm": ikm, "requested_by": users["ikm_owner"], "status": status, **kwargs}
    if status != CaseStatus.SUBMITTED:
        fields.setdefault("assigned_to", users["officer"])
    if status == CaseStatus.DONE:
        fields.setdefault("outcome", "succeeded")
    return CaseFactory(**fields)


def _statuses(case):
    entries = CaseEntry.objects.filter(case=case, kind=CaseEntryKind.STATUS)
    return list(entries.values_list("from_status", "to_status"))


# The lifecycle


def test_a_request_goes_from_submitted_to_done_and_each_step_is_recorded(users, ikm):
    owner, supervisor, officer = users["ikm_owner"], users["supervisor"], users["officer"]
    case = services.case_request(
        actor=owner, ikm=ikm, goal="licence", licence_type=licence_type("merek"), description="M"
    )

    services.case_assign(actor=supervisor, case=case, officer=officer)
    services.case_start(actor=officer, case=case)
    closed = services.case_close(actor=officer, case=case, outcome="succeeded", note="Terdaftar.")

    closed.refresh_from_db()
    assert (closed.status, closed.outcome, closed.assigned_to) == ("done", "succeeded", officer)
    assert closed.closed_at is not None
    assert _statuses(case) == [
        ("", "submitted"),
        ("submitted", "assigned"),
        ("assigned", "in_progress"),
        ("in_progress", "done"),
    ]
    entries = CaseEntry.objects.filter(case=case).order_by("pk")
    assert [entry.author for entry in entries] == [owner, supervisor, officer, officer]
    assert entries[1].officer == officer
    assert entries[3].text == "Terdaftar."
    # The row's history names the acting user of each change.
    users_in_history = [
        event.pgh_context["user"]
        for event in Events.objects.tracks(closed).order_by("pgh_created_at", "pgh_id")
    ]
    assert users_in_history == [owner.pk, supervisor.pk, officer.pk, officer.pk]


STEPS = {
    # service, its target, who takes it (always someone allowed to), its input
    "assign": (services.case_assign, CaseStatus.ASSIGNED, "supervisor", {}),
    "start": (services.case_start, CaseStatus.IN_PROGRESS, "officer", {}),
    "close": (services.case_close, CaseStatus.DONE, "supervisor", {"outcome": "succeeded"}),
    "cancel": (services.case_cancel, CaseStatus.CANCELLED, "supervisor", {"reason": "Batal."}),
}


@pytest.mark.parametrize("current", CaseStatus.values)
@pytest.mark.parametrize("step", STEPS)
def test_each_step_is_allowed_exactly_where_the_transition_table_allows_it(
    people, ikm, current, step
):
    service, target, role, extra = STEPS[step]
    # Every case has its officer, so that the step's actor may always take it.
    case = _case(ikm, people, current, assigned_to=people["officer"])
    kwargs = {"actor": people[role], "case": case, **extra}
    if step == "assign":
        kwargs["officer"] = people["colleague"]
    if step == "close":
        kwargs["note"] = "Selesai."
    # Reassignment keeps the status: an assigned or in-progress case may get another officer.
    allowed = target in TRANSITIONS[current] or (step == "assign" and current in REASSIGNABLE)

    if allowed:
        service(**kwargs)
        case.refresh_from_db()
        assert case.status == (current if current in REASSIGNABLE and step == "assign" else target)
    else:
        entries_before = CaseEntry.objects.count()
        with pytest.raises(InvalidTransition):
            service(**kwargs)
        case.refresh_from_db()
        assert case.status == current
        assert CaseEntry.objects.count() == entries_before


# Who may take each step (the case is in a status where the step is allowed)

ACTORS = [
    "administrator",
    "supervisor",
    "officer",  # the officer assigned to the case (when it has one)
    "colleague",  # another officer of the same city
    "other_city_officer",
    "provincial_officer",
    "ikm_owner",  # the IKM's owner, who asked
    "other_owner",
]


def _attempt(action, people, ikm):
    """A function that takes `action` on a fresh case as the given actor."""
    licence = LicenceFactory(ikm=ikm)
    upload = SimpleUploadedFile("desain.pdf", PDF_BYTES, content_type="application/pdf")
    cases = {
        "assign": lambda: _case(ikm, people),
        "start": lambda: _case(ikm, people, CaseStatus.ASSIGNED),
        "close": lambda: _case(ikm, people, CaseStatus.IN_PROGRESS),
        "cancel": lambda: _case(ikm, people),
        "note": lambda: _case(ikm, people, CaseStatus.IN_PROGRESS),
        "visit": lambda: _case(ikm, people, CaseStatus.IN_PROGRESS),
        "document": lambda: _case(ikm, people, CaseStatus.IN_PROGRESS),
        "licence": lambda: _case(ikm, people, CaseStatus.IN_PROGRESS),
    }
    calls = {
        "assign": lambda actor, case: services.case_assign(
            actor=actor, case=case, officer=people["colleague"]
        ),
        "start": lambda actor, case: services.case_start(actor=actor, case=case),
        "close": lambda actor, case: services.case_close(
            actor=actor, case=case, outcome="not_succeeded", note="Tidak lanjut."
        ),
        "cancel": lambda actor, case: services.case_cancel(actor=actor, case=case, reason="X"),
        "note": lambda actor, case: services.case_add_note(actor=actor, case=case, text="Catatan"),
        "visit": lambda actor, case: services.case_record_visit(
            actor=actor,
            case=case,
            date=office_today(),
            place="Bengkel IKM",
            attendees="Pemilik, petugas",
        ),
        "document": lambda actor, case: services.case_attach_document(
            actor=actor, case=case, uploaded_file=upload
        ),
        "licence": lambda actor, case: services.case_link_licence(
            actor=actor, case=case, licence=licence
        ),
    }
    case = cases[action]()
    return case, lambda actor: calls[action](actor, case)


CITY_STAFF = {"administrator", "supervisor", "officer", "colleague"}
MAY = {
    "assign": {"administrator", "supervisor"},
    "start": {"officer"},
    "close": {"officer", "supervisor", "administrator"},
    "cancel": {"administrator", "supervisor", "ikm_owner"},
    "note": CITY_STAFF | {"ikm_owner"},
    "visit": CITY_STAFF,
    "document": CITY_STAFF | {"ikm_owner"},
    "licence": CITY_STAFF,
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", MAY)
def test_who_may_take_each_step(people, ikm, action, actor):
    case, attempt = _attempt(action, people, ikm)
    entries_before = CaseEntry.objects.filter(case=case).count()

    if actor in MAY[action]:
        attempt(people[actor])
        assert CaseEntry.objects.filter(case=case).count() == entries_before + 1
    else:
        with pytest.raises(PermissionDenied):
            attempt(people[actor])
        assert CaseEntry.objects.filter(case=case).count() == entries_before
        assert not CaseDocument.objects.exists()


def test_the_owner_cancels_only_while_the_request_waits_for_an_officer(users, ikm):
    owner = users["ikm_owner"]
    waiting = _case(ikm, users)
    assigned = _case(ikm, users, CaseStatus.ASSIGNED)

    services.case_cancel(actor=owner, case=waiting, reason="Sudah tidak perlu.")
    with pytest.raises(InvalidTransition):
        services.case_cancel(actor=owner, case=assigned, reason="Sudah tidak perlu.")

    waiting.refresh_from_db()
    assigned.refresh_from_db()
    assert (waiting.status, assigned.status) == ("cancelled", "assigned")


def test_an_owner_who_did_not_ask_may_not_cancel(users, ikm):
    co_owner = UserFactory(owner=True)
    ikm.owners.add(co_owner)
    opened_by_staff = _case(ikm, users, requested_by=users["officer"])

    with pytest.raises(PermissionDenied):
        services.case_cancel(actor=co_owner, case=opened_by_staff, reason="Batal.")
    with pytest.raises(PermissionDenied):
        services.case_cancel(actor=users["ikm_owner"], case=opened_by_staff, reason="Batal.")


def test_owners_write_only_while_the_case_is_open_staff_also_after(users, ikm):
    done = _case(ikm, users, CaseStatus.DONE)

    with pytest.raises(ValidationError):
        services.case_add_note(actor=users["ikm_owner"], case=done, text="Terima kasih.")
    with pytest.raises(ValidationError):
        services.case_attach_document(
            actor=users["ikm_owner"],
            case=done,
            uploaded_file=SimpleUploadedFile("a.pdf", PDF_BYTES),
        )
    services.case_add_note(actor=users["officer"], case=done, text="Sertifikat terbit.")

    assert list(CaseEntry.objects.filter(case=done).values_list("text", flat=True)) == [
        "Sertifikat terbit."
    ]


@pytest.mark.parametrize(
    ("service", "kwargs", "field"),
    [
        (services.case_close, {"outcome": "succeeded", "note": "  "}, "note"),
        (services.case_cancel, {"reason": ""}, "reason"),
    ],
)
def test_closing_needs_a_note_and_cancelling_a_reason(users, ikm, service, kwargs, field):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)

    with pytest.raises(ValidationError) as raised:
        service(actor=users["supervisor"], case=case, **kwargs)

    assert field in raised.value.message_dict
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert not CaseEntry.objects.filter(case=case).exists()


# Reassignment


def test_reassignment_keeps_the_status_and_records_both_officers(people, ikm):
    officer, colleague = people["officer"], people["colleague"]
    case = _case(ikm, people, CaseStatus.IN_PROGRESS)

    services.case_assign(actor=people["supervisor"], case=case, officer=colleague)

    case.refresh_from_db()
    assert (case.status, case.assigned_to) == ("in_progress", colleague)
    entry = CaseEntry.objects.get(case=case)
    assert (entry.kind, entry.previous_officer, entry.officer, entry.author) == (
        CaseEntryKind.REASSIGNMENT,
        officer,
        colleague,
        people["supervisor"],
    )
    # The new officer may now start or close it; the one before may not.
    with pytest.raises(PermissionDenied):
        services.case_close(actor=officer, case=case, outcome="succeeded", note="X")
    services.case_close(actor=colleague, case=case, outcome="succeeded", note="X")


@pytest.mark.parametrize(
    "officer",
    ["other_city_officer", "administrator", "provincial_officer", "ikm_owner", "officer"],
)
def test_a_case_goes_only_to_another_officer_or_supervisor_of_its_city(people, ikm, officer):
    case = _case(ikm, people, CaseStatus.ASSIGNED)  # to "officer" already

    with pytest.raises(ValidationError) as raised:
        services.case_assign(actor=people["supervisor"], case=case, officer=people[officer])

    assert "officer" in raised.value.message_dict
    case.refresh_from_db()
    assert case.assigned_to == people["officer"]


def test_a_supervisor_may_take_a_case_themselves(users, ikm):
    case = _case(ikm, users)
    services.case_assign(actor=users["supervisor"], case=case, officer=users["supervisor"])
    services.case_start(actor=users["supervisor"], case=case)
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == ("in_progress", users["supervisor"])


# The timeline: visits, documents, licences


def test_a_visit_records_date_place_and_who_attended(users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    day = office_today() - datetime.timedelta(days=2)

    entry = services.case_record_visit(
        actor=users["officer"],
        case=case,
        date=day,
        place="Rumah produksi, Kuin Utara",
        attendees="Ibu Rahmah (pemilik), Budi (petugas)",
        note="Foto kemasan diambil.",
    )

    entry.refresh_from_db()
    assert (entry.kind, entry.visit_date, entry.visit_place, entry.text) == (
        CaseEntryKind.VISIT,
        day,
        "Rumah produksi, Kuin Utara",
        "Foto kemasan diambil.",
    )
    assert entry.visit_attendees.startswith("Ibu Rahmah")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": office_today() + datetime.timedelta(days=1)}, "date"),
        ({"place": " "}, "place"),
        ({"attendees": ""}, "attendees"),
    ],
)
def test_a_visit_in_the_future_or_without_place_or_people_is_refused(users, ikm, changes, field):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    visit = {"date": office_today(), "place": "Kantor", "attendees": "Pemilik", **changes}

    with pytest.raises(ValidationError) as raised:
        services.case_record_visit(actor=users["officer"], case=case, **visit)

    assert field in raised.value.message_dict
    assert not CaseEntry.objects.exists()


def test_a_document_is_stored_under_a_name_of_its_own_with_an_entry(users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)

    document = services.case_attach_document(
        actor=users["ikm_owner"],
        case=case,
        uploaded_file=SimpleUploadedFile("../Desain Label.pdf", PDF_BYTES),
    )

    assert document.original_name == "Desain Label.pdf"
    assert document.file.name.startswith(f"case-documents/{case.pk}/")
    assert document.file.name.endswith(".pdf")
    entry = CaseEntry.objects.get(case=case)
    assert (entry.kind, entry.document, entry.author) == (
        CaseEntryKind.DOCUMENT,
        document,
        users["ikm_owner"],
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.png", b"GIF89a not a png"),  # the content decides, not the name
        ("catatan.pdf", b"just text"),
        ("besar.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)),
    ],
)
def test_a_document_of_another_kind_or_too_large_is_refused(users, ikm, name, content):
    case = _case(ikm, users, CaseStatus.ASSIGNED)

    with pytest.raises(ValidationError) as raised:
        services.case_attach_document(
            actor=users["officer"], case=case, uploaded_file=SimpleUploadedFile(name, content)
        )

    assert "uploaded_file" in raised.value.message_dict
    assert not CaseDocument.objects.exists()
    assert not CaseEntry.objects.exists()


def test_a_png_is_accepted(users, ikm):
    case = _case(ikm, users, CaseStatus.ASSIGNED)
    document = services.case_attach_document(
        actor=users["officer"], case=case, uploaded_file=SimpleUploadedFile("f.jpg", PNG_BYTES)
    )
    assert document.file.name.endswith(".png")


def test_a_licence_record_of_the_ikm_is_linked_once_and_shows_the_case(users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    application = LicenceFactory(ikm=ikm, licence_type=licence_type("merek"), applied=True)

    services.case_link_licence(actor=users["officer"], case=case, licence=application)

    assert list(case.licences.all()) == [application]
    assert list(application.facilitating_cases.all()) == [case]
    entry = CaseEntry.objects.get(case=case)
    assert (entry.kind, entry.licence) == (CaseEntryKind.LICENCE, application)
    with pytest.raises(ValidationError):
        services.case_link_licence(actor=users["officer"], case=case, licence=application)


def test_a_licence_of_another_ikm_is_not_linked(users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    with pytest.raises(ValidationError) as raised:
        services.case_link_licence(
            actor=users["officer"], case=case, licence=LicenceFactory(ikm=IkmFactory())
        )
    assert "licence" in raised.value.message_dict
    assert not case.licences.exists()


def test_a_licence_is_linked_to_a_done_case_but_not_a_cancelled_one(users, ikm):
    licence = LicenceFactory(ikm=ikm)
    services.case_link_licence(
        actor=users["officer"], case=_case(ikm, users, CaseStatus.DONE), licence=licence
    )
    with pytest.raises(ValidationError):
        services.case_link_licence(
            actor=users["officer"], case=_case(ikm, users, CaseStatus.CANCELLED), licence=licence
        )


# Notifications


def test_owners_are_notified_of_each_status_change_but_not_of_their_own(users, ikm):
    owner, co_owner = users["ikm_owner"], UserFactory(owner=True)
    ikm.owners.add(co_owner)
    case = services.case_request(actor=owner, ikm=ikm, goal="packaging", description="Kemasan")

    services.case_assign(actor=users["supervisor"], case=case, officer=users["officer"])
    services.case_start(actor=users["officer"], case=case)

    entries = list(CaseEntry.objects.filter(case=case).order_by("pk"))
    assert set(Notification.objects.filter(recipient=owner).values_list("key", flat=True)) == {
        f"case-entry:{entries[1].pk}",
        f"case-entry:{entries[2].pk}",
    }
    # The co-owner also hears of the request the other owner sent.
    assert Notification.objects.filter(recipient=co_owner).count() == 3
    notification = Notification.objects.filter(recipient=owner).order_by("pk").first()
    assert notification.link == case.get_absolute_url()
    assert "Amplang Haruan" in notification.title
    assert str(users["officer"]) in notification.body


def test_a_staff_note_notifies_the_owners_an_owner_note_the_officer(users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)

    services.case_add_note(actor=users["officer"], case=case, text="Siapkan foto produk.")
    services.case_add_note(actor=users["ikm_owner"], case=case, text="Foto sudah dikirim.")

    to_owner = Notification.objects.get(recipient=users["ikm_owner"])
    to_officer = Notification.objects.get(recipient=users["officer"])
    assert (to_owner.body, to_officer.body) == ("Siapkan foto produk.", "Foto sudah dikirim.")


def test_the_assigned_officer_is_notified(users, ikm):
    case = _case(ikm, users)
    services.case_assign(actor=users["supervisor"], case=case, officer=users["officer"])
    notification = Notification.objects.get(recipient=users["officer"])
    assert notification.link == case.get_absolute_url()


def test_a_refused_change_notifies_no_one(users, ikm):
    case = _case(ikm, users, CaseStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.case_close(actor=users["officer"], case=case, outcome="succeeded", note="")
    assert not Notification.objects.exists()


# Overdue limits


def test_the_administrator_sets_the_limits_of_their_office(users, banjarmasin):
    OverdueRuleFactory(organisation=banjarmasin, goal="licence", days=30)

    services.overdue_rules_set(
        actor=users["administrator"], days_by_goal={"licence": 30, "packaging": 7}
    )

    rules = dict(OverdueRule.objects.values_list("goal", "days"))
    assert rules == {"licence": 30, "packaging": 7}
    assert OverdueRule.objects.get(goal="packaging").organisation == banjarmasin


@pytest.mark.parametrize("role", ["supervisor", "officer", "provincial_officer", "ikm_owner"])
def test_only_the_administrator_sets_limits(users, role):
    with pytest.raises(PermissionDenied):
        services.overdue_rules_set(actor=users[role], days_by_goal={"licence": 3})
    assert not OverdueRule.objects.exists()


def test_a_limit_out_of_range_is_refused(users):
    with pytest.raises(ValidationError) as raised:
        services.overdue_rules_set(actor=users["administrator"], days_by_goal={"quality": 0})
    assert "quality" in raised.value.message_dict
    assert not OverdueRule.objects.exists()
