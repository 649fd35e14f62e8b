"""Documents of a licence: scans uploaded by the city's staff or the IKM's owners."""

import pghistory
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from licensing.models import (
    Licence,
    LicenceDocument,
)
from sentra_portal.models import User
from sentra_portal.uploads import rename_by_content


@transaction.atomic
def licence_document_upload(
    *, actor: User, licence: Licence, uploaded_file: UploadedFile
) -> LicenceDocument:
    """Store a scan for the licence: city staff of its IKM, or one of the IKM's owners."""
    may_upload = Licence.objects.editable_by(actor).filter(pk=licence.pk).exists() or (
        actor.is_ikm_owner and Licence.objects.visible_to(actor).filter(pk=licence.pk).exists()
    )
    if not may_upload:
        raise PermissionDenied(_("You cannot add documents to this licence."))
    original_name = rename_by_content(uploaded_file)
    document = LicenceDocument(
        licence=licence, file=uploaded_file, original_name=original_name, uploaded_by=actor
    )
    document.full_clean()
    with pghistory.context(user=actor.pk):
        document.save()
    return document
