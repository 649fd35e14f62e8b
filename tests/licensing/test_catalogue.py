import io
import re

import pytest
from django.core.management import call_command

from licensing.catalogue import CATALOGUE, load_licence_types
from licensing.constants import ExtraField, ValidityBasis
from licensing.models import LicenceType

pytestmark = pytest.mark.django_db

VALID_NUMBERS = {
    "nib": ["9120001234567", "0220000000001"],
    "pirt": ["206637101000128", "506637102000331"],
    "bpom_md": ["MD224413001234", "MD867031005116"],
    "halal": ["ID112100009882540924", "ID631100001234501240"],
    "sni": ["0123/LSPro-BBIA/III/2024", "QIS-SNI 0456"],
    "tkdn": ["1234/SJ-IND.8/TKDN/2024", "00178"],
    "merek": ["DID2020047323", "JID2021012345", "D002015012345"],
    "paten": ["P00202012345", "PID202112345"],
    "paten_sederhana": ["S00202012345", "SID201807575"],
    "desain_industri": ["A00202001234", "AID202200015"],
    "hak_cipta": ["EC00202012345", "EC002023123456"],
    "indikasi_geografis": ["IG002017000003", "IG.00.2017.000003", "IG2019000012"],
    "e_katalog": ["KTR-0042/LKPP/2024", "123456"],
}
INVALID_NUMBERS = {
    "nib": ["912000123456", "91200012345678", "912000123456A", "9120 001234567"],
    "pirt": ["20663710100012", "2066371010001289", "P-IRT 206637101000128"],
    "bpom_md": ["MD22441300123", "ML224413001234", "md224413001234", "224413001234"],
    "halal": ["ID11210000988254092", "112100009882540924", "ID1121000098825409244"],
    "sni": ["", " 0123/LSPro", "0123/LSPro "],
    "tkdn": ["", "   "],
    "merek": ["DID20200473", "XID2020047323", "IDM000987654", "did2020047323"],
    "paten": ["P0020201234", "D00202012345", "P00 202012345"],
    "paten_sederhana": ["P00202012345", "S002020123456"],
    "desain_industri": ["A0020200123", "D00202001234"],
    "hak_cipta": ["EC0020201234", "C00202012345", "EC002020123456789"],
    "indikasi_geografis": ["IG", "GI2017000003", "IG.00.1817.000003"],
    "e_katalog": ["", " KTR-0042"],
}
VALID_REGISTRATIONS = {
    "merek": "IDM000987654",
    "paten": "IDP000071234",
    "paten_sederhana": "IDS000004321",
    "desain_industri": "IDD0000071234",
    "hak_cipta": "000187654",
    "indikasi_geografis": "IDG000000063",
}
INVALID_REGISTRATIONS = {
    "merek": "IDM00098765",
    "paten": "IDM000071234",
    "paten_sederhana": "IDS0000043210",
    "desain_industri": "IDP000071234",
    "hak_cipta": "EC00202012345",
    "indikasi_geografis": "IG000000063",
}


def test_every_type_of_the_catalogue_is_loaded_in_order():
    codes = [spec.code for spec in CATALOGUE]
    assert list(LicenceType.objects.values_list("code", flat=True)) == codes
    assert len(codes) == 13


def test_every_type_has_valid_and_invalid_examples_here():
    codes = {spec.code for spec in CATALOGUE}
    assert VALID_NUMBERS.keys() == codes
    assert INVALID_NUMBERS.keys() == codes


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda spec: spec.code)
def test_the_example_in_the_help_text_matches_its_own_pattern(spec):
    kind = LicenceType.objects.get(code=spec.code)
    assert kind.match_number(kind.number_example)
    assert kind.number_example in kind.number_help_text()
    if kind.registration_pattern:
        assert kind.registration_number_is_valid(kind.registration_example)


@pytest.mark.parametrize(
    ("code", "number"),
    [(code, number) for code, numbers in VALID_NUMBERS.items() for number in numbers],
)
def test_valid_numbers_are_accepted(code, number):
    assert LicenceType.objects.get(code=code).match_number(number), number


@pytest.mark.parametrize(
    ("code", "number"),
    [(code, number) for code, numbers in INVALID_NUMBERS.items() for number in numbers],
)
def test_invalid_numbers_are_refused(code, number):
    assert LicenceType.objects.get(code=code).match_number(number) is None, number


@pytest.mark.parametrize("code", sorted(VALID_REGISTRATIONS))
def test_registration_numbers_are_checked_per_type(code):
    kind = LicenceType.objects.get(code=code)
    assert kind.registration_number_is_valid(VALID_REGISTRATIONS[code])
    assert not kind.registration_number_is_valid(INVALID_REGISTRATIONS[code])


def test_pirt_pattern_exposes_the_expiry_year_and_djki_patterns_the_filing_year():
    assert LicenceType.objects.get(code="pirt").match_number("206637101000128")["expiry_year"] == (
        "28"
    )
    merek = LicenceType.objects.get(code="merek").match_number("DID2020047323")
    assert merek["filing_year"] == "2020"


def test_validity_rules_follow_the_regulations():
    months = dict(LicenceType.objects.values_list("code", "default_validity_months"))
    assert months["pirt"] == months["bpom_md"] == 60
    assert months["tkdn"] == 36
    assert months["merek"] == months["paten_sederhana"] == months["desain_industri"] == 120
    assert months["paten"] == 240
    for code in ["nib", "halal", "hak_cipta", "indikasi_geografis"]:
        kind = LicenceType.objects.get(code=code)
        assert (kind.validity_basis, kind.default_validity_months) == (
            ValidityBasis.NO_EXPIRY,
            None,
        )
    assert LicenceType.objects.get(code="halal").validity_note
    merek = LicenceType.objects.get(code="merek")
    assert merek.validity_basis == ValidityBasis.FILING_DATE
    assert merek.uses(ExtraField.NICE_CLASS) and merek.uses(ExtraField.DJKI_STAGE)


def test_per_product_and_per_business_types():
    per_product = set(LicenceType.objects.filter(scope="product").values_list("code", flat=True))
    assert per_product == {"pirt", "bpom_md", "halal", "sni", "tkdn", "merek", "e_katalog"}


def test_loading_again_changes_nothing_and_restores_edited_rows():
    LicenceType.objects.filter(code="pirt").update(
        number_pattern=r"^.*$", default_validity_months=1
    )
    assert load_licence_types() == len(CATALOGUE)
    assert load_licence_types() == len(CATALOGUE)
    pirt = LicenceType.objects.get(code="pirt")
    assert (pirt.number_pattern, pirt.default_validity_months) == (
        r"^\d{13}(?P<expiry_year>\d{2})$",
        60,
    )
    assert LicenceType.objects.count() == len(CATALOGUE)


def test_load_reference_loads_regions_kbli_and_the_catalogue():
    output = io.StringIO()
    call_command("load_reference", stdout=output)
    assert re.fullmatch(
        r"Reference data loaded: \d+ regions, \d+ KBLI codes, 13 licence types\.\n",
        output.getvalue(),
    )
