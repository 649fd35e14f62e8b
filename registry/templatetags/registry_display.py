from django import template

register = template.Library()


@register.filter
def choice_label(instance, field_name: str) -> str:
    """The label of a field's value, for generated fields too (which have no
    ``get_FOO_display``): ``{{ ikm|choice_label:"industry_class" }}``."""
    field = instance._meta.get_field(field_name)
    field = getattr(field, "output_field", field)
    value = getattr(instance, field_name)
    return dict(field.flatchoices).get(value, value)
