from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(cents: int) -> str:
    """Integer cents as dollars in the page's language: $1,250.00 / 1 250,00 $."""
    amount = number_format(Decimal(cents) / 100, 2, use_l10n=True, force_grouping=True)
    return _("$%(amount)s") % {"amount": amount}
