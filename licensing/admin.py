"""The licence-type catalogue in the Django admin, for office administrators.

Labels, help texts, order and default validity may change; what existing records were
checked against may not: the code always, and once a type has licences, its number
patterns, scope, category, validity basis and fields. (`load_reference` restores the
catalogue from `licensing.catalogue`, so lasting changes belong there.)
"""

import re

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from licensing.models import LicenceType

# What the records of a type were validated against: fixed once the type has licences.
RULE_FIELDS = [
    "category",
    "scope",
    "number_pattern",
    "registration_pattern",
    "validity_basis",
    "extra_fields",
    "required_fields",
]


class LicenceTypeForm(forms.ModelForm):
    class Meta:
        model = LicenceType
        fields = [
            "code",
            "name",
            "category",
            "issuer",
            "scope",
            "number_label",
            "number_format",
            "number_pattern",
            "number_example",
            "registration_pattern",
            "registration_example",
            "validity_basis",
            "default_validity_months",
            "validity_note",
            "extra_fields",
            "required_fields",
            "sort_order",
        ]

    def clean(self):
        cleaned = super().clean()
        pattern = cleaned.get("number_pattern", self.instance.number_pattern)
        example = cleaned.get("number_example")
        if pattern and example and not _matches(pattern, example):
            self.add_error("number_example", _("The example must match the number pattern."))
        return cleaned


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return True  # the pattern's own validator reports it


@admin.register(LicenceType)
class LicenceTypeAdmin(admin.ModelAdmin):
    form = LicenceTypeForm
    list_display = [
        "code",
        "__str__",
        "category",
        "scope",
        "validity_basis",
        "default_validity_months",
        "sort_order",
    ]
    list_filter = ["category", "scope", "validity_basis"]
    search_fields = ["code", "name", "issuer"]
    ordering = ["sort_order", "code"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.licences.exists():
            return ["code", *RULE_FIELDS]
        return ["code"]

    def has_add_permission(self, request):
        return False  # types come from the catalogue (licensing/catalogue.py)

    def has_delete_permission(self, request, obj=None):
        return False  # licences refer to their type
