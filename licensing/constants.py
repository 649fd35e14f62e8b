from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# PP 29/2018 and Perpres 16/2018 on domestic products in government procurement.
TKDN_PRICE_PREFERENCE_MIN = Decimal("25")
TKDN_MANDATORY_MIN = Decimal("25")
TKDN_PLUS_BMP_MANDATORY_MIN = Decimal("40")


class LicenceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied")
    ISSUED = "issued", _("Issued")
    EXPIRED = "expired", _("Expired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Revoked")


# Statuses in which the licence has been granted, so it has a number and an issue date.
GRANTED_STATUSES = frozenset({LicenceStatus.ISSUED, LicenceStatus.EXPIRED, LicenceStatus.REVOKED})
# Statuses that end an application without a licence.
UNSUCCESSFUL_STATUSES = frozenset({LicenceStatus.REJECTED, LicenceStatus.WITHDRAWN})


class ExpiryWindow(models.IntegerChoices):
    """How far ahead officers look for licences about to expire, in days."""

    DAYS_30 = 30, _("within 30 days")
    DAYS_60 = 60, _("within 60 days")
    DAYS_90 = 90, _("within 90 days")


class LicenceCategory(models.TextChoices):
    NIB = "nib", _("Business identity number (NIB)")
    DISTRIBUTION_PERMIT = "distribution_permit", _("Distribution permit")
    HALAL = "halal", _("Halal")
    SNI = "sni", _("SNI")
    TKDN = "tkdn", _("TKDN")
    INTELLECTUAL_PROPERTY = "haki", _("Intellectual property (HAKI)")
    E_CATALOGUE = "e_katalog", _("e-Katalog")


class LicenceScope(models.TextChoices):
    BUSINESS = "business", _("Per business")
    PRODUCT = "product", _("Per product")


class ValidityBasis(models.TextChoices):
    """Where a licence's valid-until date comes from when the officer does not type it."""

    NO_EXPIRY = "no_expiry", _("Does not expire")
    ISSUE_DATE = "issue_date", _("Default validity counted from the issue date")
    FILING_DATE = "filing_date", _("Default validity counted from the filing date")
    CERTIFICATE = "certificate", _("As written on the certificate")
    DISTRIBUTION_PERMIT = "distribution_permit", _("Until its distribution permit expires")


class ExtraField(models.TextChoices):
    """The licence fields that only some types use; the catalogue names them per type."""

    RISK_LEVEL = "risk_level", _("risk level")
    HALAL_ROUTE = "halal_route", _("halal route")
    SNI_STANDARD = "sni_standard", _("SNI standard")
    TKDN_PERCENT = "tkdn_percent", _("TKDN %")
    BMP_PERCENT = "bmp_percent", _("BMP %")
    NICE_CLASS = "nice_class", _("Nice class")
    DJKI_STAGE = "djki_stage", _("DJKI stage")
    REGISTRATION_NUMBER = "registration_number", _("registration number")
    CATALOGUE_KIND = "catalogue_kind", _("catalogue")
    LISTING_ID = "listing_id", _("listing id")
    DISTRIBUTION_PERMIT = "distribution_permit", _("distribution permit")


class RiskLevel(models.TextChoices):
    """OSS-RBA business risk levels (PP 5/2021)."""

    LOW = "low", _("Low")
    MEDIUM_LOW = "medium_low", _("Medium-low")
    MEDIUM_HIGH = "medium_high", _("Medium-high")
    HIGH = "high", _("High")


class HalalRoute(models.TextChoices):
    SELF_DECLARE = "self_declare", _("Self-declare")
    REGULAR = "regular", _("Regular")


class DjkiStage(models.TextChoices):
    FILED = "filed", _("Filed")
    ANNOUNCEMENT = "announcement", _("Announcement")
    SUBSTANTIVE_EXAMINATION = "substantive_examination", _("Substantive examination")
    REGISTERED = "registered", _("Registered")
    REFUSED = "refused", _("Refused")


# The stages an application passes through before DJKI decides.
DJKI_PENDING_STAGES = frozenset(
    {DjkiStage.FILED, DjkiStage.ANNOUNCEMENT, DjkiStage.SUBSTANTIVE_EXAMINATION}
)


class CatalogueKind(models.TextChoices):
    NATIONAL = "national", _("National")
    SECTORAL = "sectoral", _("Sectoral")
    LOCAL = "local", _("Local")


class P3dnKind(models.TextChoices):
    """Ways an IKM takes part in P3DN (Peningkatan Penggunaan Produk Dalam Negeri)."""

    PRODUCT_INVENTORY = "inventory", _("Domestic product inventory")
    BUSINESS_MATCHING = "business_matching", _("Business matching")
    EXHIBITION = "exhibition", _("Exhibition")
