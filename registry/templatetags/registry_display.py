from django import template

from sentra_portal.table_rows import choice_labels

register = template.Library()


@register.filter
def choice_label(instance, field_name: str) -> str:
    """The label of a field's value, for generated fields too (which have no
    ``get_FOO_display``): ``{{ ikm|choice_label:"industry_class" }}``. The lists' rows read
    the same labels once a table (`sentra_portal.table_rows.choice_labels`)."""
    value = getattr(instance, field_name)
    return choice_labels(type(instance), field_name).get(value, value)
