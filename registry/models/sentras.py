import pghistory
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.constants import SentraStatus
from registry.models.kbli import Kbli
from sentra_portal.models import Region, TimestampedModel
from sentra_portal.scoping import ScopedQuerySet
from sentra_portal.uploads import image_validators


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Sentra(TimestampedModel):
    """A sentra industri: a cluster of IKM making the same kind of product in one place."""

    name = models.CharField(_("name"), max_length=200)
    commodity = models.CharField(_("commodity"), max_length=200)
    kbli_codes = models.ManyToManyField(Kbli, verbose_name=_("KBLI codes"), blank=True)
    city = models.ForeignKey(
        Region, verbose_name=_("city/regency"), on_delete=models.PROTECT, related_name="+"
    )
    kelurahans = models.ManyToManyField(
        Region,
        verbose_name=_("villages"),
        related_name="sentras",
        help_text=_("A sentra may span several villages, even several districts."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    decree_number = models.CharField(
        _("designation decree (SK) number"), max_length=100, blank=True
    )
    decree_date = models.DateField(_("designation decree date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SentraStatus.choices, default=SentraStatus.ACTIVE
    )
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    upt = models.CharField(
        _("UPT (technical service unit)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the sentra has no UPT."),
    )
    description = models.TextField(_("description"), blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="sentra-photos/",
        blank=True,
        validators=image_validators,
        help_text=_("JPEG or PNG, at most 10 MB."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = None

    class Meta:
        verbose_name = _("sentra")
        verbose_name_plural = _("sentras")
        ordering = ["name"]
        indexes = [
            # The sentra list: by name across a province (a city's names are unique, so the
            # unique constraint serves a city), and its typo-tolerant search box.
            models.Index(fields=["name", "id"], name="sentra_name_idx"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="sentra_name_trgm_idx"),
            GinIndex(
                fields=["commodity"], opclasses=["gin_trgm_ops"], name="sentra_commodity_trgm_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="sentra_name_unique_per_city"),
            models.CheckConstraint(
                condition=models.Q(latitude__range=(-90, 90)) | models.Q(latitude__isnull=True),
                name="sentra_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__range=(-180, 180)) | models.Q(longitude__isnull=True),
                name="sentra_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:sentra_detail", args=[self.pk])
