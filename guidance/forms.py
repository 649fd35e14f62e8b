from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

from guidance import selectors
from guidance.constants import MAX_OVERDUE_DAYS, CaseGoal, CaseOutcome
from guidance.models import Case
from licensing.dates import office_today
from licensing.forms import DateInput
from licensing.models import Licence, LicenceType
from sentra_portal.models import User


class CaseRequestForm(forms.ModelForm):
    """What the IKM asks help with. `ikms` are the businesses the user may ask for."""

    class Meta:
        model = Case
        fields = ["ikm", "goal", "licence_type", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "licence_type": _("Only when the goal is a licence or certificate."),
            "description": _("What you need, what you already have, and when you can meet."),
        }

    def __init__(self, *args, ikms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ikm"].queryset = ikms
        self.fields["ikm"].empty_label = None
        self.fields["licence_type"].queryset = LicenceType.objects.order_by("sort_order")
        self.fields["goal"].initial = CaseGoal.LICENCE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("goal") != CaseGoal.LICENCE:
            cleaned["licence_type"] = None
        return cleaned


# The actions of the case page (see `guidance.actions`): each form gets the case it acts on.


class CaseActionForm(forms.Form):
    def __init__(self, data=None, files=None, *, case, **kwargs):
        super().__init__(data, files, **kwargs)
        self.case = case

    @property
    def empty_message(self) -> str:
        """Why there is nothing to choose yet (the page shows it instead of the form)."""
        return ""


class EmptyForm(CaseActionForm):
    """An action that asks for nothing but the click."""


class AssignForm(CaseActionForm):
    officer = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Officer"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        officers = selectors.assignable_officers(case=case)
        if case.assigned_to_id:
            officers = officers.exclude(pk=case.assigned_to_id)
        self.fields["officer"].queryset = officers


class CloseForm(CaseActionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CaseOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Closing note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was achieved, or why not; what the IKM should do next."),
    )


class CancelForm(CaseActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(CaseActionForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class VisitForm(CaseActionForm):
    date = forms.DateField(label=_("Date of the visit"), widget=DateInput)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("The IKM's workshop, the office, or another place."),
    )
    attendees = forms.CharField(
        label=_("Who attended"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names, and for each the IKM or the office they came from."),
    )
    note = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = office_today


class DocumentForm(CaseActionForm):
    uploaded_file = forms.FileField(
        label=_("Document"), help_text=_("PDF, JPEG or PNG, at most 10 MB.")
    )


class LicenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [str(obj.licence_type)]
        if obj.product_id:
            parts.append(obj.product.name)
        if obj.number:
            parts.append(obj.number)
        parts.append(obj.get_status_display())
        return " · ".join(parts)


class LinkLicenceForm(CaseActionForm):
    licence = LicenceChoiceField(
        queryset=Licence.objects.none(),
        label=_("Licence record"),
        help_text=_("A licence record of this IKM that the case helped to apply for or obtain."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["licence"].queryset = selectors.linkable_licences(case=case)

    @cached_property
    def empty_message(self) -> str:
        if self.fields["licence"].queryset.exists():
            return ""
        return _(
            "The IKM has no licence record to link yet: record the application on the IKM's "
            "page first."
        )


# The administrator's overdue limits


class OverdueRulesForm(forms.Form):
    """One number of days per goal, from the office's rules or the default."""

    def __init__(self, data=None, *, days_by_goal: dict[str, int], **kwargs):
        super().__init__(data, **kwargs)
        for goal, label in CaseGoal.choices:
            self.fields[goal] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=MAX_OVERDUE_DAYS,
                initial=days_by_goal[goal],
            )
