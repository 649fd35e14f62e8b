from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SentraPortalConfig(AppConfig):
    name = "sentra_portal"
    verbose_name = _("Sentra Portal")
