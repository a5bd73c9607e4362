"""P4 under concurrency: two managers removing each other (or stepping down) through the
permits pages' services at the same instant, on two real connections: one wins."""

import pytest

from permits.services import linked_clear_permissions, linked_remove
from portal.models import Membership
from tests.factories import UserFactory
from tests.permits.helpers import link, register
from tests.portal.test_last_manager_race import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def two_managers():
    ann, ben = UserFactory(), UserFactory()
    account = register(ann)
    ann_m = Membership.objects.get(user=ann, group=account.group)
    ben_m = link(ben, account, ["manager"])
    return account, ann, ben, ann_m, ben_m


def managers(account):
    return Membership.objects.filter(
        group=account.group, status="active", roles__contains=["manager"]
    ).count()


@pytest.mark.parametrize("attempt", range(3))
def test_two_managers_removing_each_other(attempt):
    account, ann, ben, ann_m, ben_m = two_managers()
    outcomes = run_together(
        lambda: linked_remove(account=account, actor=ann, membership_ids=[ben_m.pk]),
        lambda: linked_remove(account=account, actor=ben, membership_ids=[ann_m.pk]),
    )
    assert outcomes == ["done", "refused"]
    assert managers(account) == 1


@pytest.mark.parametrize("attempt", range(3))
def test_two_managers_clearing_each_others_permissions(attempt):
    account, ann, ben, ann_m, ben_m = two_managers()
    outcomes = run_together(
        lambda: linked_clear_permissions(account=account, actor=ann, membership_ids=[ben_m.pk]),
        lambda: linked_clear_permissions(account=account, actor=ben, membership_ids=[ann_m.pk]),
    )
    assert outcomes == ["done", "refused"]
    assert managers(account) == 1
