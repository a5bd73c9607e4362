"""Reads of the employer side, scoped and with a fixed number of queries whatever the rows."""

from dataclasses import dataclass

from django.db.models import QuerySet

from portal.access import active_memberships
from portal.models import Group, Membership, Organisation
from portal.roles import roles_for_service
from portal.selectors import organisation_search

SERVICE = "jobboard"


def employer_groups(user) -> list[Group]:
    """The user's active job-board groups, for the group switcher (the request's memo of
    memberships: no query of its own when the header already read them)."""
    return [
        m.group
        for m in active_memberships(user)
        if m.group.service == SERVICE and m.group.status == Group.Status.ACTIVE
    ]


@dataclass
class SearchRow:
    organisation: Organisation
    duplicate_of: Organisation | None  # the first row with the same NEQ, shown just above


def search_rows(query: str) -> list[SearchRow]:
    """The core's organisation search (trigram + NEQ, with users and duplicates), with rows
    that share an NEQ put side by side so imported duplicates are seen together (J1)."""
    results = list(organisation_search(query))
    by_number: dict[str, list[Organisation]] = {}
    order: list[str] = []
    for organisation in results:
        key = organisation.registry_number or f"#{organisation.pk}"
        if key not in by_number:
            by_number[key] = []
            order.append(key)
        by_number[key].append(organisation)
    rows: list[SearchRow] = []
    for key in order:
        # The record people already use first, then the imported ones.
        same = sorted(
            by_number[key],
            key=lambda o: (not getattr(o, "has_users", False), o.imported, o.legal_name),
        )
        rows.extend(
            SearchRow(organisation=o, duplicate_of=same[0] if i else None)
            for i, o in enumerate(same)
        )
    return rows


def company_members(organisation: Organisation) -> QuerySet[Membership]:
    """ "My profile": the company's users in its job-board groups, with role and group."""
    return (
        Membership.objects.filter(
            group__organisation=organisation,
            group__service=SERVICE,
            status=Membership.Status.ACTIVE,
        )
        .select_related("user__employer_person", "group")
        .order_by("group__name", "user__last_name", "user__first_name", "pk")
    )


def role_labels() -> dict[str, str]:
    return {role.key: str(role.label) for role in roles_for_service(SERVICE)}
