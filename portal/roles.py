"""Role presets (C6). Each app declares its permissions and roles here, in its
AppConfig.ready(); a membership's roles become guardian object permissions on its group.

The core declares one role, the principal manager: it approves members, assigns roles and
holds every permission of its group's service ("Manage implies all").
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MANAGER = "manager"
MANAGE_GROUP = "portal_manage_group"


@dataclass(frozen=True)
class Role:
    key: str
    label: str | Promise
    permissions: frozenset[str] = field(default_factory=frozenset)
    service: str = ""  # "" for the core's own role
    description: str | Promise = ""


_roles: dict[str, Role] = {}
_permissions: dict[str, str | Promise] = {}  # codename -> label


def register_permission(codename: str, label: str | Promise) -> str:
    _permissions[codename] = label
    return codename


def register_role(role: Role) -> Role:
    unknown = role.permissions - _permissions.keys()
    if unknown:
        raise ValueError(f"register the permissions {sorted(unknown)} before role {role.key}")
    _roles[role.key] = role
    return role


def registered_permissions() -> dict[str, str | Promise]:
    return dict(_permissions)


def get_role(key: str) -> Role:
    return _roles[key]


def find_role(key: str) -> Role | None:
    """The role of this key, or None when the key names no role."""
    return _roles.get(key)


def roles_for_service(service: str) -> list[Role]:
    """The roles a manager may give in a group of `service`: the manager first."""
    return [_roles[MANAGER]] + [r for r in _roles.values() if r.service and r.service == service]


def permissions_for(roles: Iterable[str], service: str) -> set[str]:
    keys = set(roles)
    perms: set[str] = set()
    for key in keys:
        perms |= _roles[key].permissions
    if MANAGER in keys:
        for role in roles_for_service(service):
            perms |= role.permissions
        # "Manage implies all", also for a permission no other role holds (the job board's
        # "cancel a posting in validation" is the principal manager's alone).
        if service:
            perms |= {codename for codename in _permissions if codename.startswith(f"{service}_")}
    return perms


register_permission(MANAGE_GROUP, _("Manage the group: members, roles, details"))
register_role(
    Role(
        MANAGER,
        _("Principal manager"),
        frozenset({MANAGE_GROUP}),
        description=_("Approves members, assigns roles and may do everything in the group."),
    )
)
