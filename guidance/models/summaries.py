from django.db import models
from django.utils.translation import gettext_lazy as _

from sentra_portal.models import Region


class CitySummary(models.Model):
    """A city's registry figures, counted by the worker for the province dashboard.

    A province holds hundreds of thousands of IKMs and licences: adding up their workers and
    investment, and the IKMs covered per licence type, on every view would take seconds. The
    worker counts them every few minutes (`guidance.summaries`) and the dashboard says when.
    Derived data, replaced at every count: no history is kept.
    """

    city = models.OneToOneField(
        Region,
        verbose_name=_("city/regency"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sentras = models.PositiveIntegerField(_("sentras"), default=0)
    ikms = models.PositiveIntegerField(_("IKMs"), default=0)
    workers_male = models.PositiveIntegerField(_("male workers"), default=0)
    workers_female = models.PositiveIntegerField(_("female workers"), default=0)
    investment = models.BigIntegerField(_("investment (Rp)"), default=0)
    # Licence type code -> IKMs holding a licence of it that was valid when counted.
    covered = models.JSONField(_("IKMs covered per licence type"), default=dict)
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("city summary")
        verbose_name_plural = _("city summaries")
        ordering = ["city"]

    def __str__(self):
        return str(self.city_id)

    @property
    def registry_figures(self) -> dict:
        return {
            "ikms": self.ikms,
            "workers_male": self.workers_male,
            "workers_female": self.workers_female,
            "investment": self.investment,
        }
