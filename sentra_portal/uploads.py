"""Checks for uploaded files: the content decides the type, not the name; 10 MB at most.

Uploads are stored under PRIVATE_MEDIA_ROOT, which no URL serves; views hand them out
only after the same scope check as the record they belong to.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def detect_kind(uploaded) -> str | None:
    """'pdf', 'jpeg', 'png', or None, read from the file's first bytes."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(position)
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return kind
    return None


EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}


def rename_by_content(uploaded) -> str:
    """Rename an upload after its content (``document.pdf``) when it is a kind we know, and
    return the uploader's file name, to be shown only.

    The stored name never comes from the uploader, so no name typed on a user's machine
    reaches the storage.
    """
    original_name = PurePath(uploaded.name or "").name[:255] or "document"
    kind = detect_kind(uploaded)
    if kind:
        uploaded.name = f"document.{EXTENSIONS[kind]}"
    return original_name


def validate_size(uploaded) -> None:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")


class ContentValidator:
    def __init__(self, *kinds: str):
        self.kinds = kinds

    def __call__(self, uploaded) -> None:
        if detect_kind(uploaded) not in self.kinds:
            raise ValidationError(
                _("The file's content is not %(kinds)s."),
                code="wrong_content",
                params={"kinds": " / ".join(kind.upper() for kind in self.kinds)},
            )

    def __eq__(self, other):
        return isinstance(other, ContentValidator) and self.kinds == other.kinds

    def deconstruct(self):
        return ("sentra_portal.uploads.ContentValidator", self.kinds, {})


image_validators = [validate_size, ContentValidator("jpeg", "png")]
document_validators = [validate_size, ContentValidator("pdf", "jpeg", "png")]
