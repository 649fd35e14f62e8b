"""Recording a licence in the status it has reached, and correcting a recorded one."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pghistory.models import Events

from licensing import services
from licensing.constants import DjkiStage, HalalRoute, LicenceStatus, RiskLevel
from licensing.models import Licence, LicenceStatusChange
from sentra_portal.errors import EditConflict
from tests.factories import IkmFactory, LicenceFactory, ProductFactory, licence_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(users):
    return users["officer"]


@pytest.fixture
def product():
    return ProductFactory(name="Amplang ikan pipih")


def timeline(licence) -> list[tuple[str, str]]:
    changes = LicenceStatusChange.objects.filter(licence=licence).order_by("changed_at", "pk")
    return [(change.from_status, change.to_status) for change in changes]


def nothing_saved():
    return not Licence.objects.exists() and not LicenceStatusChange.objects.exists()


# Recording: each starting status, its steps on the timeline


def test_a_planned_licence_is_recorded_with_the_officer_in_charge(officer, product):
    licence = services.licence_record(
        actor=officer,
        ikm=product.ikm,
        licence_type=licence_type("halal"),
        product=product,
        notes="Ikut program sertifikasi halal gratis.",
    )
    assert licence.status == LicenceStatus.PLANNED
    assert licence.officer == officer
    assert licence.issuer == "BPJPH"
    assert timeline(licence) == [("", "planned")]


def test_an_applied_trademark_records_its_filing_and_djki_stage(officer, product):
    licence = services.licence_record(
        actor=officer,
        ikm=product.ikm,
        licence_type=licence_type("merek"),
        product=product,
        status=LicenceStatus.APPLIED,
        applied_on=datetime.date(2025, 3, 4),
        number="DID2025012345",
        nice_class=30,
        djki_stage=DjkiStage.ANNOUNCEMENT,
    )
    licence.refresh_from_db()
    assert (licence.status, licence.number, licence.nice_class) == ("applied", "DID2025012345", 30)
    assert licence.djki_stage == DjkiStage.ANNOUNCEMENT
    assert timeline(licence) == [("", "planned"), ("planned", "applied")]


def test_an_issued_pirt_gets_five_years_and_each_step_on_its_timeline(officer, product):
    licence = services.licence_record(
        actor=officer,
        ikm=product.ikm,
        licence_type=licence_type("pirt"),
        product=product,
        status=LicenceStatus.ISSUED,
        applied_on=datetime.date(2024, 1, 10),
        issued_on=datetime.date(2024, 2, 29),
        number="206637101000129",
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED
    assert licence.valid_until == datetime.date(2029, 2, 28)
    assert timeline(licence) == [("", "planned"), ("planned", "applied"), ("applied", "issued")]
    assert all(change.changed_by == officer for change in licence.status_changes.all())


def test_an_issued_licence_may_be_recorded_without_its_filing_date(officer):
    ikm = IkmFactory()
    licence = services.licence_record(
        actor=officer,
        ikm=ikm,
        licence_type=licence_type("nib"),
        status=LicenceStatus.ISSUED,
        issued_on=datetime.date(2021, 8, 2),
        number="9120001234567",
        risk_level=RiskLevel.LOW,
    )
    assert licence.applied_on is None
    assert licence.valid_until is None
    assert licence.risk_level == RiskLevel.LOW


def test_an_issued_tkdn_certificate_keeps_its_percentages(officer, product):
    licence = services.licence_record(
        actor=officer,
        ikm=product.ikm,
        licence_type=licence_type("tkdn"),
        product=product,
        status=LicenceStatus.ISSUED,
        issued_on=datetime.date(2024, 6, 3),
        number="1234/SJ-IND.8/TKDN/2024",
        tkdn_percent=Decimal("32"),
        bmp_percent=Decimal("10"),
    )
    assert (licence.tkdn_percent, licence.bmp_percent) == (Decimal("32"), Decimal("10"))
    assert licence.valid_until == datetime.date(2027, 6, 3)


def test_a_registered_trademark_counts_from_its_filing_date(officer, product):
    licence = services.licence_record(
        actor=officer,
        ikm=product.ikm,
        licence_type=licence_type("merek"),
        product=product,
        status=LicenceStatus.ISSUED,
        applied_on=datetime.date(2020, 7, 1),
        issued_on=datetime.date(2021, 9, 15),
        number="DID2020047323",
        nice_class=30,
        registration_number="IDM000987654",
    )
    assert licence.valid_until == datetime.date(2030, 7, 1)
    assert licence.djki_stage == DjkiStage.REGISTERED


# Refused: nothing saved, the field named


def test_a_per_product_type_without_product_is_refused(officer):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(actor=officer, ikm=IkmFactory(), licence_type=licence_type("pirt"))
    assert "product" in raised.value.message_dict
    assert nothing_saved()


def test_a_number_in_the_wrong_format_is_refused_with_nothing_saved(officer, product):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("bpom_md"),
            product=product,
            status=LicenceStatus.ISSUED,
            applied_on=datetime.date(2024, 1, 10),
            issued_on=datetime.date(2024, 2, 1),
            number="ML224413001234",
        )
    assert "number" in raised.value.message_dict
    assert nothing_saved()


def test_a_pirt_number_whose_year_contradicts_its_validity_is_refused(officer, product):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("pirt"),
            product=product,
            status=LicenceStatus.ISSUED,
            issued_on=datetime.date(2024, 2, 1),
            number="206637101000131",
        )
    assert "number" in raised.value.message_dict
    assert nothing_saved()


def test_an_issued_licence_needs_its_date_number_and_required_fields(officer, product):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("halal"),
            product=product,
            status=LicenceStatus.ISSUED,
        )
    assert {"issued_on", "number"} <= raised.value.message_dict.keys()
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("halal"),
            product=product,
            status=LicenceStatus.ISSUED,
            issued_on=datetime.date(2024, 2, 1),
            number="ID112100009882540924",
        )
    assert "halal_route" in raised.value.message_dict
    assert nothing_saved()


def test_values_the_starting_status_cannot_have_are_refused(officer, product):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("halal"),
            product=product,
            issued_on=datetime.date(2024, 2, 1),
            halal_route=HalalRoute.REGULAR,
        )
    assert {"issued_on", "halal_route"} <= raised.value.message_dict.keys()
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("halal"),
            product=product,
            status=LicenceStatus.APPLIED,
        )
    assert "applied_on" in raised.value.message_dict
    assert nothing_saved()


@pytest.mark.parametrize("status", [LicenceStatus.EXPIRED, LicenceStatus.REVOKED, "nonsense"])
def test_a_licence_cannot_start_in_a_later_status(officer, status):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer, ikm=IkmFactory(), licence_type=licence_type("nib"), status=status
        )
    assert "status" in raised.value.message_dict


def test_the_djki_stage_is_only_for_an_application_at_djki(officer, product):
    with pytest.raises(ValidationError) as raised:
        services.licence_record(
            actor=officer,
            ikm=product.ikm,
            licence_type=licence_type("halal"),
            product=product,
            status=LicenceStatus.APPLIED,
            applied_on=datetime.date(2025, 1, 6),
            djki_stage=DjkiStage.ANNOUNCEMENT,
        )
    assert "djki_stage" in raised.value.message_dict


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner", "other_city_officer"])
def test_only_the_ikm_s_city_staff_record_its_licences(users, role):
    ikm = IkmFactory(owners=[users["ikm_owner"]])
    with pytest.raises(PermissionDenied):
        services.licence_record(actor=users[role], ikm=ikm, licence_type=licence_type("nib"))
    assert nothing_saved()


# Corrections


def test_a_correction_changes_the_details_and_records_who_did_it(officer):
    licence = LicenceFactory(nib=True, number="9120001234567")
    updated = services.licence_update(
        actor=officer,
        licence=licence,
        version=1,
        number="9120007654321",
        risk_level=RiskLevel.MEDIUM_LOW,
        notes="Nomor disalin ulang dari OSS.",
    )
    licence.refresh_from_db()
    assert (licence.number, licence.risk_level, licence.version) == (
        "9120007654321",
        RiskLevel.MEDIUM_LOW,
        2,
    )
    assert updated.version == 2
    assert licence.status == LicenceStatus.ISSUED
    event = Events.objects.tracks(licence).order_by("-pgh_id").first()
    assert event.pgh_context["user"] == officer.pk
    assert event.pgh_diff["number"] == ["9120001234567", "9120007654321"]


def test_a_correction_on_an_old_version_is_a_conflict_and_saves_nothing(officer):
    licence = LicenceFactory(nib=True, number="9120001234567")
    services.licence_update(actor=officer, licence=licence, version=1, notes="Pertama.")
    stale = Licence.objects.get(pk=licence.pk)
    with pytest.raises(EditConflict) as raised:
        services.licence_update(actor=officer, licence=stale, version=1, notes="Kedua.")
    assert raised.value.current.notes == "Pertama."
    assert Licence.objects.get(pk=licence.pk).notes == "Pertama."


def test_a_correction_is_checked_like_the_record(officer):
    licence = LicenceFactory(nib=True, number="9120001234567")
    with pytest.raises(ValidationError) as raised:
        services.licence_update(actor=officer, licence=licence, version=1, number="12345")
    assert "number" in raised.value.message_dict
    assert Licence.objects.get(pk=licence.pk).number == "9120001234567"


def test_a_correction_never_gives_a_planned_licence_an_issue_date(officer):
    licence = LicenceFactory(planned=True)
    with pytest.raises(ValidationError) as raised:
        services.licence_update(
            actor=officer, licence=licence, version=1, issued_on=datetime.date(2024, 1, 1)
        )
    assert "issued_on" in raised.value.message_dict
    with pytest.raises(TypeError):
        services.licence_update(
            actor=officer, licence=licence, version=1, status=LicenceStatus.ISSUED
        )


def test_an_emptied_valid_until_is_counted_again(officer):
    licence = LicenceFactory(
        issued_on=datetime.date(2024, 2, 29), valid_until=datetime.date(2029, 1, 31)
    )
    updated = services.licence_update(actor=officer, licence=licence, version=1, valid_until=None)
    assert updated.valid_until == datetime.date(2029, 2, 28)


def test_the_officer_in_charge_works_at_the_ikm_s_city(users, officer):
    licence = LicenceFactory()
    with pytest.raises(ValidationError) as raised:
        services.licence_update(
            actor=officer, licence=licence, version=1, officer=users["other_city_officer"]
        )
    assert "officer" in raised.value.message_dict
    services.licence_update(actor=officer, licence=licence, version=1, officer=users["supervisor"])
    assert Licence.objects.get(pk=licence.pk).officer == users["supervisor"]


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner", "other_city_officer"])
def test_only_the_ikm_s_city_staff_correct_its_licences(users, role):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    with pytest.raises(PermissionDenied):
        services.licence_update(actor=users[role], licence=licence, version=1, notes="x")
