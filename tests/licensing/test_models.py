"""The rules a licence record keeps, in the model's validation and in the database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from licensing.constants import DjkiStage, HalalRoute, LicenceStatus
from licensing.models import Licence
from tests.factories import IkmFactory, LicenceFactory, ProductFactory, licence_type

pytestmark = pytest.mark.django_db


def errors_of(licence: Licence) -> dict:
    with pytest.raises(ValidationError) as raised:
        licence.full_clean()
    return raised.value.message_dict


@pytest.fixture
def product():
    return ProductFactory()


def planned(code, product=None, ikm=None, **fields):
    """An unsaved licence of type `code`, planned unless `fields` say otherwise."""
    fields.setdefault("status", LicenceStatus.PLANNED)
    return Licence(
        ikm=ikm or product.ikm, product=product, licence_type=licence_type(code), **fields
    )


def test_a_per_product_type_needs_the_product(product):
    assert "product" in errors_of(planned("pirt", ikm=product.ikm))
    planned("pirt", product).full_clean()


def test_a_per_business_type_refuses_a_product(product):
    assert "product" in errors_of(planned("nib", product))
    planned("nib", ikm=product.ikm).full_clean()


def test_the_product_must_belong_to_the_ikm(product):
    licence = planned("pirt", product)
    licence.ikm = IkmFactory()
    assert errors_of(licence)["product"] == ["Produk ini milik IKM lain."]


def test_the_number_may_be_empty_until_issued_but_must_match_when_given(product):
    planned("bpom_md", product).full_clean()
    assert "number" in errors_of(planned("bpom_md", product, number="MD12345"))
    licence = planned("bpom_md", product, number="  MD224413001234 ")
    licence.full_clean()
    assert licence.number == "MD224413001234"


def test_pirt_number_must_end_with_the_expiry_year(product):
    licence = LicenceFactory.build(
        ikm=product.ikm,
        product=product,
        issued_on=datetime.date(2024, 3, 1),
        valid_until=datetime.date(2029, 3, 1),
        number="206637101000128",
    )
    assert "kedaluwarsa pada tahun 2028" in errors_of(licence)["number"][0]
    licence.number = "206637101000129"
    licence.full_clean()


def test_djki_number_must_carry_the_filing_year(product):
    licence = planned("merek", product, number="DID2020047323", status=LicenceStatus.APPLIED)
    licence.applied_on = datetime.date(2021, 1, 5)
    assert "pengajuan pada tahun 2020" in errors_of(licence)["number"][0]
    licence.applied_on = datetime.date(2020, 12, 30)
    licence.full_clean()


def test_fields_of_other_types_must_stay_empty(product):
    errors = errors_of(planned("pirt", product, tkdn_percent=Decimal(30), nice_class=29))
    assert set(errors) == {"tkdn_percent", "nice_class"}


def test_the_type_s_required_fields_are_required_once_issued(product):
    licence = LicenceFactory.build(ikm=product.ikm, product=product, tkdn=True)
    licence.tkdn_percent = None
    assert errors_of(licence) == {"tkdn_percent": ["Wajib diisi setelah izin terbit."]}


def test_registration_number_follows_the_type_s_format(product):
    licence = planned("merek", product, registration_number="IDP000071234")
    assert "registration_number" in errors_of(licence)
    licence.registration_number = "IDM000987654"
    licence.full_clean()


def test_djki_stage_must_fit_the_status(product):
    licence = planned("merek", product, djki_stage=DjkiStage.REGISTERED)
    assert "djki_stage" in errors_of(licence)
    licence.djki_stage = DjkiStage.ANNOUNCEMENT
    licence.full_clean()


def test_a_type_without_expiry_takes_no_valid_until(product):
    licence = planned("halal", product, halal_route=HalalRoute.SELF_DECLARE)
    licence.valid_until = datetime.date(2030, 1, 1)
    assert "valid_until" in errors_of(licence)


def test_an_sni_certificate_needs_the_date_printed_on_it(product):
    licence = LicenceFactory.build(
        ikm=product.ikm,
        product=product,
        licence_type=licence_type("sni"),
        sni_standard="SNI 2354.1:2010",
        valid_until=None,
    )
    assert "valid_until" in errors_of(licence)


def test_an_e_katalog_listing_relies_on_a_permit_of_the_same_product(product):
    other_permit = LicenceFactory()
    listing = LicenceFactory.build(
        ikm=product.ikm,
        product=product,
        licence_type=licence_type("e_katalog"),
        valid_until=None,
        catalogue_kind="local",
        listing_id="98765",
        distribution_permit=other_permit,
    )
    assert "distribution_permit" in errors_of(listing)
    listing.distribution_permit = LicenceFactory(ikm=product.ikm, product=product)
    listing.full_clean()


def test_valid_until_must_be_after_the_issue_date():
    licence = LicenceFactory(tkdn=True)
    licence.valid_until = licence.issued_on
    expected = ["Tanggal berlaku sampai harus setelah tanggal terbit."]
    assert errors_of(licence) == {"__all__": expected}


@pytest.mark.parametrize(
    ("column", "value"),
    [("tkdn_percent", 101), ("bmp_percent", -1), ("nice_class", 46), ("nice_class", 0)],
)
def test_the_database_refuses_out_of_range_values_written_around_the_model(column, value):
    licence = LicenceFactory(tkdn=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=licence.pk).update(**{column: value})


def test_the_database_refuses_raw_sql_tkdn_above_100():
    licence = LicenceFactory(tkdn=True)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE licensing_licence SET tkdn_percent = 101 WHERE id = %s", [licence.pk]
        )


def test_the_database_refuses_valid_until_on_or_before_the_issue_date():
    licence = LicenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=licence.pk).update(valid_until=licence.issued_on)


def test_the_database_refuses_an_issued_licence_without_number():
    licence = LicenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=licence.pk).update(number="")


def test_status_on_matches_the_database_expression():
    today = datetime.date(2026, 6, 1)
    licences = [
        LicenceFactory(issued_on=datetime.date(2021, 5, 1)),  # valid until 2026-05-01
        LicenceFactory(issued_on=datetime.date(2021, 6, 1)),  # valid until 2026-06-01
        LicenceFactory(nib=True),
        LicenceFactory(planned=True),
    ]
    annotated = dict(
        Licence.objects.with_effective_status(today).values_list("pk", "effective_status")
    )
    for licence in licences:
        assert licence.status_on(today) == annotated[licence.pk]
    assert [annotated[licence.pk] for licence in licences] == [
        LicenceStatus.EXPIRED,
        LicenceStatus.ISSUED,
        LicenceStatus.ISSUED,
        LicenceStatus.PLANNED,
    ]


def test_the_database_keeps_the_ikms_city_on_the_licence():
    licence = LicenceFactory(ikm=IkmFactory(banjarbaru=True))
    licence.refresh_from_db()
    assert licence.city_id == "63.72"
    # A save that carries no city (or a wrong one) does not change it.
    Licence.objects.filter(pk=licence.pk).update(city_id="63.71")
    licence.refresh_from_db()
    assert licence.city_id == "63.72"
