"""Office staff with one or more offices (issue 20).

A staff member holds one or more offices (the `StaffRole` keys), each as reviewer or
supervisor, stored on the user row (`User.staff_offices`, {office: level}); the superuser
holds every office as supervisor. `User.staff_role` stays the stored primary office (the
first one held) for the code written when a person had one role; reading it gives a
`StaffRoles`, a string equal to *each* office the person holds, so the checks written then
(`user.staff_role == "regulator"`, `!= CITY`, `if not user.staff_role`) keep working for a
person with two offices. No query: everything is on the user row.
"""

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

REVIEWER = "reviewer"
SUPERVISOR = "supervisor"
LEVELS = (REVIEWER, SUPERVISOR)


class StaffRole(models.TextChoices):
    """Office staff: each role reviews only its own service's queues."""

    ACCREDITATION_OFFICE = "accreditation_office", _("Accreditation office (operator matching)")
    REGULATOR = "regulator", _("Regulator (job board)")
    CERTIFICATION_OFFICE = "certification_office", _("Certification office (licensing)")
    MINISTRY = "ministry", _("Ministry (summer jobs)")
    CITY = "city", _("City (building permits)")


def office_keys() -> list[str]:
    return list(StaffRole.values)


class StaffRoles(str):
    """The primary office as a string, equal to every office the person holds.

    `"regulator" == user.staff_role` holds for anyone holding the regulator office, whatever
    the primary one; a person without an office equals "" and is false. The string value
    (what is saved, shown, and hashed) is the primary office."""

    roles: frozenset[str]

    def __new__(cls, primary: str, roles=frozenset()):
        value = super().__new__(cls, primary)
        value.roles = frozenset(roles) | ({primary} if primary else frozenset())
        return value

    def __eq__(self, other) -> bool:
        if isinstance(other, StaffRoles):
            return self.roles == other.roles
        if isinstance(other, str):
            return other in self.roles if self.roles else other == ""
        return NotImplemented

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = str.__hash__

    def __bool__(self) -> bool:
        return bool(self.roles)

    def __reduce__(self):
        return (StaffRoles, (str(self), self.roles))


def offices_of(user) -> dict[str, str]:
    """{office: level} of this person: the superuser supervises every office; the stored
    primary office without an entry counts as reviewer."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    if user.is_superuser:
        return dict.fromkeys(office_keys(), SUPERVISOR)
    held = {k: v for k, v in (user.staff_offices or {}).items() if v in LEVELS}
    primary = str(user.staff_role)  # the stored primary office (request.user may be lazy)
    if primary and primary not in held:
        held[primary] = REVIEWER
    return held


def supervises(user, office: str) -> bool:
    return offices_of(user).get(office) == SUPERVISOR


class StaffRoleDescriptor(DeferredAttribute):
    """Reads the stored primary office as a StaffRoles of every office held."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        primary = super().__get__(instance, cls) or ""
        if "staff_offices" not in instance.__dict__ and not primary:
            roles: frozenset[str] = frozenset()
        else:
            roles = frozenset(
                k
                for k, v in (getattr(instance, "staff_offices", None) or {}).items()
                if v in LEVELS
            )
        if instance.__dict__.get("is_superuser"):
            roles = frozenset(office_keys())
        return StaffRoles(primary, roles)

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = str(value) if value is not None else value


class StaffRoleField(models.CharField):
    """The stored primary office; see StaffRoleDescriptor. Migrations see a CharField."""

    descriptor_class = StaffRoleDescriptor

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
