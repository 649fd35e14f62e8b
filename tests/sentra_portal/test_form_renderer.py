"""Selects and inputs written in Python give the markup of Django's own widget templates."""

import pytest
from django import forms
from django.forms import RadioSelect
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
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    unlabelled = forms.CharField(required=False)
    reach = forms.ChoiceField(
        choices=[("local", "Local"), ("ekspor", "Ekspor")], widget=RadioSelect
    )


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
        for tag in ("label_tag", "legend_tag"):
            ours_tag, django_s_tag = getattr(ours[name], tag)(), getattr(django_s[name], tag)()
            assert parse_html(ours_tag) == parse_html(django_s_tag), (name, tag)


def test_a_label_without_an_id_is_its_text_and_a_text_area_keeps_its_first_line():
    ours = SampleForm({"note": "\nfirst line"}, renderer=PortalFormRenderer(), auto_id=False)
    assert ours["name"].label_tag() == "Name:"
    assert str(ours["note"]).endswith(">\n\nfirst line</textarea>")


def test_labels_and_values_are_escaped():
    form = SampleForm(
        {"name": '"><script>x</script>', "note": "</textarea><script>"},
        renderer=PortalFormRenderer(),
    )
    form.fields["name"].label = "<i>Name</i>"
    html = str(form["name"]) + str(form["kind"]) + str(form["note"]) + form["name"].label_tag()
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html and "&lt;i&gt;" in html
