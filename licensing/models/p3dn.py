import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from licensing.constants import P3dnKind
from registry.models import Ikm
from sentra_portal.models import TimestampedModel
from sentra_portal.scoping import ScopedQuerySet


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class P3dnParticipation(TimestampedModel):
    """An IKM's part in P3DN (Peningkatan Penggunaan Produk Dalam Negeri), the programme
    that brings domestic products to government buyers."""

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.PROTECT, related_name="p3dn_participations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=P3dnKind.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "ikm__city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("P3DN participation")
        verbose_name_plural = _("P3DN participations")
        ordering = ["ikm", "-date", "-pk"]

    def __str__(self):
        return f"{self.ikm} · {self.get_kind_display()} · {self.date}"
