from django.db import models
from django.utils.translation import gettext_lazy as _

KBLI_2020 = "2020"


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
