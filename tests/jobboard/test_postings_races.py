"""Races on real connections: two submissions for one credit, and the publish/expire job run
twice at the same instant."""

import datetime

import pytest
from django.utils import timezone

from billing.credits import balances
from billing.models import CreditEntry
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting
from portal.models import AuditEvent
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, give_credits, ready_group
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)
S = Posting.State


@pytest.mark.parametrize("attempt", range(3))
def test_two_submissions_with_one_credit_left(attempt):
    user = UserFactory()
    group = ready_group(user)
    give_credits(group, n=1)
    first, second = complete_posting(group, user), complete_posting(group, user)
    results = run_concurrently(
        lambda: services.posting_submit(posting=first, actor=user),
        lambda: services.posting_submit(posting=second, actor=user),
        refused=(JobboardError,),
    )
    assert sorted(isinstance(r, JobboardError) for r in results) == [False, True]
    assert balances(group)[services.ENGINEER] == 0
    assert Posting.objects.filter(state=S.IN_VALIDATION).count() == 1
    assert CreditEntry.objects.filter(reason="apply").count() == 1


@pytest.mark.parametrize("attempt", range(2))
def test_the_publish_expire_job_twice_at_once_changes_each_posting_once(attempt):
    user = UserFactory()
    group = ready_group(user)
    today = timezone.localdate()
    for _n in range(20):
        complete_posting(group, user, state=S.SCHEDULED, publish_mode="on_date", publish_on=today)
        complete_posting(
            group, user, state=S.ACTIVE, live=True, ends_on=today - datetime.timedelta(days=1)
        )
    results = run_concurrently(
        lambda: services.postings_publish_and_expire(today),
        lambda: services.postings_publish_and_expire(today),
    )
    assert sum(r["published"] for r in results) == 20
    assert sum(r["expired"] for r in results) == 20
    assert Posting.objects.filter(state=S.ACTIVE, live=True).count() == 20
    assert Posting.objects.filter(state=S.EXPIRED, live=False).count() == 20
    for verb in ("posting.active", "posting.expired"):
        per_posting = AuditEvent.objects.filter(verb=verb).values_list("subject_id", flat=True)
        assert len(per_posting) == len(set(per_posting)) == 20
