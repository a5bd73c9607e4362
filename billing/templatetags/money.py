from django import template
from django.utils import translation

register = template.Library()


@register.filter
def cents(value) -> str:
    """Integer cents as dollars in the active language: 5 000,00 $ / $5,000.00."""
    value = int(value or 0)
    sign = "-" if value < 0 else ""
    dollars, rest = divmod(abs(value), 100)
    if translation.get_language() == "fr":
        whole = f"{dollars:,}".replace(",", "\u00a0")
        return f"{sign}{whole},{rest:02d}\u00a0$"
    return f"{sign}${dollars:,}.{rest:02d}"
