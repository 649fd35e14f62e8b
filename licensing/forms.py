"""Forms of the licence page: a document upload, and the input of each status action."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import (
    DJKI_PENDING_STAGES,
    GRANTED_STATUSES,
    DjkiStage,
    ExtraField,
    LicenceCategory,
    LicenceStatus,
    ValidityBasis,
)
from licensing.models import Licence, LicenceType
from registry.forms import VersionedForm
from registry.models import Ikm, Product
from sentra_portal.constants import CITY_STAFF_ROLES
from sentra_portal.models import User


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


# Recording a licence, and correcting one


@dataclass(frozen=True)
class FieldGroup:
    """Some fields of a form under one legend, shaped like a form for `{% form_fields %}`."""

    legend: str
    fields: list
    hidden: list = field(default_factory=list)

    def visible_fields(self):
        return self.fields

    def hidden_fields(self):
        return self.hidden

    def non_field_errors(self):
        return []


def _extra_field(name: str, *, licence_type: LicenceType | None, ikm_id: int) -> forms.Field:
    """The form field of one of the type's extra fields; required once issued (the model
    checks that), so optional here."""
    formfield = Licence._meta.get_field(name).formfield()
    formfield.required = False
    if name == ExtraField.DISTRIBUTION_PERMIT:
        formfield.queryset = Licence.objects.filter(
            ikm_id=ikm_id, licence_type__category=LicenceCategory.DISTRIBUTION_PERMIT
        ).select_related("licence_type", "product")
    if (
        name == ExtraField.REGISTRATION_NUMBER
        and licence_type
        and licence_type.registration_example
    ):
        formfield.help_text = gettext("e.g. %(example)s") % {
            "example": licence_type.registration_example
        }
    return formfield


def _date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, required=False, help_text=help_text)


def _group(form: forms.BaseForm, legend, names, *, hidden=()) -> FieldGroup | None:
    fields = [form[name] for name in names if name in form.fields]
    return FieldGroup(legend, fields, list(hidden)) if fields else None


DETAIL_NAMES = [name for name in ExtraField.values if name != ExtraField.DJKI_STAGE]
RECORD_STATUSES = [LicenceStatus.PLANNED, LicenceStatus.APPLIED, LicenceStatus.ISSUED]


class LicenceRecordForm(forms.Form):
    """A licence of one IKM: its type and product, the status it has reached, and what that
    status needs. Built for a type when one is chosen (its number format, its fields only);
    otherwise it shows every field, and the service checks them against the type chosen."""

    licence_type = forms.ModelChoiceField(label=_("Type"), queryset=LicenceType.objects.none())
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        required=False,
        help_text=_("For the licences held per product."),
    )
    status = forms.ChoiceField(
        label=_("Status now"),
        choices=[(status.value, status.label) for status in RECORD_STATUSES],
        initial=LicenceStatus.PLANNED,
        widget=forms.RadioSelect,
        help_text=_(
            "Planned: needed, not applied for yet. Applied: the application is filed. "
            "Issued: the licence was granted."
        ),
    )
    number = forms.CharField(
        label=_("Number"),
        max_length=60,
        required=False,
        help_text=_("The licence's number once issued, or the application number if it has one."),
    )
    applied_on = _date_field(_("Filing date"), _("For an applied or issued licence, if known."))
    issued_on = _date_field(_("Issue date"), _("For an issued licence."))
    valid_until = _date_field(
        _("Valid until"),
        _("For an issued licence. Leave empty to count it as the licence type says."),
    )
    djki_stage = forms.ChoiceField(
        label=_("DJKI stage"),
        required=False,
        choices=[("", "—")]
        + [(stage.value, stage.label) for stage in DjkiStage if stage in DJKI_PENDING_STAGES],
        help_text=_("For an application at DJKI: how far it has come."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args,
        ikm: Ikm,
        licence_type: LicenceType | None = None,
        refresh_url: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.chosen_type = licence_type
        if refresh_url:  # with htmx, choosing a type shows that type's fields at once
            self.fields["licence_type"].widget.attrs.update(
                {
                    "data-hx-get": refresh_url,
                    "data-hx-trigger": "change",
                    "data-hx-include": "[name='status'], [name='product']",
                    "data-hx-target": "#licence-form",
                    "data-hx-select": "#licence-form",
                    "data-hx-swap": "outerHTML",
                }
            )
        # One query for the choices and the help texts; the queryset checks the input.
        types = list(LicenceType.objects.order_by("sort_order", "code"))
        self.fields["licence_type"].queryset = LicenceType.objects.all()
        self.fields["licence_type"].choices = [("", _("Choose a type"))] + [
            (kind.pk, str(kind)) for kind in types
        ]
        self.fields["product"].queryset = ikm.products.order_by("name", "pk")
        if licence_type is None:
            self._add_every_detail_field(types, ikm_id=ikm.pk)
        else:
            self._fit_to_type(licence_type, ikm_id=ikm.pk)

    def _add_every_detail_field(self, types: list[LicenceType], *, ikm_id: int) -> None:
        for name in DETAIL_NAMES:
            formfield = _extra_field(name, licence_type=None, ikm_id=ikm_id)
            users = ", ".join(str(kind) for kind in types if kind.uses(name))
            formfield.help_text = " ".join(
                text
                for text in [str(formfield.help_text), gettext("For %(types)s.") % {"types": users}]
                if text
            )
            self.fields[name] = formfield

    def _fit_to_type(self, kind: LicenceType, *, ikm_id: int) -> None:
        self.initial.setdefault("licence_type", kind.pk)
        if kind.is_per_product:
            self.fields["product"].required = True
            self.fields["product"].help_text = ""
        else:
            del self.fields["product"]
        self.fields["number"].label = capfirst(gettext(kind.number_label))
        self.fields["number"].help_text = kind.number_help_text()
        if not kind.uses(ExtraField.DJKI_STAGE):
            del self.fields["djki_stage"]
        if kind.validity_basis == ValidityBasis.NO_EXPIRY:
            del self.fields["valid_until"]
        for name in kind.extra_fields:
            if name != ExtraField.DJKI_STAGE:
                self.fields[name] = _extra_field(name, licence_type=kind, ikm_id=ikm_id)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("licence_type")
        if kind and kind == self.chosen_type:
            unused = [
                str(ExtraField(name).label)
                for name in DETAIL_NAMES
                if name not in self.fields and self.data.get(name, "").strip()
            ]
            if unused:
                raise ValidationError(
                    _("%(type)s does not use: %(fields)s. The form now shows its own fields."),
                    params={"type": kind, "fields": ", ".join(unused)},
                    code="unused_fields",
                )
        return cleaned

    def groups(self) -> list[FieldGroup]:
        groups = [
            _group(self, _("The licence"), ["licence_type", "product", "status", "number"]),
            _group(self, _("Dates"), ["applied_on", "issued_on", "valid_until"]),
            _group(
                self,
                _("Fields of this type") if self.chosen_type else _("Fields of some types"),
                ["djki_stage", *DETAIL_NAMES],
            ),
            _group(self, "", ["notes"]),
        ]
        return [group for group in groups if group]

    def service_fields(self) -> dict:
        """The cleaned values as `licence_record` takes them."""
        return dict(self.cleaned_data)


class LicenceEditForm(VersionedForm):
    """Corrections to a recorded licence: what its status has, never the status itself."""

    class Meta:
        model = Licence
        fields = [
            "number",
            "issuer",
            "officer",
            "applied_on",
            "issued_on",
            "valid_until",
            *DETAIL_NAMES,
            "notes",
        ]
        labels = {"applied_on": _("Filing date"), "issued_on": _("Issue date")}
        widgets = {
            "applied_on": DateInput,
            "issued_on": DateInput,
            "valid_until": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        licence = self.instance
        kind = licence.licence_type
        status = licence.status
        unused = [name for name in DETAIL_NAMES if not kind.uses(name)]
        if status == LicenceStatus.PLANNED:
            unused += ["number", "applied_on", *DETAIL_NAMES]
        if status not in GRANTED_STATUSES:
            unused += ["issued_on", "valid_until"]
        elif kind.validity_basis == ValidityBasis.NO_EXPIRY:
            unused.append("valid_until")
        for name in set(unused):
            self.fields.pop(name, None)
        if "number" in self.fields:
            self.fields["number"].label = capfirst(gettext(kind.number_label))
            self.fields["number"].help_text = kind.number_help_text()
            self.fields["number"].required = status in GRANTED_STATUSES
        if "issued_on" in self.fields:
            self.fields["issued_on"].required = True
        if "valid_until" in self.fields:
            self.fields["valid_until"].help_text = _(
                "Leave empty to count it as the licence type says."
            )
        # The city's staff, and whoever is in charge now even if their account was closed.
        self.fields["officer"].queryset = User.objects.filter(
            Q(is_active=True) | Q(pk=licence.officer_id),
            organisation__region_id=licence.ikm.city_id,
            role__in=sorted(CITY_STAFF_ROLES),
        ).order_by("first_name", "username")
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

    def groups(self) -> list[FieldGroup]:
        groups = [
            _group(
                self,
                _("The licence"),
                ["number", "issuer", "officer"],
                hidden=self.hidden_fields(),
            ),
            _group(self, _("Dates"), ["applied_on", "issued_on", "valid_until"]),
            _group(self, _("Fields of this type"), DETAIL_NAMES),
            _group(self, "", ["notes"]),
        ]
        return [group for group in groups if group]
