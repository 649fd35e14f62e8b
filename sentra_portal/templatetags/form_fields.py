"""The fields of a form as every form of the portal shows them, written in Python:
``{% form_fields form %}``.

Through the template engine each field was a loop turn and a dozen lookups and tests; here it
is one format string (the case page's action forms: a million instructions less, of its 80).
The widgets and labels themselves, most of a form's cost, come from the form renderer
(`sentra_portal.form_renderer`), as before.
"""

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe

from sentra_portal.form_renderer import escape

register = template.Library()


@register.simple_tag
def form_fields(form, non_field_errors_shown: bool = False) -> SafeString:
    """The fields of `form` (or of a group of its fields shaped like one), each with its label,
    help text and errors next to it (Django ties the input to both with aria-describedby).
    Widgets of several inputs (checkbox groups) come in a fieldset with a legend; a single
    checkbox comes before its label. A page that shows the form's own errors above other
    content first passes ``non_field_errors_shown=True``."""
    parts = []
    errors = form.non_field_errors()
    if errors and not non_field_errors_shown:
        parts.append(_alert(f"<p>{escape(error)}</p>" for error in errors))
    for hidden in form.hidden_fields():
        if hidden.errors:
            label = escape(hidden.label)
            parts.append(_alert(f"<p>{label}: {escape(error)}</p>" for error in hidden.errors))
        parts.append(escape(hidden))
    parts.extend(
        _fieldset(field) if field.use_fieldset else _field(field) for field in form.visible_fields()
    )
    return mark_safe("\n".join(parts))  # noqa: S308 -- every value in it is escaped


def _alert(paragraphs: Iterable[str]) -> str:
    return f'<div class="form-errors" role="alert">{"".join(paragraphs)}</div>'


def _fieldset(field) -> str:
    errors = field.errors
    invalid = " field-invalid" if errors else ""
    described = field.aria_describedby
    described_by = f' aria-describedby="{escape(described)}"' if described else ""
    return (
        f'<fieldset class="field{invalid}"{described_by}>{escape(field.legend_tag())}'
        f"{_help_and_errors(field, errors)}{escape(field)}</fieldset>"
    )


def _field(field) -> str:
    errors = field.errors
    checkbox = field.widget_type == "checkbox"
    classes = "field" + (" field-check" if checkbox else "") + (" field-invalid" if errors else "")
    label, widget = escape(field.label_tag()), escape(field)
    labelled = f"{widget} {label}" if checkbox else f"{label} {widget}"
    return f'<div class="{classes}">{labelled}{_help_and_errors(field, errors)}</div>'


def _help_and_errors(field, errors) -> str:
    parts = []
    field_id = escape(field.auto_id)
    if field.help_text:
        parts.append(f'<div class="help" id="{field_id}_helptext">{escape(field.help_text)}</div>')
    if errors:
        messages = "".join(f"<p>{escape(error)}</p>" for error in errors)
        parts.append(f'<div class="field-errors" id="{field_id}_error">{messages}</div>')
    return "".join(parts)
