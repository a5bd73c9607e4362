"""J3: the seed's permission sheet (jobboard.roles.MATRIX), walked row by row for each role
and for an outsider: the permission is held exactly by the roles of its row, and the pages
of that row answer accordingly (allowed: 2xx/3xx; refused: 403, or 404 for an outsider).

Rows whose pages live elsewhere add a check to ROW_ACTIONS (permission -> list of actions).
"""

from collections.abc import Callable

import pytest
from django.urls import reverse

from jobboard.roles import FINANCE_MANAGER, MATRIX, POSTING_MANAGER
from portal.access import group_permissions
from portal.models import Group, Membership
from portal.roles import MANAGE_GROUP, MANAGER
from tests.factories import GroupFactory, UserFactory, make_member
from tests.jobboard.helpers import png

pytestmark = pytest.mark.django_db

ROLES = [MANAGER, POSTING_MANAGER.key, FINANCE_MANAGER.key]
OUTSIDER = "outsider"

COMPANY_INFO = {
    "company_name": "Acme",
    "street_address": "1 rue du Port",
    "city": "Québec",
    "province": "QC",
    "postal_code": "G1K 4A1",
    "phone": "418-555-0100",
}

# An action: (client, group) -> HTTP status. The client is signed in as the person tried.
Action = Callable[[object, Group], int]


def _approve_member(client, group) -> int:
    waiting = make_member(UserFactory(), group, status="requested")
    url = reverse("membership_decide", kwargs={"group_id": group.pk, "membership_id": waiting.pk})
    return client.post(url, {"decision": "approve"}).status_code


def _refuse_member(client, group) -> int:
    waiting = make_member(UserFactory(), group, status="requested")
    url = reverse("membership_decide", kwargs={"group_id": group.pk, "membership_id": waiting.pk})
    return client.post(url, {"decision": "refuse", "note": "non"}).status_code


def _assign_roles(client, group) -> int:
    member = make_member(UserFactory(), group, [])
    url = reverse("membership_roles", kwargs={"group_id": group.pk, "membership_id": member.pk})
    return client.post(url, {f"m{member.pk}-roles": [FINANCE_MANAGER.key]}).status_code


def _edit_company_info(client, group) -> int:
    url = reverse("jobboard:company", kwargs={"group_id": group.pk})
    return client.post(url, {**COMPANY_INFO, "logo": png()}).status_code


ROW_ACTIONS: dict[str, list[Action]] = {
    MANAGE_GROUP: [_approve_member, _refuse_member, _assign_roles, _edit_company_info],
}


def _person(role: str, group: Group):
    user = UserFactory()
    if role == OUTSIDER:
        make_member(user, GroupFactory(), [MANAGER])  # a manager elsewhere
    else:
        make_member(user, group, [role])
    return user


def _allowed(status: int) -> bool:
    return 200 <= status < 400


@pytest.mark.parametrize("permission", sorted(MATRIX))
@pytest.mark.parametrize("role", [*ROLES, OUTSIDER])
def test_matrix_row(client, permission, role):
    group = GroupFactory()
    make_member(UserFactory(), group, [MANAGER])  # the group keeps a principal manager
    user = _person(role, group)
    expected = role in MATRIX[permission]
    assert (permission in group_permissions(user, group)) is expected
    client.force_login(user)
    for action in ROW_ACTIONS.get(permission, []):
        status = action(client, group)
        if expected:
            assert _allowed(status), (action.__name__, status)
        else:
            assert status == (404 if role == OUTSIDER else 403), (action.__name__, status)


def test_refused_actions_change_nothing(client):
    group = GroupFactory()
    make_member(UserFactory(), group, [MANAGER])
    client.force_login(_person(POSTING_MANAGER.key, group))
    _approve_member(client, group)
    _assign_roles(client, group)
    _edit_company_info(client, group)
    assert Membership.objects.filter(group=group, status="requested").count() == 1
    assert not Membership.objects.filter(group=group, roles=[FINANCE_MANAGER.key]).exists()
    group.refresh_from_db()
    assert not group.logo


@pytest.mark.parametrize("role", [*ROLES, OUTSIDER])
def test_edit_own_profile_row(client, role):
    """ "Edit own profile": every role of the group; an outsider gets 404."""
    group = GroupFactory()
    user = _person(role, group)
    client.force_login(user)
    url = reverse("jobboard:profile", kwargs={"group_id": group.pk})
    data = {"first_name": "A", "last_name": "B", "phone": "418-555-0100", "job_title": "Ing."}
    status = client.post(url, data).status_code
    assert status == (404 if role == OUTSIDER else 302)
