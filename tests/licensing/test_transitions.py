"""The lifecycle table, and the services that are the only way along it."""

import datetime
import itertools

import pytest

from licensing import services
from licensing.constants import LicenceStatus as S
from licensing.models import Licence, LicenceStatusChange
from licensing.transitions import TRANSITIONS, check_transition
from sentra_portal.errors import InvalidTransition
from tests.factories import LicenceFactory, ProductFactory, licence_type

ALLOWED = {
    (S.PLANNED, S.APPLIED),
    (S.APPLIED, S.ISSUED),
    (S.APPLIED, S.REJECTED),
    (S.APPLIED, S.WITHDRAWN),
    (S.ISSUED, S.EXPIRED),
    (S.ISSUED, S.REVOKED),
}


def test_the_table_holds_exactly_the_designed_transitions():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED
    assert TRANSITIONS.keys() == set(S.values)


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_every_allowed_transition_passes_the_guard(current, target):
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    sorted(set(itertools.product(S.values, S.values)) - ALLOWED),
)
def test_every_other_transition_is_refused(current, target):
    with pytest.raises(InvalidTransition):
        check_transition(current, target)


# Through the services


@pytest.fixture
def officer(users):
    return users["officer"]


@pytest.fixture
def planned(officer):
    product = ProductFactory()
    return services.licence_plan(
        actor=officer, ikm=product.ikm, product=product, licence_type=licence_type("bpom_md")
    )


def timeline(licence):
    return list(
        LicenceStatusChange.objects.filter(licence=licence).values_list(
            "from_status", "to_status", "changed_by__username"
        )
    )


@pytest.mark.django_db
def test_planned_applied_issued_expired_each_recorded_with_who(officer, planned):
    applied = services.licence_apply(
        actor=officer, licence=planned, applied_on=datetime.date(2024, 1, 10)
    )
    issued = services.licence_issue(
        actor=officer,
        licence=applied,
        issued_on=datetime.date(2024, 2, 1),
        number="MD224413001234",
    )
    assert issued.valid_until == datetime.date(2029, 2, 1)
    expired = services.licence_record_expiry(
        actor=officer, licence=issued, today=datetime.date(2029, 2, 2)
    )
    assert Licence.objects.get(pk=planned.pk).status == expired.status == S.EXPIRED
    assert timeline(planned) == [
        ("", S.PLANNED, "petugas"),
        (S.PLANNED, S.APPLIED, "petugas"),
        (S.APPLIED, S.ISSUED, "petugas"),
        (S.ISSUED, S.EXPIRED, "petugas"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("service", "target", "note"),
    [
        (services.licence_reject, S.REJECTED, "Label tidak sesuai."),
        (services.licence_withdraw, S.WITHDRAWN, ""),
    ],
)
def test_an_application_can_be_rejected_or_withdrawn(officer, service, target, note):
    licence = LicenceFactory(applied=True)
    changed = service(actor=officer, licence=licence, note=note)
    assert changed.status == target
    assert timeline(licence) == [(S.APPLIED, target, "petugas")]
    assert LicenceStatusChange.objects.get(licence=licence).note == note


@pytest.mark.django_db
def test_an_issued_licence_can_be_revoked_with_a_reason(officer):
    licence = LicenceFactory()
    revoked = services.licence_revoke(actor=officer, licence=licence, note="Dicabut BPOM.")
    assert revoked.status == S.REVOKED
    assert timeline(licence) == [(S.ISSUED, S.REVOKED, "petugas")]


@pytest.mark.django_db
def test_a_forbidden_transition_raises_and_changes_nothing(officer, planned):
    with pytest.raises(InvalidTransition):
        services.licence_issue(
            actor=officer,
            licence=planned,
            issued_on=datetime.date(2024, 2, 1),
            number="MD224413001234",
        )
    with pytest.raises(InvalidTransition):
        services.licence_revoke(actor=officer, licence=planned, note="x")
    planned.refresh_from_db()
    assert (planned.status, planned.number, planned.issued_on) == (S.PLANNED, "", None)
    assert timeline(planned) == [("", S.PLANNED, "petugas")]


@pytest.mark.django_db
def test_a_finished_licence_moves_no_further(officer):
    licence = LicenceFactory(expiry_recorded=True)
    with pytest.raises(InvalidTransition):
        services.licence_revoke(actor=officer, licence=licence, note="x")


@pytest.mark.django_db
def test_the_service_reads_the_current_status_not_a_stale_copy(officer):
    licence = LicenceFactory(applied=True)
    stale = Licence.objects.get(pk=licence.pk)
    services.licence_withdraw(actor=officer, licence=licence)
    with pytest.raises(InvalidTransition):
        services.licence_reject(actor=officer, licence=stale, note="Terlambat.")
