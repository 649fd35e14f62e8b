from functools import cache

from django import template

register = template.Library()


@cache
def _labels(field) -> dict:
    """A field's value → label map, built once (the labels stay lazy: translated when shown)."""
    return dict(field.flatchoices)


@register.filter
def choice_label(instance, field_name: str) -> str:
    """The label of a field's value, for generated fields too (which have no
    ``get_FOO_display``), and cheaper than it in a long list:
    ``{{ ikm|choice_label:"industry_class" }}``."""
    field = instance._meta.get_field(field_name)
    field = getattr(field, "output_field", field)
    value = getattr(instance, field_name)
    return _labels(field).get(value, value)
