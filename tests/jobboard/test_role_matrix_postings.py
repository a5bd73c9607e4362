"""J3, the posting rows of roles.MATRIX: each role (and an outsider) gets exactly the pages and
actions its row allows."""

import pytest
from django.urls import reverse

from jobboard import roles
from jobboard.postings.models import Posting
from portal.access import group_permissions as effective_permissions
from portal.roles import MANAGER
from tests.factories import UserFactory, make_member
from tests.jobboard.postings_helpers import complete_posting, give_credits, ready_group, submitted

pytestmark = pytest.mark.django_db

ROLES = [MANAGER, roles.POSTING_MANAGER.key, roles.FINANCE_MANAGER.key]
POSTING_ROWS = [
    roles.VIEW_DASHBOARD,
    roles.MANAGE_POSTINGS,
    roles.CANCEL_IN_VALIDATION,
    roles.BUY,
    roles.VIEW_TRANSACTIONS,
]


def probe(client, group, posting, permission) -> bool:
    """Try what `permission` allows through the pages; True when it was allowed."""
    g = group.pk
    if permission == roles.VIEW_DASHBOARD:
        return client.get(reverse("jobboard:dashboard", args=[g])).status_code == 200
    if permission == roles.MANAGE_POSTINGS:
        client.post(reverse("jobboard:posting_create", args=[g]), {"profile": "engineer"})
        return Posting.objects.filter(group=group, state="draft").exists()
    if permission == roles.CANCEL_IN_VALIDATION:
        client.post(reverse("jobboard:posting_action", args=[g, posting.pk, "cancel_validation"]))
        return Posting.objects.get(pk=posting.pk).state == "draft"
    if permission == roles.BUY:
        return client.get(reverse("jobboard:buy", args=[g])).status_code == 200
    if permission == roles.VIEW_TRANSACTIONS:
        return client.get(reverse("billing:history", args=[g])).status_code == 200
    raise AssertionError(permission)


@pytest.mark.parametrize("permission", POSTING_ROWS)
@pytest.mark.parametrize("role", [*ROLES, "outsider"])
def test_role_matrix_row(client, alice, role, permission):
    group = ready_group(alice)
    posting = submitted(group, alice)
    user = UserFactory()
    if role == "outsider":
        other = ready_group(None, name="Autre firme")
        make_member(user, other, [MANAGER])
        expected = False
    else:
        make_member(user, group, [role])
        expected = role in roles.MATRIX[permission]
        assert (permission in effective_permissions(user, group)) is expected
    client.force_login(user)
    assert probe(client, group, posting, permission) is expected


def test_a_member_without_role_sees_nothing_of_the_postings(client, alice):
    group = ready_group(alice)
    give_credits(group)
    posting = complete_posting(group, alice)
    user = UserFactory()
    make_member(user, group, [])
    client.force_login(user)
    assert client.get(reverse("jobboard:dashboard", args=[group.pk])).status_code == 302
    for name, args in [
        ("postings", []),
        ("posting_create", []),
        ("posting_detail", [posting.pk]),
        ("packages", []),
    ]:
        assert client.get(reverse(f"jobboard:{name}", args=[group.pk, *args])).status_code == 403
