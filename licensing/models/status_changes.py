from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from licensing.constants import LicenceStatus
from licensing.models.licences import Licence
from sentra_portal.scoping import ScopedQuerySet


class LicenceStatusChange(models.Model):
    """Who changed a licence's status, when, from what to what, and why.

    Written by the services in the same transaction as the change; never edited. A change
    with no user was made by the daily expiry job.
    """

    licence = models.ForeignKey(
        Licence,
        verbose_name=_("licence"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=LicenceStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=LicenceStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "licence__ikm__city"
    owner_field = "licence__ikm__owners"

    class Meta:
        verbose_name = _("licence status change")
        verbose_name_plural = _("licence status changes")
        ordering = ["licence", "changed_at", "pk"]

    def __str__(self):
        return f"{self.licence}: {self.from_status or '—'} → {self.to_status}"
