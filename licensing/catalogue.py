"""The licence-type catalogue: every licence and certificate an IKM may hold, as data.

One row per type, with its number format (a regular expression the whole number must match,
and an example that the help text shows), where its validity comes from, and the extra fields
it uses. `load_licence_types` writes the table into `LicenceType` (idempotently; the
`load_reference` command runs it), and every rule reads the type's row: nothing in the code
branches on a particular type.

Named groups in a pattern are checked against the licence's dates:
`expiry_year` (two digits) against the year of valid-until, `filing_year` (four digits)
against the year of the filing (applied-on) date.

Sources: OSS-RBA (NIB, PP 5/2021); Perka BPOM 22/2018 (SPP-IRT numbering); BPOM (MD);
UU 33/2014 as amended by UU 6/2023 (Halal); BSN (SPPT-SNI); Permenperin 46/2022 (TKDN);
UU 20/2016 (merek), UU 13/2016 (paten), UU 31/2000 (desain industri), UU 28/2014 (hak cipta)
and the numbers DJKI's PDKI database shows; LKPP (e-Katalog).
"""

from dataclasses import dataclass, fields

from django.db import transaction
from django.utils.translation import gettext_noop

from licensing.constants import ExtraField as F
from licensing.constants import LicenceCategory, LicenceScope, ValidityBasis
from licensing.models import LicenceType

# A certificate number written as the issuer prints it: not empty, no spaces at either end.
FREE_FORMAT = r"^\S(?:.{0,58}\S)?$"


@dataclass(frozen=True)
class LicenceTypeSpec:
    code: str
    name: str
    category: str
    issuer: str
    scope: str
    number_label: str
    number_format: str
    number_pattern: str
    number_example: str
    validity_basis: str
    default_validity_months: int | None = None
    validity_note: str = ""
    extra_fields: tuple[str, ...] = ()
    required_fields: tuple[str, ...] = ()
    registration_pattern: str = ""
    registration_example: str = ""


CATALOGUE: tuple[LicenceTypeSpec, ...] = (
    LicenceTypeSpec(
        code="nib",
        name=gettext_noop("NIB (OSS-RBA)"),
        category=LicenceCategory.NIB,
        issuer="OSS-RBA (Kementerian Investasi/BKPM)",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("NIB"),
        number_format=gettext_noop("13 digits"),
        number_pattern=r"^\d{13}$",
        number_example="9120001234567",
        validity_basis=ValidityBasis.NO_EXPIRY,
        validity_note=gettext_noop("Valid as long as the business runs."),
        extra_fields=(F.RISK_LEVEL,),
        required_fields=(F.RISK_LEVEL,),
    ),
    LicenceTypeSpec(
        code="pirt",
        name=gettext_noop("SPP-IRT (P-IRT)"),
        category=LicenceCategory.DISTRIBUTION_PERMIT,
        issuer="Pemerintah Kabupaten/Kota (DPMPTSP)",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("P-IRT number"),
        number_format=gettext_noop("15 digits; the last two are the year it expires"),
        number_pattern=r"^\d{13}(?P<expiry_year>\d{2})$",
        number_example="206637101000128",
        validity_basis=ValidityBasis.ISSUE_DATE,
        default_validity_months=60,
    ),
    LicenceTypeSpec(
        code="bpom_md",
        name=gettext_noop("BPOM MD"),
        category=LicenceCategory.DISTRIBUTION_PERMIT,
        issuer="Badan POM",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("MD number"),
        number_format=gettext_noop("MD followed by 12 digits"),
        number_pattern=r"^MD\d{12}$",
        number_example="MD224413001234",
        validity_basis=ValidityBasis.ISSUE_DATE,
        default_validity_months=60,
    ),
    LicenceTypeSpec(
        code="halal",
        name=gettext_noop("Halal certificate (BPJPH)"),
        category=LicenceCategory.HALAL,
        issuer="BPJPH",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("halal certificate number"),
        number_format=gettext_noop("ID followed by 18 digits"),
        number_pattern=r"^ID\d{18}$",
        number_example="ID112100009882540924",
        validity_basis=ValidityBasis.NO_EXPIRY,
        validity_note=gettext_noop(
            "Valid as long as the product's composition and process are unchanged."
        ),
        extra_fields=(F.HALAL_ROUTE,),
        required_fields=(F.HALAL_ROUTE,),
    ),
    LicenceTypeSpec(
        code="sni",
        name=gettext_noop("SNI certificate (SPPT-SNI)"),
        category=LicenceCategory.SNI,
        issuer="LSPro (Lembaga Sertifikasi Produk)",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("certificate number"),
        number_format=gettext_noop("as printed on the certificate"),
        number_pattern=FREE_FORMAT,
        number_example="0123/LSPro-BBIA/III/2024",
        validity_basis=ValidityBasis.CERTIFICATE,
        validity_note=gettext_noop("Valid until the date printed on the certificate."),
        extra_fields=(F.SNI_STANDARD,),
        required_fields=(F.SNI_STANDARD,),
    ),
    LicenceTypeSpec(
        code="tkdn",
        name=gettext_noop("TKDN certificate"),
        category=LicenceCategory.TKDN,
        issuer="Kementerian Perindustrian",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("certificate number"),
        number_format=gettext_noop("as printed on the certificate"),
        number_pattern=FREE_FORMAT,
        number_example="1234/SJ-IND.8/TKDN/2024",
        validity_basis=ValidityBasis.ISSUE_DATE,
        default_validity_months=36,
        validity_note=gettext_noop("3 years for small industry, extendable by 2 years."),
        extra_fields=(F.TKDN_PERCENT, F.BMP_PERCENT),
        required_fields=(F.TKDN_PERCENT, F.BMP_PERCENT),
    ),
    LicenceTypeSpec(
        code="merek",
        name=gettext_noop("Trademark (merek)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop(
            "D (goods) or J (services), then ID or 00, the filing year and 6 digits"
        ),
        number_pattern=r"^[DJ](?:00|ID)(?P<filing_year>\d{4})\d{6}$",
        number_example="DID2020047323",
        validity_basis=ValidityBasis.FILING_DATE,
        default_validity_months=120,
        validity_note=gettext_noop("10 years from the filing date, renewable."),
        extra_fields=(F.NICE_CLASS, F.DJKI_STAGE, F.REGISTRATION_NUMBER),
        required_fields=(F.NICE_CLASS, F.REGISTRATION_NUMBER),
        registration_pattern=r"^IDM\d{9}$",
        registration_example="IDM000987654",
    ),
    LicenceTypeSpec(
        code="paten",
        name=gettext_noop("Patent (paten)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop("P, then 00 or ID, the filing year and 5 digits"),
        number_pattern=r"^P(?:00|ID)(?P<filing_year>\d{4})\d{5}$",
        number_example="P00202012345",
        validity_basis=ValidityBasis.FILING_DATE,
        default_validity_months=240,
        validity_note=gettext_noop("20 years from the filing date, not renewable."),
        extra_fields=(F.DJKI_STAGE, F.REGISTRATION_NUMBER),
        required_fields=(F.REGISTRATION_NUMBER,),
        registration_pattern=r"^IDP\d{9}$",
        registration_example="IDP000071234",
    ),
    LicenceTypeSpec(
        code="paten_sederhana",
        name=gettext_noop("Simple patent (paten sederhana)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop("S, then 00 or ID, the filing year and 5 digits"),
        number_pattern=r"^S(?:00|ID)(?P<filing_year>\d{4})\d{5}$",
        number_example="S00202012345",
        validity_basis=ValidityBasis.FILING_DATE,
        default_validity_months=120,
        validity_note=gettext_noop("10 years from the filing date, not renewable."),
        extra_fields=(F.DJKI_STAGE, F.REGISTRATION_NUMBER),
        required_fields=(F.REGISTRATION_NUMBER,),
        registration_pattern=r"^IDS\d{9}$",
        registration_example="IDS000004321",
    ),
    LicenceTypeSpec(
        code="desain_industri",
        name=gettext_noop("Industrial design (desain industri)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop("A, then 00 or ID, the filing year and 5 digits"),
        number_pattern=r"^A(?:00|ID)(?P<filing_year>\d{4})\d{5}$",
        number_example="A00202001234",
        validity_basis=ValidityBasis.FILING_DATE,
        default_validity_months=120,
        validity_note=gettext_noop("10 years from the filing date, not renewable."),
        extra_fields=(F.DJKI_STAGE, F.REGISTRATION_NUMBER),
        required_fields=(F.REGISTRATION_NUMBER,),
        registration_pattern=r"^IDD\d{9,10}$",
        registration_example="IDD000071234",
    ),
    LicenceTypeSpec(
        code="hak_cipta",
        name=gettext_noop("Copyright (hak cipta)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop("EC00, the filing year and 5 or 6 digits"),
        number_pattern=r"^EC00(?P<filing_year>\d{4})\d{5,6}$",
        number_example="EC00202012345",
        validity_basis=ValidityBasis.NO_EXPIRY,
        validity_note=gettext_noop(
            "No fixed validity: protection lasts the author's life plus 70 years, "
            "or 50 years for a company's work."
        ),
        extra_fields=(F.REGISTRATION_NUMBER,),
        required_fields=(F.REGISTRATION_NUMBER,),
        registration_pattern=r"^\d{9}$",
        registration_example="000187654",
    ),
    LicenceTypeSpec(
        code="indikasi_geografis",
        name=gettext_noop("Geographical indication (indikasi geografis)"),
        category=LicenceCategory.INTELLECTUAL_PROPERTY,
        issuer="DJKI",
        scope=LicenceScope.BUSINESS,
        number_label=gettext_noop("application number"),
        number_format=gettext_noop("IG, the filing year and a sequence number"),
        number_pattern=r"^IG[. ]?(?:\d{2}[. ]?)?(?P<filing_year>(?:19|20)\d{2})[. ]?\d{1,6}$",
        number_example="IG002017000003",
        validity_basis=ValidityBasis.NO_EXPIRY,
        validity_note=gettext_noop(
            "Protected as long as the reputation, quality and characteristics that justify it "
            "remain."
        ),
        extra_fields=(F.DJKI_STAGE, F.REGISTRATION_NUMBER),
        required_fields=(F.REGISTRATION_NUMBER,),
        registration_pattern=r"^IDG\d{9}$",
        registration_example="IDG000000063",
    ),
    LicenceTypeSpec(
        code="e_katalog",
        name=gettext_noop("e-Katalog listing (LKPP)"),
        category=LicenceCategory.E_CATALOGUE,
        issuer="LKPP",
        scope=LicenceScope.PRODUCT,
        number_label=gettext_noop("catalogue contract number"),
        number_format=gettext_noop("as written in the catalogue contract"),
        number_pattern=FREE_FORMAT,
        number_example="KTR-0042/LKPP/2024",
        validity_basis=ValidityBasis.DISTRIBUTION_PERMIT,
        validity_note=gettext_noop("Listed as long as the product's distribution permit is valid."),
        extra_fields=(F.CATALOGUE_KIND, F.LISTING_ID, F.DISTRIBUTION_PERMIT),
        required_fields=(F.CATALOGUE_KIND, F.LISTING_ID, F.DISTRIBUTION_PERMIT),
    ),
)


@transaction.atomic
def load_licence_types() -> int:
    """Write the catalogue into LicenceType; run again, it restores edited rows."""
    LicenceType.objects.bulk_create(
        [
            LicenceType(sort_order=position, **vars(spec))
            for position, spec in enumerate(CATALOGUE, start=1)
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[spec.name for spec in fields(LicenceTypeSpec) if spec.name != "code"]
        + ["sort_order"],
    )
    return len(CATALOGUE)
