"""The five services, as each app declares itself for the dashboard (C2).

Each service app calls register_service() in its AppConfig.ready(); `participates` answers
with one query whether a user takes part in that service.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Service:
    key: str
    name: str | Promise
    description: str | Promise
    participates: Callable[[object], bool]
    url_name: str | None = None  # the service's home for a participant, once it has pages
    order: int = 0
    staff_role: str = ""  # the office that approves its organisations, groups and profiles
    contact_email: str = ""  # the office's address, in the page footer of the service


_services: dict[str, Service] = {}


def register_service(service: Service) -> None:
    _services[service.key] = service


def get_service(key: str) -> Service:
    return _services[key]


def services() -> list[Service]:
    return sorted(_services.values(), key=lambda service: service.order)
