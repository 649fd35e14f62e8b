from django.db import models
from django.utils.translation import gettext_lazy as _

KBLI_2020 = "2020"

# Permenperin 64/2016 (investment excludes land and buildings).
SMALL_INDUSTRY_MAX_WORKERS = 19
SMALL_INDUSTRY_INVESTMENT_BELOW = 1_000_000_000
MEDIUM_INDUSTRY_MAX_INVESTMENT = 15_000_000_000
# PP 7/2021, business capital excluding land and buildings.
MICRO_MAX_CAPITAL = 1_000_000_000
SMALL_MAX_CAPITAL = 5_000_000_000
MEDIUM_MAX_CAPITAL = 10_000_000_000
# PP 29/2018: a sentra has at least 5 IKM; DAK funding in Kalimantan asks for 10.
SENTRA_MIN_MEMBERS = 5
SENTRA_MIN_MEMBERS_DAK_KALIMANTAN = 10
# Kemendagri codes of the five Kalimantan provinces (Barat, Tengah, Selatan, Timur, Utara).
KALIMANTAN_PROVINCES = frozenset({"61", "62", "63", "64", "65"})


class KbliLevel(models.TextChoices):
    MAIN_GROUP = "golongan_pokok", _("Main group")
    GROUP = "golongan", _("Group")
    SUBGROUP = "subgolongan", _("Subgroup")
    CLASS = "kelompok", _("Class")


class SentraStatus(models.TextChoices):
    POTENTIAL = "potential", _("Potential")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class IkmStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    CLOSED = "closed", _("Closed")


class LegalForm(models.TextChoices):
    INDIVIDUAL = "perorangan", _("Individual (perorangan)")
    UD = "ud", _("UD")
    CV = "cv", _("CV")
    FIRMA = "firma", _("Firma")
    PT = "pt", _("PT")
    PT_PERORANGAN = "pt_perorangan", _("PT Perorangan")
    COOPERATIVE = "koperasi", _("Cooperative (koperasi)")


class Gender(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class MarketReach(models.TextChoices):
    # Ordered from narrow to wide: naik kelas compares these ranks.
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    EXPORT = "export", _("Export")


MARKET_REACH_RANK = {value: rank for rank, value in enumerate(MarketReach.values)}


class IndustryClass(models.TextChoices):
    SMALL = "small", _("Small industry")
    MEDIUM = "medium", _("Medium industry")
    LARGE = "large", _("Large industry")


INDUSTRY_CLASS_RANK = {value: rank for rank, value in enumerate(IndustryClass.values)}


class UmkScale(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class ProposalKind(models.TextChoices):
    CONTACT = "contact", _("Contact details")
    PRODUCT = "product", _("Product")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
