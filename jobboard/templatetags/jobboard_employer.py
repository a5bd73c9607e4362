"""The employer space's menu: the user's job-board groups (switcher) and their permissions."""

from django import template

from billing.queries import cart_count
from jobboard import roles
from jobboard.employer.queries import employer_groups
from portal.access import group_permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def employer_menu(context, group) -> dict:
    """Two queries: the groups for the switcher, the user's permissions in this group; a
    third for the cart link's count, shown to those who may buy."""
    user = context["request"].user
    perms = group_permissions(user, group)
    cart = cart_count(group) if roles.BUY in perms else None
    return {"groups": employer_groups(user), "perms": perms, "cart": cart}
