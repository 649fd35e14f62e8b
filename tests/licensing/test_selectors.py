import datetime

import pytest
from django.http import Http404

from licensing import selectors
from licensing.constants import LicenceStatus
from licensing.models import Licence
from tests.factories import (
    IkmFactory,
    LicenceDocumentFactory,
    LicenceFactory,
    P3dnParticipationFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def licences(users):
    owned_ikm = IkmFactory(owners=[users["ikm_owner"]])
    return {
        "owned": LicenceFactory(ikm=owned_ikm),
        "other": LicenceFactory(),
        "banjarbaru": LicenceFactory(ikm=IkmFactory(banjarbaru=True)),
    }


def visible(user):
    return set(selectors.licence_list(user=user, today=TODAY))


@pytest.mark.parametrize("role", ["administrator", "supervisor", "officer"])
def test_city_staff_see_their_city_s_licences(users, licences, role):
    assert visible(users[role]) == {licences["owned"], licences["other"]}


def test_the_other_city_sees_only_its_own(users, licences):
    assert visible(users["other_city_officer"]) == {licences["banjarbaru"]}


def test_the_province_sees_every_city_of_the_province(users, licences):
    assert visible(users["provincial_officer"]) == set(licences.values())


def test_an_owner_sees_only_the_licences_of_their_ikm(users, licences):
    assert visible(users["ikm_owner"]) == {licences["owned"]}


@pytest.mark.parametrize("role", ["ikm_owner", "other_city_officer"])
def test_detail_answers_404_for_a_licence_that_is_not_theirs(users, licences, role):
    with pytest.raises(Http404):
        selectors.licence_detail(user=users[role], pk=licences["other"].pk)


def test_documents_and_p3dn_follow_the_licence_s_scope(users, licences):
    document = LicenceDocumentFactory(licence=licences["owned"])
    LicenceDocumentFactory(licence=licences["other"])
    owner = users["ikm_owner"]
    found = selectors.licence_document(user=owner, licence_pk=licences["owned"].pk, pk=document.pk)
    assert found == document
    with pytest.raises(Http404):
        selectors.licence_document(
            user=users["other_city_officer"], licence_pk=licences["owned"].pk, pk=document.pk
        )
    participation = P3dnParticipationFactory(ikm=licences["owned"].ikm)
    assert list(selectors.p3dn_participations(user=owner, ikm=licences["owned"].ikm)) == [
        participation
    ]
    assert not selectors.p3dn_participations(
        user=users["other_city_officer"], ikm=licences["owned"].ikm
    ).exists()


# Expiry derived from the dates


@pytest.fixture
def dated(users):
    def issued(valid_until):
        return LicenceFactory(
            issued_on=valid_until.replace(year=valid_until.year - 5), valid_until=valid_until
        )

    return {
        "passed": issued(TODAY - datetime.timedelta(days=1)),
        "today": issued(TODAY),
        "in_30": issued(TODAY + datetime.timedelta(days=30)),
        "in_31": issued(TODAY + datetime.timedelta(days=31)),
        "in_90": issued(TODAY + datetime.timedelta(days=90)),
        "in_91": issued(TODAY + datetime.timedelta(days=91)),
        "no_expiry": LicenceFactory(nib=True),
        "recorded": LicenceFactory(expiry_recorded=True),
        "revoked_passed": LicenceFactory(
            issued_on=datetime.date(2021, 5, 1), status=LicenceStatus.REVOKED
        ),
    }


def effective(user, today=TODAY):
    return {
        licence.pk: licence.effective_status
        for licence in selectors.licence_list(user=user, today=today)
    }


def test_a_licence_past_its_date_shows_expired_without_anyone_editing_it(users, dated):
    statuses = effective(users["officer"])
    assert statuses[dated["passed"].pk] == LicenceStatus.EXPIRED
    assert statuses[dated["recorded"].pk] == LicenceStatus.EXPIRED
    assert statuses[dated["today"].pk] == LicenceStatus.ISSUED  # valid through its last day
    assert statuses[dated["no_expiry"].pk] == LicenceStatus.ISSUED
    assert statuses[dated["revoked_passed"].pk] == LicenceStatus.REVOKED
    assert Licence.objects.get(pk=dated["passed"].pk).status == LicenceStatus.ISSUED


def test_the_status_filter_and_the_counts_agree_with_the_derived_status(users, dated):
    user = users["officer"]
    expired = Licence.objects.visible_to(user).in_effective_status(LicenceStatus.EXPIRED, TODAY)
    assert set(expired) == {dated["passed"], dated["recorded"]}
    issued = Licence.objects.visible_to(user).in_effective_status(LicenceStatus.ISSUED, TODAY)
    assert dated["passed"] not in issued and dated["today"] in issued
    counts = selectors.licence_counts_by_status(user=user, today=TODAY)
    assert counts == {"expired": 2, "issued": 6, "revoked": 1}
    statuses = effective(user).values()
    for status, count in counts.items():
        assert list(statuses).count(status) == count


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (30, {"today", "in_30"}),
        (60, {"today", "in_30", "in_31"}),
        (90, {"today", "in_30", "in_31", "in_90"}),
    ],
)
def test_expiring_within_30_60_90_days(users, dated, days, expected):
    found = selectors.licences_expiring(user=users["officer"], within_days=days, today=TODAY)
    assert set(found) == {dated[name] for name in expected}


def test_today_is_counted_in_wita(users, freeze_now):
    licence = LicenceFactory(
        issued_on=datetime.date(2021, 3, 11), valid_until=datetime.date(2026, 3, 11)
    )
    user = users["officer"]
    # 23:30 WITA on 11 March: still valid.
    freeze_now(datetime.datetime(2026, 3, 11, 15, 30, tzinfo=datetime.UTC))
    assert selectors.licence_detail(user=user, pk=licence.pk).effective_status == "issued"
    # 00:30 WITA on 12 March, still 11 March in UTC and in Jakarta: expired in Banjarmasin.
    freeze_now(datetime.datetime(2026, 3, 11, 16, 30, tzinfo=datetime.UTC))
    assert selectors.licence_detail(user=user, pk=licence.pk).effective_status == "expired"
