"""The form that records an IKM's part in P3DN, on the IKM page and on its own page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from licensing.constants import P3dnKind
from licensing.dates import office_today
from licensing.forms import DateInput

# The form's fields are named `p3dn-…` so that they never clash with other forms of the
# IKM page.
P3DN_PREFIX = "p3dn"


class P3dnParticipationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of participation"), choices=P3dnKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("e.g. the event, the buyer met, the products shown."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", P3DN_PREFIX)
        super().__init__(*args, **kwargs)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > office_today():
            raise ValidationError(
                _("Record a participation once it has taken place: the date is in the future."),
                code="future",
            )
        return date
