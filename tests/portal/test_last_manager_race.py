"""C5 under concurrency: two requests that would each leave the other as last manager run at
the same time on two real database connections; the group row lock lets one through."""

import pytest

from portal.errors import CoreError
from portal.models import Membership
from portal.services.memberships import account_delete, membership_remove, membership_set_roles
from tests.factories import GroupFactory, UserFactory, make_member
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    results = run_concurrently(*calls, refused=(CoreError,))
    return sorted("refused" if isinstance(r, CoreError) else "done" for r in results)


def two_managers():
    group = GroupFactory()
    ann, ben = UserFactory(), UserFactory()
    return (
        group,
        ann,
        ben,
        make_member(ann, group, ["manager"]),
        make_member(ben, group, ["manager"]),
    )


def active_managers(group):
    return Membership.objects.filter(
        group=group, status=Membership.Status.ACTIVE, roles__contains=["manager"]
    ).count()


@pytest.mark.parametrize("attempt", range(3))
def test_two_managers_removing_each_other(attempt):
    group, ann, ben, ann_m, ben_m = two_managers()
    outcomes = run_together(
        lambda: membership_remove(membership=ben_m, actor=ann),
        lambda: membership_remove(membership=ann_m, actor=ben),
    )
    assert outcomes == ["done", "refused"]
    assert active_managers(group) == 1


@pytest.mark.parametrize("attempt", range(3))
def test_two_managers_stepping_down_at_once(attempt):
    group, ann, ben, ann_m, ben_m = two_managers()
    outcomes = run_together(
        lambda: membership_set_roles(membership=ann_m, roles=[], actor=ann),
        lambda: membership_set_roles(membership=ben_m, roles=[], actor=ben),
    )
    assert outcomes == ["done", "refused"]
    assert active_managers(group) == 1


def test_account_deletion_racing_a_removal():
    group, ann, ben, ann_m, ben_m = two_managers()
    outcomes = run_together(
        lambda: account_delete(user=ann),
        lambda: membership_remove(membership=ben_m, actor=ben),
    )
    assert outcomes == ["done", "refused"]
    assert active_managers(group) == 1
