from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """Whole rupiah the Indonesian way, whatever the page language: Rp 1.250.000."""
    if value is None or value == "":
        return "—"
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")
