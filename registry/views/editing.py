"""What the record forms share: their page, a service's errors next to the fields, and the
edit conflict shown without losing either version."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from registry.forms import KbliCodeField, KbliCodesField
from sentra_portal.audit import history_for
from sentra_portal.errors import EditConflict


def render_form(request, *, form, heading, cancel_url, conflict=None):
    """A record form on its own page: errors next to the fields, the conflict above them."""
    context = {"form": form, "heading": heading, "cancel_url": cancel_url, "conflict": conflict}
    return render(request, "registry/form_page.html", context)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (at the top otherwise)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@dataclass(frozen=True)
class ConflictRow:
    """A field where the version saved meanwhile differs from the user's form."""

    name: str
    label: str
    theirs: object
    yours: object


@dataclass(frozen=True)
class Conflict:
    """Who saved the record while the user was editing it, and where the versions differ."""

    who: object
    when: object
    rows: list[ConflictRow]


def rebase_on_conflict(form: forms.ModelForm, conflict: EditConflict, make_form):
    """The user's form again, over the version saved meanwhile: their input kept, the new
    version in its hidden field (so that saving again after review works), the conflict
    message at the top. Returns the new form and the Conflict to show next to it."""
    data = form.data.copy()
    data["version"] = str(conflict.current.version)
    rebased = make_form(data=data, instance=conflict.current)
    rebased.is_valid()
    rebased.add_error(None, conflict)
    for name in form.files:
        rebased.add_error(
            name, _("Choose the file again: a form shown again cannot keep a chosen file.")
        )
    rows = [
        ConflictRow(
            name=name,
            label=rebased[name].label,
            theirs=_readable(rebased.fields[name], rebased[name].initial),
            yours=_readable(rebased.fields[name], rebased.cleaned_data.get(name)),
        )
        for name in rebased.changed_data
        if name != "version" and not isinstance(rebased.fields[name], forms.FileField)
    ]
    latest = history_for(conflict.current, limit=1)
    who, when = (latest[0].who, latest[0].when) if latest else (None, None)
    return rebased, Conflict(who=who, when=when, rows=rows)


def _readable(field: forms.Field, value):
    """A form value (initial or cleaned) as a person reads it; None when empty."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(field, (KbliCodeField, KbliCodesField)):
        return field.prepare_value(value)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in _instances(field, value))
    if isinstance(field, forms.ModelChoiceField):
        return next(iter(_instances(field, [value])), None)
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ChoiceField):
        return dict(_flat(field.choices)).get(value, value)
    return value


def _instances(field, values):
    """Model instances for a mix of instances and primary keys (initial values are keys)."""
    keys = [value for value in values if not hasattr(value, "pk")]
    found = field.queryset.in_bulk(keys) if keys else {}
    return [value if hasattr(value, "pk") else found.get(value, value) for value in values]


def _flat(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label
