from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = _("Licensing")

    def ready(self):
        from licensing import panels
        from registry.panels import register_ikm_panel, register_sentra_panel

        register_ikm_panel(panels.ikm_licence_panel)
        register_sentra_panel(panels.sentra_coverage_panel)
