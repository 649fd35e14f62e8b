"""Selects and inputs written in Python give the markup of Django's own widget templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from sentra_portal.form_renderer import PortalFormRenderer


class SampleForm(forms.Form):
    name = forms.CharField(max_length=20, help_text="Help")
    kind = forms.ChoiceField(
        choices=[("", "Any"), ("a", 'Kue "Bingka" <b>'), ("Group", [("b", "B"), ("c", "C")])],
        required=False,
    )
    tags = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y & Z")])
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "data-x": True}))
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea)  # still through the template


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": 'Sasirangan "Bjb" <i>', "kind": "b", "tags": ["x", "y"], "agree": "on"},
        {"kind": "a", "when": "2026-11-29"},
    ],
)
def test_every_widget_renders_as_with_django_s_templates(data):
    ours = SampleForm(data or None, renderer=PortalFormRenderer())
    django_s = SampleForm(data or None, renderer=DjangoTemplates())
    for name in SampleForm.base_fields:
        assert parse_html(str(ours[name])) == parse_html(str(django_s[name])), name


def test_labels_and_values_are_escaped():
    form = SampleForm({"name": '"><script>x</script>'}, renderer=PortalFormRenderer())
    html = str(form["name"]) + str(form["kind"])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html
