from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "provinsi", _("Province")
    CITY = "kabkota", _("Regency/city")
    DISTRICT = "kecamatan", _("District")
    VILLAGE = "kelurahan", _("Village")


class OrganisationKind(models.TextChoices):
    CITY_OFFICE = "city_office", _("City/regency office")
    PROVINCE_OFFICE = "province_office", _("Province office")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    OFFICER = "officer", _("Officer")
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    IKM_OWNER = "ikm_owner", _("IKM owner")


# Roles that work in a city (kab/kota) office and manage that city's records.
CITY_STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OFFICER})
# Roles that belong to an organisation at all (everyone but IKM owners).
STAFF_ROLES = CITY_STAFF_ROLES | {Role.PROVINCIAL_OFFICER}
