"""Forms of the licence page: a document upload, and the input of each status action."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import DJKI_PENDING_STAGES, DjkiStage, ExtraField, LicenceCategory
from licensing.models import Licence


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Scan of the licence"), help_text=_("PDF, JPEG or PNG, at most 10 MB.")
    )


class ApplyForm(forms.Form):
    applied_on = forms.DateField(label=_("Filing date"), widget=DateInput)
    number = forms.CharField(
        label=_("Application number"),
        max_length=60,
        required=False,
        help_text=_("If the issuer gave one when the application was filed."),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class OptionalNoteForm(NoteForm):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RenewForm(forms.Form):
    applied_on = forms.DateField(
        label=_("Filing date"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty when the renewal has not been filed yet."),
    )


class DjkiStageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("DJKI stage"),
        choices=[(stage.value, stage.label) for stage in DjkiStage if stage in DJKI_PENDING_STAGES],
    )


class EmptyForm(forms.Form):
    """An action that asks for nothing but the click."""


class IssueForm(forms.Form):
    """Issue date, number and valid-until, and the extra fields of the licence's type."""

    issued_on = forms.DateField(label=_("Issue date"), widget=DateInput)
    number = forms.CharField(label=_("Number"), max_length=60)
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty to count it as the licence type says."),
    )

    def __init__(self, *args, licence: Licence, **kwargs):
        super().__init__(*args, **kwargs)
        kind = licence.licence_type
        self.fields["number"].help_text = kind.number_help_text()
        self.fields["number"].initial = licence.number
        for name in kind.extra_fields:
            if name == ExtraField.DJKI_STAGE:
                continue  # follows the status
            field = Licence._meta.get_field(name).formfield()
            field.required = name in kind.required_fields
            self.fields[name] = field
        if ExtraField.DISTRIBUTION_PERMIT in self.fields:
            self.fields[ExtraField.DISTRIBUTION_PERMIT].queryset = Licence.objects.filter(
                ikm_id=licence.ikm_id,
                product_id=licence.product_id,
                licence_type__category=LicenceCategory.DISTRIBUTION_PERMIT,
            ).select_related("licence_type", "product")
        if ExtraField.REGISTRATION_NUMBER in self.fields and kind.registration_example:
            self.fields[ExtraField.REGISTRATION_NUMBER].help_text = gettext("e.g. %(example)s") % {
                "example": kind.registration_example
            }
