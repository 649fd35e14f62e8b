"""The registry: KBLI codes, sentra industri and the IKM in them."""

import pghistory
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.constants import KBLI_2020, IkmStatus, KbliLevel, SentraStatus
from sentra_portal.models import Region, TimestampedModel
from sentra_portal.scoping import ScopedQuerySet


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


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Sentra(TimestampedModel):
    """A sentra industri: a cluster of IKM making the same kind of product in one place."""

    name = models.CharField(_("name"), max_length=200)
    commodity = models.CharField(_("commodity"), max_length=200)
    city = models.ForeignKey(
        Region, verbose_name=_("city/regency"), on_delete=models.PROTECT, related_name="+"
    )
    kelurahans = models.ManyToManyField(Region, verbose_name=_("villages"), related_name="sentras")
    kbli_codes = models.ManyToManyField(Kbli, verbose_name=_("KBLI codes"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SentraStatus.choices, default=SentraStatus.ACTIVE
    )
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = None

    class Meta:
        verbose_name = _("sentra")
        verbose_name_plural = _("sentras")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="sentra_name_unique_per_city"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:sentra_detail", args=[self.pk])


nib_validator = RegexValidator(r"^\d{13}$", _("An NIB has exactly 13 digits."))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Ikm(TimestampedModel):
    """An industri kecil dan menengah: one business in the registry."""

    name = models.CharField(_("business name"), max_length=200)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        null=True,
        blank=True,
        unique=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha from OSS, 13 digits, e.g. 9120001234567."),
    )
    owner_name = models.CharField(_("owner name"), max_length=200)
    city = models.ForeignKey(
        Region, verbose_name=_("city/regency"), on_delete=models.PROTECT, related_name="+"
    )
    kelurahan = models.ForeignKey(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="ikms"
    )
    sentra = models.ForeignKey(
        Sentra,
        verbose_name=_("sentra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IkmStatus.choices, default=IkmStatus.ACTIVE
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("owner accounts"), blank=True, related_name="ikms"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = "owners"

    class Meta:
        verbose_name = _("IKM")
        verbose_name_plural = _("IKMs")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nib__regex=r"^\d{13}$") | models.Q(nib__isnull=True),
                name="ikm_nib_13_digits",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:ikm_detail", args=[self.pk])
