from typing import Any

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.selectors import user_active_groups


def portal(request):
    """Site name, and the group switcher: the user's active groups (one query, only when a
    page shows it) and the current group, taken from the URL's group_id."""
    user = getattr(request, "user", None)
    groups: Any = SimpleLazyObject(lambda: user_active_groups(user)) if user else []
    match = getattr(request, "resolver_match", None)
    group_id = match.kwargs.get("group_id") if match else None

    def current():
        return next((g for g in groups if g.pk == group_id), None) if group_id else None

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEBUG": settings.DEBUG,
        "user_groups": groups,
        "current_group": SimpleLazyObject(current),
    }
