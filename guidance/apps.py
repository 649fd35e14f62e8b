from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guidance")

    def ready(self):
        from guidance import panels
        from registry.panels import register_ikm_panel

        register_ikm_panel(panels.ikm_guidance_panel)
