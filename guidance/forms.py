from django import forms
from django.utils.translation import gettext_lazy as _

from guidance.constants import CaseGoal
from guidance.models import Case
from licensing.models import LicenceType


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
