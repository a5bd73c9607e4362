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

    def service():
        """The service the page belongs to (its URL namespace, or the current group's)."""
        from portal.service_registry import services

        by_key = {s.key: s for s in services()}
        namespace = match.namespace if match else ""
        if namespace in by_key:
            return by_key[namespace]
        group = current()
        return by_key.get(group.service) if group is not None else None

    return {
        "current_service": SimpleLazyObject(service),
        "SITE_NAME": settings.SITE_NAME,
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEBUG": settings.DEBUG,
        "user_groups": groups,
        "current_group": SimpleLazyObject(current),
    }
