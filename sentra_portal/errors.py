"""Domain errors that services raise and views turn into clear messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class EditConflict(ValidationError):  # noqa: N818 -- named as the domain says
    """Someone else saved the record after this user opened it (optimistic locking)."""

    def __init__(self, current):
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. Their version is "
                "shown below; your changes are still in the form. Check both and save again."
            ),
            code="edit_conflict",
        )
        self.current = current


class InvalidTransition(ValidationError):  # noqa: N818
    """A lifecycle change that the transition table does not allow."""
