"""Races on real connections: two confirmations of a posting's targeted send, the send's task
delivered twice at once, and the employer alerts job run twice at once."""

import pytest
from django.core import mail
from django.utils import timezone

from jobboard.boosts import alerts as alerts_employer
from jobboard.boosts import services as boosts
from jobboard.boosts.models import EmployerAlertSent, TargetedRecipient, TargetedSend
from jobboard.errors import JobboardError
from portal.alerts import alert_preferences_save
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.jobboard.boosts_helpers import active_posting, ref, seeker
from tests.jobboard.postings_helpers import ready_group
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def _posting(group, user):
    posting = active_posting(group, user)
    posting.domains.set([ref("field", "civil")])
    return posting


@pytest.mark.parametrize("attempt", range(3))
def test_two_confirmations_at_once_make_one_send(attempt):
    user = UserFactory()
    group = ready_group(user)
    seeker()
    posting = _posting(group, user)
    results = run_concurrently(
        lambda: boosts.targeted_confirm(posting=posting, scope="regions", actor=user),
        lambda: boosts.targeted_confirm(posting=posting, scope="everywhere", actor=user),
        refused=(JobboardError,),
    )
    assert sorted(isinstance(r, JobboardError) for r in results) == [False, True]
    assert TargetedSend.objects.count() == 1
    from billing.models import CartLine

    assert CartLine.objects.filter(group=group).count() == 1


@pytest.mark.parametrize("attempt", range(2))
def test_the_send_delivered_twice_at_once_mails_each_recipient_once(attempt):
    user = UserFactory()
    group = ready_group(user)
    for n in range(30):
        seeker(email=f"race{attempt}-{n}@example.org")
    posting = _posting(group, user)
    send = boosts.targeted_confirm(posting=posting, scope="regions", actor=user)
    TargetedSend.objects.filter(pk=send.pk).update(state="paid", paid_at=timezone.now())
    mail.outbox.clear()
    results = run_concurrently(
        lambda: boosts.targeted_send_run(send.pk, batch_size=7),
        lambda: boosts.targeted_send_run(send.pk, batch_size=7),
    )
    assert sum(results) == 30
    assert TargetedRecipient.objects.filter(send=send).count() == 30
    to = list(
        OutboundEmail.objects.filter(template="jobboard_targeted_send").values_list("to", flat=True)
    )
    assert len(to) == len(set(to)) == 30
    send.refresh_from_db()
    assert (send.state, send.sent_count) == ("sent", 30)


@pytest.mark.parametrize("attempt", range(2))
def test_the_alerts_job_twice_at_once_sends_each_alert_once(attempt):
    user = UserFactory()
    group = ready_group(user)
    alert_preferences_save(
        user=user, choices={key: True for key in alerts_employer.ALERT_KEYS.values()}
    )
    for _n in range(10):
        active_posting(group, user, days_left=5)
    results = run_concurrently(
        alerts_employer.employer_alerts_run, alerts_employer.employer_alerts_run
    )
    assert sum(r["alerts"] for r in results) == 20  # published + ending soon, per posting
    assert EmployerAlertSent.objects.count() == 20
    assert OutboundEmail.objects.filter(template__startswith="jobboard_alert_").count() == 20
