"""The employer space's menu: the user's job-board groups (switcher) and their permissions."""

from django import template

from jobboard.employer.queries import employer_groups
from portal.access import group_permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def employer_menu(context, group) -> dict:
    """Two queries: the groups for the switcher, the user's permissions in this group."""
    user = context["request"].user
    return {"groups": employer_groups(user), "perms": group_permissions(user, group)}
