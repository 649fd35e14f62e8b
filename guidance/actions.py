"""The actions on the case page: for each, its label, the form that collects its input, the
service that performs it, and the check that decides whether the user may take it now.

The page offers an action only when its check (`guidance.permissions`) passes, the same check
the service makes, so the page does not show a form the service would refuse.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guidance import permissions, services
from guidance.forms import (
    AssignForm,
    CancelForm,
    CaseActionForm,
    CloseForm,
    DocumentForm,
    EmptyForm,
    LinkLicenceForm,
    NoteForm,
    VisitForm,
)
from guidance.models import Case
from guidance.permissions import CaseAccess


@dataclass(frozen=True)
class CaseAction:
    name: str
    label: str
    form_class: type[CaseActionForm]
    perform: Callable[..., object]
    check: Callable[[CaseAccess], None]
    # A form that uploads a file (multipart/form-data).
    multipart: bool = False

    def form(self, case: Case, data=None, files=None) -> CaseActionForm:
        return self.form_class(data, files, case=case, prefix=self.name)

    def offered(self, access: CaseAccess) -> bool:
        return permissions.allows(self.check, access)


ACTIONS = {
    action.name: action
    for action in [
        CaseAction(
            "assign",
            _("Assign an officer"),
            AssignForm,
            services.case_assign,
            permissions.check_may_assign,
        ),
        CaseAction(
            "start",
            _("Start the work"),
            EmptyForm,
            services.case_start,
            permissions.check_may_start,
        ),
        CaseAction(
            "visit",
            _("Record a visit"),
            VisitForm,
            services.case_record_visit,
            permissions.check_may_record_visit,
        ),
        CaseAction(
            "note",
            _("Add a note"),
            NoteForm,
            services.case_add_note,
            permissions.check_may_add_note,
        ),
        CaseAction(
            "document",
            _("Add a document"),
            DocumentForm,
            services.case_attach_document,
            permissions.check_may_attach_document,
            multipart=True,
        ),
        CaseAction(
            "licence",
            _("Link a licence record"),
            LinkLicenceForm,
            services.case_link_licence,
            permissions.check_may_link_licence,
        ),
        CaseAction(
            "close",
            _("Close the case"),
            CloseForm,
            services.case_close,
            permissions.check_may_close,
        ),
        CaseAction(
            "cancel",
            _("Cancel the case"),
            CancelForm,
            services.case_cancel,
            permissions.check_may_cancel,
        ),
    ]
}


def offered_actions(access: CaseAccess) -> list[CaseAction]:
    return [action for action in ACTIONS.values() if action.offered(access)]
