import uuid
from pathlib import PurePath

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from licensing.models.licences import Licence
from sentra_portal.scoping import ScopedQuerySet
from sentra_portal.uploads import document_validators


def document_path(document: "LicenceDocument", filename: str) -> str:
    """A random name under the licence's folder: the uploader's file name is kept apart."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"licence-documents/{document.licence_id}/{uuid.uuid4().hex}{suffix}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class LicenceDocument(models.Model):
    """A scan of a licence or certificate, in private storage: see `licensing.views`."""

    licence = models.ForeignKey(
        Licence, verbose_name=_("licence"), on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        max_length=200,
        validators=document_validators,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "licence__ikm__city"
    owner_field = "licence__ikm__owners"

    class Meta:
        verbose_name = _("licence document")
        verbose_name_plural = _("licence documents")
        ordering = ["licence", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("licensing:document_download", args=[self.licence_id, self.pk])
