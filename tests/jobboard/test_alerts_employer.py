"""Employer alerts (J8): off by default, switched on in "My communications", each sent once
per posting and kind, to the members holding the postings permission."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobboard.boosts import alerts as alerts_employer
from jobboard.boosts.models import EmployerAlertSent
from jobboard.postings.models import Posting
from portal.alerts import alert_preferences_save
from portal.services.reviews import review_decide
from tests.factories import UserFactory, make_member
from tests.jobboard.boosts_helpers import active_posting
from tests.jobboard.postings_helpers import open_review, ready_group, submitted

pytestmark = pytest.mark.django_db
S = Posting.State
KEYS = alerts_employer.ALERT_KEYS


def switch_on(user, *kinds):
    alert_preferences_save(user=user, choices={KEYS[k]: True for k in kinds})


def run(capture, day=None):
    with capture(execute=True):
        return alerts_employer.employer_alerts_run(day)


def to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def templates(user):
    from portal.models import OutboundEmail

    return sorted(OutboundEmail.objects.filter(recipient=user).values_list("template", flat=True))


def test_the_page_switches_the_four_alerts_on_and_off(client, alice):
    group = ready_group(alice)
    page_url = reverse("jobboard:communications", args=[group.pk])
    client.force_login(alice)
    page = client.get(page_url).content.decode()
    assert "come soon" not in page
    for key in KEYS.values():
        assert f'name="{key}"' in page and f'name="{key}" id' in page
    assert " checked" not in page.split("invoice_copy")[0]  # all off by default
    client.post(page_url, {KEYS["published"]: "on", KEYS["ended"]: "on"})
    page = client.get(page_url).content.decode()
    assert page.count("checked") == 2


def test_a_finance_manager_sees_no_posting_alert(client, alice):
    group = ready_group(alice)
    finance = UserFactory()
    make_member(finance, group, ["jobboard.finance_manager"])
    client.force_login(finance)
    page = client.get(reverse("jobboard:communications", args=[group.pk])).content.decode()
    assert KEYS["published"] not in page and "invoice_copy" in page


def test_each_alert_goes_once_to_those_who_switched_it_on(
    alice, django_capture_on_commit_callbacks
):
    group = ready_group(alice)
    poster, finance, silent = UserFactory(), UserFactory(), UserFactory()
    make_member(poster, group, ["jobboard.posting_manager"])
    make_member(finance, group, ["jobboard.finance_manager"])
    make_member(silent, group, ["jobboard.posting_manager"])
    for user in (alice, poster, finance):
        switch_on(user, *KEYS)
    today = timezone.localdate()
    ending = active_posting(group, alice, days_left=9, published_at=timezone.now())
    ended = active_posting(group, alice, state=S.EXPIRED, live=False, ended_at=timezone.now())
    featured = active_posting(
        group, alice, featured=True, featured_until=today - datetime.timedelta(days=1)
    )
    mail.outbox.clear()
    result = run(django_capture_on_commit_callbacks)
    # ending: published + ending soon; ended: ended; featured: published + featured ended.
    assert result["alerts"] == 5 and result["alert_emails"] == 10
    assert len(to(poster)) == 5 and len(to(alice)) == 5
    assert templates(poster) == [
        "jobboard_alert_ended", "jobboard_alert_ending_soon", "jobboard_alert_featured_ended",
        "jobboard_alert_published", "jobboard_alert_published",
    ]  # fmt: skip
    assert not to(finance) and not to(silent)
    assert EmployerAlertSent.objects.filter(posting=ending, kind="ending_soon").exists()
    assert EmployerAlertSent.objects.filter(posting=ended, kind="ended").exists()
    assert EmployerAlertSent.objects.filter(posting=featured, kind="featured_ended").exists()
    mail.outbox.clear()
    assert run(django_capture_on_commit_callbacks)["alerts"] == 0
    assert mail.outbox == []


def test_alerts_are_off_by_default(alice, django_capture_on_commit_callbacks):
    group = ready_group(alice)
    active_posting(group, alice, days_left=5)
    mail.outbox.clear()
    assert run(django_capture_on_commit_callbacks)["alert_emails"] == 0
    assert mail.outbox == []


def test_an_extension_makes_a_new_ending_soon_alert_due(alice, django_capture_on_commit_callbacks):
    group = ready_group(alice)
    switch_on(alice, "ending_soon")
    posting = active_posting(group, alice, days_left=2)
    run(django_capture_on_commit_callbacks)
    Posting.objects.filter(pk=posting.pk).update(ends_on=posting.ends_on + datetime.timedelta(7))
    mail.outbox.clear()
    run(django_capture_on_commit_callbacks)
    assert len(to(alice)) == 1


def test_the_approval_that_publishes_sends_the_publication_alert_once(
    alice, dana, django_capture_on_commit_callbacks
):
    group = ready_group(alice)
    switch_on(alice, "published")
    posting = submitted(group, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=open_review(posting), decision="approve", actor=dana, note="")
    posting.refresh_from_db()
    assert posting.state == S.ACTIVE
    assert templates(alice).count("jobboard_alert_published") == 1
    run(django_capture_on_commit_callbacks)
    assert templates(alice).count("jobboard_alert_published") == 1


def test_the_scheduled_publication_alerts_through_the_job(
    alice, django_capture_on_commit_callbacks
):
    from jobboard.tasks import publish_and_expire_postings

    group = ready_group(alice)
    switch_on(alice, "published")
    today = timezone.localdate()
    active_posting(
        group, alice, state=S.SCHEDULED, live=False, published_at=None,
        publish_mode="on_date", publish_on=today,
    )  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = publish_and_expire_postings()
    assert result["published"] == 1 and result["alert_emails"] == 1
    assert len(to(alice)) == 1
