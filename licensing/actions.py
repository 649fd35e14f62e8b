"""The actions an officer takes on the licence page: for each, its label, the form that
collects its input, the service that performs it, and when it is offered.

What a licence offers follows the transition table (and, for the others, the same conditions
that the services check), so the page does not show a button the service would refuse.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from licensing import services
from licensing.constants import ExtraField, LicenceStatus
from licensing.dates import office_today
from licensing.forms import (
    ApplyForm,
    DjkiStageForm,
    EmptyForm,
    IssueForm,
    NoteForm,
    OptionalNoteForm,
    RenewForm,
)
from licensing.models import Licence
from licensing.transitions import allowed_transitions

Condition = Callable[[Licence, datetime.date], bool]


def _moves_to(status: str) -> Condition:
    return lambda licence, today: status in allowed_transitions(licence.status)


def _expiry_passed(licence: Licence, today: datetime.date) -> bool:
    return licence.status == LicenceStatus.ISSUED and licence.status_on(today) == (
        LicenceStatus.EXPIRED
    )


def _renewable(licence: Licence, today: datetime.date) -> bool:
    held = licence.status in (LicenceStatus.ISSUED, LicenceStatus.EXPIRED)
    return held and licence.valid_until is not None


def _at_djki(licence: Licence, today: datetime.date) -> bool:
    return licence.status == LicenceStatus.APPLIED and licence.licence_type.uses(
        ExtraField.DJKI_STAGE
    )


@dataclass(frozen=True)
class LicenceAction:
    name: str
    label: str
    form_class: type[forms.Form]
    perform: Callable[..., Licence]
    offered: Condition

    def form(self, licence: Licence, data=None) -> forms.Form:
        if self.form_class is IssueForm:
            return IssueForm(data, licence=licence, prefix=self.name)
        return self.form_class(data, prefix=self.name)


ACTIONS = {
    action.name: action
    for action in [
        LicenceAction(
            "apply",
            _("Record the application"),
            ApplyForm,
            services.licence_apply,
            _moves_to(LicenceStatus.APPLIED),
        ),
        LicenceAction(
            "stage",
            _("Record the DJKI stage"),
            DjkiStageForm,
            services.licence_record_djki_stage,
            _at_djki,
        ),
        LicenceAction(
            "issue",
            _("Record the issued licence"),
            IssueForm,
            services.licence_issue,
            _moves_to(LicenceStatus.ISSUED),
        ),
        LicenceAction(
            "reject",
            _("Record a rejection"),
            NoteForm,
            services.licence_reject,
            _moves_to(LicenceStatus.REJECTED),
        ),
        LicenceAction(
            "withdraw",
            _("Record a withdrawal"),
            OptionalNoteForm,
            services.licence_withdraw,
            _moves_to(LicenceStatus.WITHDRAWN),
        ),
        LicenceAction(
            "revoke",
            _("Record a revocation"),
            NoteForm,
            services.licence_revoke,
            _moves_to(LicenceStatus.REVOKED),
        ),
        LicenceAction(
            "expire",
            _("Record the expiry"),
            EmptyForm,
            services.licence_record_expiry,
            _expiry_passed,
        ),
        LicenceAction("renew", _("Start a renewal"), RenewForm, services.licence_renew, _renewable),
    ]
}


def offered_actions(licence: Licence, today: datetime.date | None = None) -> list[LicenceAction]:
    today = today or office_today()
    return [action for action in ACTIONS.values() if action.offered(licence, today)]
