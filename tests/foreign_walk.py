"""The foreign-user walk (C6): every URL pattern of the portal is either public (no tenant
data, reason given) or a tenant URL, requested here by an outsider with ids that belong to
another organisation; the only acceptable answers are 403, 404 and 405.

A module that adds URLs adds them here: `test_every_url_is_classified` fails otherwise.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL names that show no tenant data, or only the user's own (why, in a word or two).
PUBLIC = {
    "home": "public page",
    "dashboard": "own services",
    "set_language": "own preference",
    "healthz": "health check",
    "session_status": "own session: seconds left",
    "session_renew": "own session: stay signed in",
    "robots_txt": "public crawl rules",
    "media": "public logos",
    "profile": "own profile",
    "my_groups": "own memberships",
    "organisation_search": "public registry",
    "organisation_detail": "public registry (active organisations only)",
    "organisation_new": "creates a request",
    "group_new": "request in an active organisation",
    "group_join": "request to an active group",
    "staff_inbox": "lists the staff member's own role only",
    "outbox": "superusers only",
    "outbox_message": "superusers only",
    "privacy": "public page",
    "accessibility": "public page",
    "terms": "public page",
}
# URL names of libraries whose pages show only the signed-in user's own account.
PUBLIC_PREFIXES = ("account_", "mfa_", "usersessions_", "admin:")


@dataclass
class Case:
    name: str
    kwargs: dict
    actor: object  # who tries: an outsider to the object


TenantCases = Callable[[object], list[Case]]


def core_cases(world) -> list[Case]:
    """Ids of Acme (alice, bob) requested by charlie, who manages Globex; staff review ids
    requested by staff of another role."""
    w = world
    cases = [
        Case("group_detail", {"group_id": w.acme.pk}, w.charlie),
        Case("group_edit", {"group_id": w.acme.pk}, w.charlie),
    ]
    for name in ("membership_decide", "membership_roles", "membership_remove"):
        # Someone else's group in the path…
        cases.append(
            Case(name, {"group_id": w.acme.pk, "membership_id": w.bob_in_acme.pk}, w.charlie)
        )
        # …and the outsider's own group with someone else's membership id.
        cases.append(
            Case(name, {"group_id": w.globex.pk, "membership_id": w.bob_in_acme.pk}, w.charlie)
        )
    cases.append(Case("private_file", {"pk": w.alice_file.pk}, w.charlie))
    cases.append(Case("staff_review", {"review_id": w.regulator_review.pk}, w.other_staff))
    return cases


def _app_case_modules():
    """tests/<app>/foreign_cases*.py (one per part of an app): `cases(world) -> list[Case]`
    (it may create the victim's objects in world.acme first) and `PUBLIC = {url: reason}`."""
    from importlib import import_module
    from pathlib import Path

    # An app may split its cases in several modules: foreign_cases.py, foreign_cases_<part>.py.
    for path in sorted(Path(__file__).parent.glob("*/foreign_cases*.py")):
        yield import_module(f"tests.{path.parent.name}.{path.stem}")


TENANT_CASES: list[TenantCases] = [core_cases]
for _module in _app_case_modules():
    TENANT_CASES.append(_module.cases)
    PUBLIC.update(getattr(_module, "PUBLIC", {}))


def url_names(resolver=None, prefix="") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def walk(client, world, builders=None) -> list[str]:
    """Request every tenant case as its outsider, by GET and POST; return the leaks."""
    leaks = []
    for builder in builders or TENANT_CASES:
        for case in builder(world):
            client.force_login(case.actor)
            url = reverse(case.name, kwargs=case.kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code not in {403, 404, 405}:
                    leaks.append(f"{method.upper()} {url} ({case.name}) -> {response.status_code}")
    return leaks
