from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.constants import KBLI_2020, KbliLevel


class Kbli(models.Model):
    """A KBLI code (Klasifikasi Baku Lapangan Usaha Indonesia) of one version."""

    version = models.CharField(_("KBLI version"), max_length=4, default=KBLI_2020)
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=15, choices=KbliLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent code"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("KBLI code")
        verbose_name_plural = _("KBLI codes")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="kbli_code_unique_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
