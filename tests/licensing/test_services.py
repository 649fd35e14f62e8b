import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pghistory.models import Events

from licensing import services
from licensing.constants import DjkiStage, HalalRoute, LicenceStatus, P3dnKind
from licensing.dates import office_today
from licensing.models import Licence, LicenceStatusChange
from licensing.tasks import licences_expire
from sentra_portal.errors import InvalidTransition
from tests.factories import (
    IkmFactory,
    LicenceFactory,
    ProductFactory,
    licence_type,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def officer(users):
    return users["officer"]


def applied(code, *, applied_on=datetime.date(2024, 1, 10), number="", per_business=False):
    product = None if per_business else ProductFactory()
    return LicenceFactory(
        applied=True,
        licence_type=licence_type(code),
        ikm=product.ikm if product else IkmFactory(),
        product=product,
        applied_on=applied_on,
        number=number,
    )


# Issuing: valid-until as the type counts it


def test_issue_counts_five_years_from_the_issue_date_for_pirt(officer):
    licence = services.licence_issue(
        actor=officer,
        licence=applied("pirt"),
        issued_on=datetime.date(2024, 2, 29),
        number="206637101000129",
    )
    assert licence.valid_until == datetime.date(2029, 2, 28)


def test_issue_counts_ten_years_from_filing_for_a_trademark_and_registers_it(officer):
    licence = services.licence_issue(
        actor=officer,
        licence=applied("merek", applied_on=datetime.date(2020, 7, 1), number="DID2020047323"),
        issued_on=datetime.date(2021, 9, 15),
        number="DID2020047323",
        nice_class=30,
        registration_number="IDM000987654",
    )
    assert licence.valid_until == datetime.date(2030, 7, 1)
    assert licence.djki_stage == DjkiStage.REGISTERED


def test_an_officer_may_type_another_valid_until(officer):
    licence = services.licence_issue(
        actor=officer,
        licence=applied("tkdn"),
        issued_on=datetime.date(2024, 2, 1),
        valid_until=datetime.date(2029, 2, 1),
        number="1234/SJ-IND.8/TKDN/2024",
        tkdn_percent=Decimal("41.5"),
        bmp_percent=Decimal("15"),
    )
    assert licence.valid_until == datetime.date(2029, 2, 1)
    assert licence.tkdn_percent == Decimal("41.5")


def test_halal_is_issued_without_expiry(officer):
    licence = services.licence_issue(
        actor=officer,
        licence=applied("halal"),
        issued_on=datetime.date(2024, 2, 1),
        number="ID112100009882540924",
        halal_route=HalalRoute.SELF_DECLARE,
    )
    assert licence.valid_until is None


def test_sni_needs_the_certificate_s_date(officer):
    with pytest.raises(ValidationError) as raised:
        services.licence_issue(
            actor=officer,
            licence=applied("sni"),
            issued_on=datetime.date(2024, 2, 1),
            number="0123/LSPro-BBIA/III/2024",
            sni_standard="SNI 2354.1:2010",
        )
    assert "valid_until" in raised.value.message_dict


def test_an_e_katalog_listing_lasts_as_long_as_its_permit(officer):
    permit = LicenceFactory(issued_on=datetime.date(2023, 5, 2))
    listing = LicenceFactory(
        applied=True,
        licence_type=licence_type("e_katalog"),
        ikm=permit.ikm,
        product=permit.product,
        applied_on=datetime.date(2024, 1, 10),
    )
    issued = services.licence_issue(
        actor=officer,
        licence=listing,
        issued_on=datetime.date(2024, 2, 1),
        number="KTR-0042/LKPP/2024",
        catalogue_kind="local",
        listing_id="98765",
        distribution_permit=permit,
    )
    assert issued.valid_until == permit.valid_until == datetime.date(2028, 5, 2)


def test_issue_refuses_a_number_in_the_wrong_format(officer):
    with pytest.raises(ValidationError) as raised:
        services.licence_issue(
            actor=officer,
            licence=applied("bpom_md"),
            issued_on=datetime.date(2024, 2, 1),
            number="ML224413001234",
        )
    assert "number" in raised.value.message_dict


def test_issue_refuses_fields_that_are_no_licence_detail(officer):
    with pytest.raises(TypeError):
        services.licence_issue(
            actor=officer,
            licence=applied("pirt"),
            issued_on=datetime.date(2024, 2, 1),
            number="206637101000129",
            status=LicenceStatus.REVOKED,
        )


def test_djki_stage_follows_the_application(officer):
    planned = services.licence_plan(
        actor=officer,
        ikm=(product := ProductFactory()).ikm,
        product=product,
        licence_type=licence_type("merek"),
    )
    filed = services.licence_apply(
        actor=officer, licence=planned, applied_on=datetime.date(2025, 1, 6), number="DID2025000123"
    )
    assert filed.djki_stage == DjkiStage.FILED
    refused = services.licence_reject(actor=officer, licence=filed, note="Mirip merek terdaftar.")
    assert refused.djki_stage == DjkiStage.REFUSED


def test_the_djki_stage_of_an_application_is_recorded_until_djki_decides(officer):
    licence = applied("merek", applied_on=datetime.date(2020, 7, 1), number="DID2020047323")
    staged = services.licence_record_djki_stage(
        actor=officer, licence=licence, stage=DjkiStage.ANNOUNCEMENT
    )
    assert Licence.objects.get(pk=licence.pk).djki_stage == staged.djki_stage == "announcement"
    with pytest.raises(InvalidTransition):
        services.licence_record_djki_stage(
            actor=officer, licence=licence, stage=DjkiStage.REGISTERED
        )
    with pytest.raises(InvalidTransition):
        services.licence_record_djki_stage(
            actor=officer, licence=LicenceFactory(), stage=DjkiStage.ANNOUNCEMENT
        )


def test_reject_and_revoke_need_a_reason(officer):
    with pytest.raises(ValidationError):
        services.licence_reject(actor=officer, licence=LicenceFactory(applied=True), note=" ")
    with pytest.raises(ValidationError):
        services.licence_revoke(actor=officer, licence=LicenceFactory(), note="")


# Who may change licences


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner", "other_city_officer"])
def test_only_the_ikm_s_city_staff_change_its_licences(users, role):
    ikm = IkmFactory(owners=[users["ikm_owner"]])
    with pytest.raises(PermissionDenied):
        services.licence_plan(actor=users[role], ikm=ikm, licence_type=licence_type("nib"))
    with pytest.raises(PermissionDenied):
        services.licence_revoke(actor=users[role], licence=LicenceFactory(ikm=ikm), note="x")


def test_history_names_the_officer_who_changed_the_status(officer):
    licence = services.licence_revoke(actor=officer, licence=LicenceFactory(), note="Dicabut.")
    event = Events.objects.tracks(licence).order_by("-pgh_id").first()
    assert event.pgh_diff["status"] == [LicenceStatus.ISSUED, LicenceStatus.REVOKED]
    assert event.pgh_context["user"] == officer.pk


# Renewal


def test_renewal_is_a_new_record_and_the_old_one_is_kept(officer):
    old = LicenceFactory(expired=True)
    before = Licence.objects.values().get(pk=old.pk)
    renewal = services.licence_renew(actor=officer, licence=old, applied_on=office_today())
    assert renewal.pk != old.pk
    assert (renewal.renews, renewal.status, renewal.product) == (old, "applied", old.product)
    assert Licence.objects.values().get(pk=old.pk) == before
    assert list(old.renewals.all()) == [renewal]


def test_a_licence_has_one_renewal_under_way_at_a_time(officer):
    old = LicenceFactory(expired=True)
    first = services.licence_renew(actor=officer, licence=old)
    with pytest.raises(ValidationError, match="sudah memiliki perpanjangan"):
        services.licence_renew(actor=officer, licence=old)
    services.licence_apply(actor=officer, licence=first, applied_on=office_today())
    services.licence_withdraw(actor=officer, licence=first)
    second = services.licence_renew(actor=officer, licence=old)
    assert second.renews == old


@pytest.mark.parametrize("traits", [{"planned": True}, {"applied": True}, {"nib": True}])
def test_only_issued_or_expired_licences_with_an_end_are_renewed(officer, traits):
    with pytest.raises(InvalidTransition):
        services.licence_renew(actor=officer, licence=LicenceFactory(**traits))


# The daily expiry job


def test_the_job_records_each_passed_licence_once(officer):
    today = datetime.date(2026, 6, 1)
    passed = LicenceFactory(issued_on=datetime.date(2021, 5, 31))  # valid until 2026-05-31
    last_day = LicenceFactory(issued_on=datetime.date(2021, 6, 1))  # valid until today
    no_expiry = LicenceFactory(nib=True)
    assert licences_expire(today) == 1
    assert licences_expire(today) == 0
    statuses = dict(Licence.objects.values_list("pk", "status"))
    assert statuses[passed.pk] == LicenceStatus.EXPIRED
    assert statuses[last_day.pk] == statuses[no_expiry.pk] == LicenceStatus.ISSUED
    change = LicenceStatusChange.objects.get(licence=passed)
    assert (change.from_status, change.to_status, change.changed_by) == ("issued", "expired", None)


def test_the_job_skips_a_licence_changed_since_it_was_read(officer, monkeypatch):
    revoked_meanwhile = LicenceFactory(issued_on=datetime.date(2021, 5, 1))
    passed = LicenceFactory(issued_on=datetime.date(2021, 5, 2))
    record = services.licence_record_expiry

    def revoke_first(*, actor, licence, today):
        if licence.pk == revoked_meanwhile.pk:
            services.licence_revoke(actor=officer, licence=licence, note="Dicabut.")
        return record(actor=actor, licence=licence, today=today)

    monkeypatch.setattr("licensing.tasks.licence_record_expiry", revoke_first)
    assert licences_expire(datetime.date(2026, 6, 1)) == 1
    assert Licence.objects.get(pk=passed.pk).status == LicenceStatus.EXPIRED
    assert Licence.objects.get(pk=revoked_meanwhile.pk).status == LicenceStatus.REVOKED


def test_expiry_cannot_be_recorded_before_the_date_passes(officer):
    licence = LicenceFactory()
    with pytest.raises(InvalidTransition):
        services.licence_record_expiry(actor=officer, licence=licence, today=licence.valid_until)


# Documents


def upload(name="izin.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("role", ["officer", "ikm_owner"])
def test_staff_and_the_owner_upload_documents(users, role, private_storage):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    document = services.licence_document_upload(
        actor=users[role], licence=licence, uploaded_file=upload("Sertifikat PIRT.pdf")
    )
    assert document.original_name == "Sertifikat PIRT.pdf"
    assert document.uploaded_by == users[role]
    assert document.file.name.startswith(f"licence-documents/{licence.pk}/")
    assert "PIRT" not in document.file.name and document.file.name.endswith(".pdf")
    assert (private_storage / document.file.name).read_bytes() == PDF


@pytest.mark.parametrize("role", ["provincial_officer", "other_city_officer", "ikm_owner"])
def test_others_cannot_upload(users, role):
    with pytest.raises(PermissionDenied):
        services.licence_document_upload(
            actor=users[role], licence=LicenceFactory(), uploaded_file=upload()
        )


def test_the_content_decides_not_the_file_name(officer):
    with pytest.raises(ValidationError) as raised:
        services.licence_document_upload(
            actor=officer,
            licence=LicenceFactory(),
            uploaded_file=upload("scan.pdf", b"<html><script>alert(1)</script>"),
        )
    assert "file" in raised.value.message_dict


def test_a_png_uploaded_under_a_pdf_name_is_stored_as_png(officer):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    document = services.licence_document_upload(
        actor=officer, licence=LicenceFactory(), uploaded_file=upload("foto.pdf", png)
    )
    assert document.file.name.endswith(".png")


# P3DN


def test_staff_record_p3dn_participation(officer, users):
    ikm = IkmFactory()
    participation = services.p3dn_participation_record(
        actor=officer,
        ikm=ikm,
        kind=P3dnKind.EXHIBITION,
        date=datetime.date(2025, 8, 20),
        note="Pameran produk dalam negeri, Banjarmasin.",
    )
    assert (participation.ikm, participation.recorded_by) == (ikm, officer)
    with pytest.raises(PermissionDenied):
        services.p3dn_participation_record(
            actor=users["provincial_officer"],
            ikm=ikm,
            kind=P3dnKind.EXHIBITION,
            date=datetime.date(2025, 8, 20),
        )
