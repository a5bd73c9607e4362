"""The five services, as each app declares itself for the dashboard (C2).

Each service app calls register_service() in its AppConfig.ready(). A service owns its check
of who takes part: `participation(user_id)` gives a queryset with rows only for a user who
takes part. `Service.participates` runs one service's check; `participations` runs every
service's in one statement (the dashboard). Both are compiled once per process (issue 19).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from portal.lib.compiled import combined, compiled


@dataclass(frozen=True)
class Service:
    key: str
    name: str | Promise
    description: str | Promise
    # The queryset, for a user id, whose rows exist only if that user takes part. It is
    # compiled with a stand-in id (portal.lib.compiled's rule: no time, translation or
    # setting in it; the user id must be a plain parameter).
    participation: Callable[[Any], QuerySet]
    # Who takes part by what their user row says (an office they hold), checked in Python
    # before `participation`: no query.
    participates_by_office: Callable[[Any], bool] | None = None
    url_name: str | None = None  # the service's home for a participant, once it has pages
    # Whether someone who does not take part may open url_name (to join or learn about it).
    # A service whose members are added by others (casework's providers) says False, and
    # its home is linked only for the people who take part (the menu walk's rule: a link a
    # role may not use is not shown).
    open_to_all: bool = True
    order: int = 0
    staff_role: str = ""  # the office that approves its organisations, groups and profiles
    contact_email: str = ""  # the office's address, in the page footer of the service
    # C1: once a user has an active or requested membership in one of this service's groups,
    # their sign-in e-mail is tied to the organisation and cannot be changed by them.
    locks_email: bool = False
    # A public site of the service for search engines: its sitemap's URL name (listed in
    # /robots.txt in every language).
    sitemap_url_name: str = ""
    # One entry per audience, linked from the portal home and the dashboard: (key, label, URL
    # name), e.g. job seekers to the public job site and employers to their space. Without
    # entries the service has one link, to url_name.
    entries: tuple[tuple[str, str | Promise, str], ...] = ()

    def participates(self, user) -> bool:
        """Whether `user` takes part in this service (one query; none for anonymous)."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.participates_by_office is not None and self.participates_by_office(user):
            return True
        query = compiled(("participates", self.key), _exists(self.participation), 1)
        return bool(query.rows(user.pk)[0][0])


def _exists(participation: Callable[[Any], QuerySet]) -> Callable[[Any], Any]:
    return lambda user_id: combined("SELECT EXISTS ({})", _bare(participation(user_id)))


def _bare(queryset: QuerySet) -> QuerySet:
    # EXISTS needs no columns nor order: the shortest statement.
    return queryset.order_by().values("pk")


_services: dict[str, Service] = {}


def register_service(service: Service) -> None:
    _services[service.key] = service


def get_service(key: str) -> Service:
    return _services[key]


def services() -> list[Service]:
    return sorted(_services.values(), key=lambda service: service.order)


def participations(user) -> set[str]:
    """The keys of the services `user` takes part in: every service's check in one statement
    (none for anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ordered = services()
    keys = tuple(service.key for service in ordered)

    def build(user_id):
        columns = ", ".join("EXISTS ({})" for _service in ordered)
        return combined(f"SELECT {columns}", *(_bare(s.participation(user_id)) for s in ordered))

    # One statement per set of registered services (the key names them all).
    row = compiled(("participations", keys), build, 1).rows(user.pk)[0]
    by_office = {
        s.key for s in ordered if s.participates_by_office and s.participates_by_office(user)
    }
    return by_office | {key for key, takes_part in zip(keys, row, strict=True) if takes_part}


def openable_services(user) -> set[str]:
    """The keys of the services whose home this user may open: every service open to all,
    and the closed ones they take part in (one query per closed service)."""
    signed_in = getattr(user, "is_authenticated", False)
    return {s.key for s in services() if s.open_to_all or (signed_in and s.participates(user))}


def email_locking_services(user) -> list[Service]:
    """The services that tie this user's sign-in e-mail (one query; none for anonymous)."""
    keys = [service.key for service in _services.values() if service.locks_email]
    if not keys or not getattr(user, "is_authenticated", False):
        return []
    from portal.models import Membership

    used = set(
        Membership.objects.filter(
            user=user,
            group__service__in=keys,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
        ).values_list("group__service", flat=True)
    )
    return [service for service in services() if service.key in used]
