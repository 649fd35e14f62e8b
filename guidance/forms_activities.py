"""The forms of the activity pages: record and edit an activity, choose participants, mark
attendance, link a certificate. They collect input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guidance.constants import ActivityOrganiser
from guidance.filters import activity_years
from guidance.forms import LicenceChoiceField
from guidance.models import Activity, province_code
from licensing.forms import DateInput
from licensing.models import Licence
from registry.forms import VersionedForm
from registry.models import Ikm
from sentra_portal.constants import OrganisationKind
from sentra_portal.models import Organisation, User

ACTIVITY_FORM_FIELDS = [
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "venue",
    "organiser",
    "city_office",
    "budget_source",
    "outputs",
]
ACTIVITY_WIDGETS = {
    "starts_on": DateInput,
    "ends_on": DateInput,
    "outputs": forms.Textarea(attrs={"rows": 4}),
}


class ActivityForm(VersionedForm):
    """A new activity of the user's office (organiser and partner office chosen once), or the
    edit of one (`instance`), where organiser and offices are fixed."""

    class Meta:
        model = Activity
        fields = ACTIVITY_FORM_FIELDS
        widgets = ACTIVITY_WIDGETS
        help_texts = {
            "outputs": _("What the activity produced: products, plans, agreements, numbers."),
            "city_office": _("For a joint activity: the city/regency office it is held with."),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organiser"]
            del self.fields["city_office"]
            return
        organiser = self.fields["organiser"]
        if user.is_provincial_officer:
            allowed = [ActivityOrganiser.PROVINCE, ActivityOrganiser.JOINT]
            self.fields["city_office"].queryset = Organisation.objects.filter(
                kind=OrganisationKind.CITY_OFFICE,
                region__code__startswith=f"{province_code(user.organisation.region_id)}.",
            ).order_by("name")
        else:
            allowed = [ActivityOrganiser.CITY, ActivityOrganiser.JOINT]
            del self.fields["city_office"]
        organiser.choices = [
            (value, label) for value, label in organiser.choices if value in allowed
        ]
        organiser.initial = allowed[0]

    def service_fields(self) -> dict:
        fields = super().service_fields()
        if fields.get("organiser") != ActivityOrganiser.JOINT:
            fields.pop("city_office", None)
        return fields


class IkmChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.nib or '—'}"


class ParticipantsForm(forms.Form):
    """The IKMs ticked among the search results; any IKM the user sees is accepted."""

    ikms = IkmChoices(queryset=Ikm.objects.none(), label=_("IKMs to add"))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ikms"].queryset = Ikm.objects.visible_to(user)


ATTENDANCE_CHOICES = [
    ("", _("Not marked")),
    ("yes", _("Attended")),
    ("no", _("Did not attend")),
]
_ATTENDED = {"": None, "yes": True, "no": False}
_CHOICE = {None: "", True: "yes", False: "no"}


class AttendanceForm(forms.Form):
    """Per participant: attended or not (or not marked yet), and a note."""

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for participant in self.participants:
            self.fields[f"attended_{participant.pk}"] = forms.ChoiceField(
                label=participant.ikm.name,
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=_CHOICE[participant.attended],
            )
            self.fields[f"note_{participant.pk}"] = forms.CharField(
                label=_("Note"), max_length=300, required=False, initial=participant.note
            )

    def rows(self):
        """(participant, attendance field, note field) for the template."""
        return [
            (participant, self[f"attended_{participant.pk}"], self[f"note_{participant.pk}"])
            for participant in self.participants
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "attendance": {p.pk: _ATTENDED[data[f"attended_{p.pk}"]] for p in self.participants},
            "notes": {p.pk: data[f"note_{p.pk}"] for p in self.participants},
        }


class CertificateForm(forms.Form):
    licence = LicenceChoiceField(
        queryset=Licence.objects.none(),
        label=_("Certificate"),
        help_text=_(
            "An issued licence or certificate of this IKM that the activity helped it obtain."
        ),
    )

    def __init__(self, *args, licences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].queryset = licences


class ReportYearForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=activity_years)
