"""How form widgets become HTML: through Django's own widget templates, except inputs,
selects, text areas and labels, which are written here in Python.

A list's filter panel offers a city's hundreds of villages and sentras: through the template
engine each option costs a loop turn, an attribute include and several lookups (about 10 ms a
page for a large city), here a string format; a label cost a quarter of a millisecond. The
markup is the one of Django's ``input.html``, ``select.html``, ``select_option.html``,
``textarea.html``, ``label.html`` and the two ``attrs.html``.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
SELECT_TEMPLATE = f"{WIDGETS}select.html"
TEXTAREA_TEMPLATE = f"{WIDGETS}textarea.html"
LABEL_TEMPLATE = "django/forms/label.html"  # a field's label_tag and legend_tag
# The widget templates that are nothing but an include of input.html.
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
}


def escape(value) -> str:
    """Django's conditional_escape, without a SafeString per option: a lazy text is escaped as
    the text it gives (safe, if it gives a safe one)."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """Like attrs.html: True writes the bare name, False nothing, anything else name="value"."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return mark_safe(  # noqa: S308 -- every value in it is escaped
        f'<input type="{widget["type"]}" name="{escape(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{escape(option['label'])}</option>"
    )


def render_select(widget: dict) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{escape(group_name)}">')
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return mark_safe("\n".join(parts))  # noqa: S308 -- every value in it is escaped


def render_textarea(widget: dict) -> str:
    value = escape(widget["value"]) if widget["value"] else ""
    return mark_safe(  # noqa: S308 -- every value in it is escaped
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def render_label(context: dict) -> str:
    label = escape(context["label"])
    if not context["use_tag"]:
        return mark_safe(label)  # noqa: S308 -- escaped
    tag = context["tag"]
    attrs = _attrs(context["attrs"] or {})  # None for a widget of several inputs (no "for")
    return mark_safe(f"<{tag}{attrs}>{label}</{tag}>")  # noqa: S308 -- escaped


RENDERERS = {
    SELECT_TEMPLATE: lambda context: render_select(context["widget"]),
    TEXTAREA_TEMPLATE: lambda context: render_textarea(context["widget"]),
    LABEL_TEMPLATE: render_label,
    **{name: lambda context: render_input(context["widget"]) for name in INPUT_TEMPLATES},
}


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in RENDERERS:
            return RENDERERS[template_name](context)
        return super().render(template_name, context, request)
