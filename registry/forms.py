"""Forms of the record pages. They parse and check input field by field; the services in
`registry.services` apply the rules across fields and records, and write."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.constants import KBLI_2020
from registry.models import Ikm, Kbli, Product, Sentra, YearlySnapshot
from registry.models.ikms import phone_validator
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region, User

KBLI_CODE = re.compile(r"^\d{5}$")
KBLI_SEPARATORS = re.compile(r"[\s,;]+")


def _kbli_codes(text) -> list[str]:
    return [code for code in KBLI_SEPARATORS.split(text or "") if code]


def _kbli_lookup(codes: list[str]) -> list[Kbli]:
    """The KBLI 2020 entries of `codes`, in the order typed, or a ValidationError naming the
    codes that are malformed or not in the list."""
    malformed = [code for code in codes if not KBLI_CODE.match(code)]
    if malformed:
        raise ValidationError(
            _("A KBLI code has 5 digits, e.g. 10794: %(codes)s"),
            code="kbli_format",
            params={"codes": ", ".join(malformed)},
        )
    found = {kbli.code: kbli for kbli in Kbli.objects.filter(version=KBLI_2020, code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            _("Not in the KBLI %(version)s list: %(codes)s"),
            code="kbli_unknown",
            params={"version": KBLI_2020, "codes": ", ".join(unknown)},
        )
    return [found[code] for code in dict.fromkeys(codes)]


class KbliCodeField(forms.Field):
    """One KBLI code typed as its 5 digits; cleans to the Kbli."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        return value.code if isinstance(value, Kbli) else value

    def to_python(self, value):
        codes = _kbli_codes(value)
        if len(codes) > 1:
            raise ValidationError(_("Enter one KBLI code only."), code="kbli_one")
        return _kbli_lookup(codes)[0] if codes else None


class KbliCodesField(forms.Field):
    """Several KBLI codes typed with commas between them; cleans to a list of Kbli."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return ", ".join(kbli.code for kbli in value)

    def to_python(self, value):
        return _kbli_lookup(_kbli_codes(value))

    def has_changed(self, initial, data):
        return set(_kbli_codes(self.prepare_value(initial))) != set(_kbli_codes(data))


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (the villages of each district)."""

    template_name = "registry/widgets/grouped_checkboxes.html"


class PhotoInput(forms.ClearableFileInput):
    """The current photo links to its permission-checked view, not to a storage URL."""

    template_name = "registry/widgets/photo_input.html"
    current_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["current_url"] = self.current_url
        return context


def villages_by_district(city_code: str) -> tuple:
    """The villages of a city and the same as choices grouped by district, from one query."""
    villages = Region.objects.filter(
        level=RegionLevel.VILLAGE, code__startswith=f"{city_code}."
    ).select_related("parent")
    groups: dict[str, list] = {}
    for village in villages.order_by("parent__name", "name"):
        groups.setdefault(village.parent.name, []).append((village.pk, village.name))
    return villages, list(groups.items())


def _choose_villages(field, city_code: str) -> None:
    field.queryset, grouped = villages_by_district(city_code)
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) else []
    field.choices = empty + grouped


COORDINATES = {
    "latitude": (90, _("Decimal degrees, south negative, e.g. -3.3186.")),
    "longitude": (180, _("Decimal degrees, e.g. 114.5843.")),
}


def _check_coordinates(fields) -> None:
    """Latitude within ±90 and longitude within ±180, refused next to the field."""
    for name, (limit, help_text) in COORDINATES.items():
        field = fields[name]
        field.validators = [*field.validators, MinValueValidator(-limit), MaxValueValidator(limit)]
        field.widget.attrs.update(min=-limit, max=limit)
        field.help_text = help_text


class VersionedForm(forms.ModelForm):
    """A record form that carries the version it was opened at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]

    def service_fields(self) -> dict:
        """The cleaned values as the service takes them."""
        fields = dict(self.cleaned_data)
        fields.pop("version", None)
        return fields


class SentraForm(VersionedForm):
    kbli_codes = KbliCodesField(
        label=_("KBLI codes"),
        required=False,
        help_text=_("5-digit KBLI 2020 codes separated by commas, e.g. 10211, 10794."),
    )

    class Meta:
        model = Sentra
        fields = [
            "name",
            "commodity",
            "kbli_codes",
            "kelurahans",
            "address",
            "latitude",
            "longitude",
            "decree_number",
            "decree_date",
            "status",
            "chair_name",
            "contact_phone",
            "upt",
            "description",
            "photo",
        ]
        widgets = {
            "kelurahans": GroupedCheckboxes,
            "decree_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "photo": PhotoInput(attrs={"accept": "image/jpeg,image/png"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_villages(self.fields["kelurahans"], user.organisation.region_id)
        _check_coordinates(self.fields)
        if self.instance.pk and self.instance.photo:
            self.fields["photo"].widget.current_url = reverse(
                "registry:sentra_photo", args=[self.instance.pk]
            )

    def service_fields(self) -> dict:
        fields = super().service_fields()
        photo = fields.pop("photo")
        if photo is False:  # "clear" ticked
            fields["photo"] = ""
        elif isinstance(photo, UploadedFile):
            fields["photo"] = photo
        return fields


class IkmForm(VersionedForm):
    primary_kbli = KbliCodeField(
        label=_("primary KBLI"),
        required=False,
        help_text=_("The 5-digit KBLI 2020 code of the main business, e.g. 10794."),
    )
    other_kbli = KbliCodesField(
        label=_("other KBLI codes"),
        required=False,
        help_text=_("Further 5-digit codes separated by commas, e.g. 10213, 10792."),
    )

    class Meta:
        model = Ikm
        fields = [
            "name",
            "nib",
            "legal_form",
            "owner_name",
            "owner_gender",
            "phone",
            "email",
            "address",
            "kelurahan",
            "latitude",
            "longitude",
            "sentra",
            "primary_kbli",
            "other_kbli",
            "founding_year",
            "status",
            "workers_male",
            "workers_female",
            "investment",
            "production_value",
            "market_reach",
        ]
        widgets = {
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        localized_fields = ["investment", "production_value"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _choose_villages(self.fields["kelurahan"], user.organisation.region_id)
        _check_coordinates(self.fields)
        self.fields["sentra"].queryset = Sentra.objects.editable_by(user).order_by("name")
        self.initial["primary_kbli"] = self.instance.primary_kbli
        for name in ("investment", "production_value"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
            self.fields[name].help_text = _("Whole rupiah, e.g. 250.000.000.")
        self.fields["investment"].help_text = _(
            "Whole rupiah, excluding land and buildings, e.g. 250.000.000."
        )


class ProductForm(forms.ModelForm):
    kbli = KbliCodeField(
        label=_("KBLI"), required=False, help_text=_("Its 5-digit KBLI 2020 code, if known.")
    )

    class Meta:
        model = Product
        fields = ["name", "brand", "kbli", "capacity", "capacity_unit", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["kbli"] = self.instance.kbli if self.instance.kbli_id else None


class SnapshotForm(forms.ModelForm):
    """One year's figures; a new year must not be recorded already (correct it instead)."""

    class Meta:
        model = YearlySnapshot
        fields = [
            "year",
            "workers_male",
            "workers_female",
            "investment",
            "production_value",
            "market_reach",
        ]
        localized_fields = ["investment", "production_value"]

    def __init__(self, *args, ikm: Ikm, **kwargs):
        super().__init__(*args, **kwargs)
        self.ikm = ikm
        if self.instance.pk:
            self.fields["year"].disabled = True
        for name in ("investment", "production_value"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.instance.pk and self.ikm.snapshots.filter(year=year).exists():
            raise ValidationError(
                _("The figures of %(year)s are recorded already: correct them instead."),
                code="year_recorded",
                params={"year": year},
            )
        return year


class OwnerAccountForm(forms.Form):
    username = User._meta.get_field("username").formfield(
        help_text=_("Letters, digits and . _ - only, e.g. salmah.amplang.")
    )
    full_name = forms.CharField(label=_("full name"), max_length=150)
    email = forms.EmailField(
        label=_("e-mail"),
        required=False,
        help_text=_("If given, the invitation link is also sent there."),
    )
    phone = forms.CharField(
        label=_("phone/WhatsApp"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "off"


def _json_safe(value):
    return str(value) if isinstance(value, Decimal) else value


class ContactProposalForm(forms.ModelForm):
    """An owner's new contact details; only what they changed is proposed."""

    class Meta:
        model = Ikm
        fields = ["phone", "email", "address"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}

    def proposed_changes(self) -> dict:
        return {name: _json_safe(self.cleaned_data[name]) for name in self.changed_data}


class ProductProposalForm(forms.ModelForm):
    """An owner's new product, or the details of an existing one they changed."""

    class Meta:
        model = Product
        fields = ["name", "brand", "capacity", "capacity_unit", "is_published"]

    def proposed_changes(self) -> dict:
        names = self.changed_data if self.instance.pk else self.Meta.fields
        return {name: _json_safe(self.cleaned_data[name]) for name in names}


class DecisionForm(forms.Form):
    decision_note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when rejecting: the owner sees it."),
    )
