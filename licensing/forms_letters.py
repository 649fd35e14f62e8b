"""Forms of the letters: the office's letterhead settings, and issuing a recommendation."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.models import Licence, OfficeLetterhead
from licensing.selectors_letters import trademark_licences
from licensing.services.letters import LETTERHEAD_FIELDS
from registry.forms import VersionedForm
from registry.models import Ikm
from sentra_portal.models import Organisation

CITY_PREFIXES = ("Kota ", "Kabupaten ")


def letterhead_initial(organisation: Organisation) -> dict:
    """What a new letterhead starts from: the government and place from the office's region."""
    region = organisation.region.name
    place = region
    for prefix in CITY_PREFIXES:
        place = place.removeprefix(prefix)
    return {"government_name": f"PEMERINTAH {region.upper()}", "place_name": place}


class OfficeLetterheadForm(VersionedForm):
    class Meta:
        model = OfficeLetterhead
        fields = LETTERHEAD_FIELDS
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "signatory_nip": forms.TextInput(attrs={"inputmode": "numeric"}),
        }


def brand_of(licence: Licence) -> str:
    """The brand a trademark record is for: its product's brand, else the product's name."""
    if licence.product_id is None:
        return ""
    return licence.product.brand or licence.product.name


class TrademarkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Licence) -> str:
        parts = [brand_of(obj) or str(obj.licence_type), obj.get_status_display()]
        if obj.number:
            parts.insert(1, obj.number)
        if obj.nice_class:
            parts.append(gettext("class %(class)s") % {"class": obj.nice_class})
        return " · ".join(parts)


class RecommendationLetterForm(forms.Form):
    licence = TrademarkChoiceField(
        label=_("Trademark record"),
        queryset=Licence.objects.none(),
        required=False,
        empty_label=_("Not recorded yet: type the brand"),
    )
    brand = forms.CharField(
        label=_("Brand"),
        max_length=100,
        required=False,
        help_text=_("As it will be filed. Left empty, it is taken from the trademark record."),
    )
    nice_class = forms.IntegerField(
        label=_("Nice class"),
        min_value=1,
        max_value=45,
        required=False,
        help_text=_("1–34 for goods, 35–45 for services. Left empty, from the record."),
    )

    def __init__(self, *args, ikm: Ikm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].queryset = trademark_licences(ikm=ikm)

    def clean(self):
        cleaned = super().clean()
        licence = cleaned.get("licence")
        if licence is not None:
            if not cleaned.get("brand"):
                cleaned["brand"] = brand_of(licence)
            if cleaned.get("nice_class") is None and "nice_class" not in self.errors:
                cleaned["nice_class"] = licence.nice_class
        if not cleaned.get("brand") and "brand" not in self.errors:
            self.add_error("brand", gettext("Type the brand the letter is for."))
        if cleaned.get("nice_class") is None and "nice_class" not in self.errors:
            self.add_error("nice_class", gettext("Give the trademark's Nice class."))
        return cleaned
