"""A form's fields and the main navigation, written in Python (`{% form_fields %}`,
`{% navigation_links %}`): what the user sees and what assistive technology needs."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from sentra_portal.templatetags.form_fields import form_fields

SAFE_HELP = lazy(lambda: mark_safe("<ul><li>Eight characters</li></ul>"), str)()


class SampleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(max_length=20, help_text='Kue "Bingka" <b>')
    password = forms.CharField(required=False, help_text=SAFE_HELP)
    agree = forms.BooleanField(required=False, label="I agree")
    reach = forms.ChoiceField(
        choices=[("local", "Local"), ("ekspor", "Ekspor")], widget=forms.RadioSelect
    )

    def clean(self):
        raise forms.ValidationError("Saved by someone else <first>.")


def test_each_field_has_its_label_help_and_errors_tied_to_it():
    form = SampleForm({"name": "", "version": "x"})

    with translation.override("en"):
        html = parse_html(form_fields(form))

    name = parse_html(
        '<div class="field field-invalid"><label for="id_name">Name:</label>'
        '<input type="text" name="name" maxlength="20" required aria-invalid="true" '
        'aria-describedby="id_name_helptext id_name_error" id="id_name">'
        '<div class="help" id="id_name_helptext">Kue &quot;Bingka&quot; &lt;b&gt;</div>'
        '<div class="field-errors" id="id_name_error"><p>This field is required.</p></div></div>'
    )
    assert html.count(name) == 1
    assert html.count(parse_html('<div class="help" id="id_password_helptext">' + SAFE_HELP)) == 1
    # The form's own error first, then a hidden field's error with its label.
    form_error = (
        '<div class="form-errors" role="alert"><p>Saved by someone else &lt;first&gt;.</p></div>'
    )
    assert html.count(parse_html(form_error)) == 1
    hidden_error = (
        '<div class="form-errors" role="alert"><p>Version: Enter a whole number.</p></div>'
    )
    assert html.count(parse_html(hidden_error)) == 1


def test_a_checkbox_comes_before_its_label_and_a_radio_group_gets_a_legend():
    form = SampleForm()

    html = form_fields(form)

    assert '<div class="field field-check"><input type="checkbox" name="agree"' in html
    assert '<label for="id_agree">I agree:</label>' in html
    assert html.index('name="agree"') < html.index('for="id_agree"')
    assert '<fieldset class="field"><legend>Reach:</legend><div id="id_reach">' in html
    assert html.count("<fieldset") == 1


def test_a_page_that_shows_the_form_s_own_errors_keeps_the_fields_free_of_them():
    form = SampleForm({"name": "Amplang", "reach": "local", "version": "3"})

    assert "Saved by someone else" in form_fields(form)
    assert "Saved by someone else" not in form_fields(form, non_field_errors_shown=True)


@pytest.mark.django_db
def test_the_navigation_marks_the_current_page_and_counts_what_is_unread(client, users):
    client.force_login(users["officer"])

    html = client.get("/registri/ikm/").content.decode()

    assert '<li><a href="/registri/ikm/" aria-current="page">IKM</a></li>' in html
    assert '<li><a href="/registri/sentra/">Sentra</a></li>' in html
    assert html.count('aria-current="page"') == 1
    assert 'id="nav-notifications" data-unread="0">Notifikasi</a>' in html
