"""L6: reminders 30 and 7 days before the window closes, lapses, and the weekly summary of
unused codes, each sent once however often (or concurrently) the jobs run."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from licensing import services, tasks
from licensing.models import Application, LicenceCode
from portal.alerts import alert_preferences_save
from tests.factories import UserFactory, make_member
from tests.licensing.helpers import (
    approved,
    buy_by_invoice,
    company,
    reference_data,
    representative,
    shift_window,
    unused_code,
)
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db


def _sent_to(user) -> list:
    return [m.subject for m in mail.outbox if m.to == [user.email]]


def test_reminders_at_30_and_7_days_once_each(django_capture_on_commit_callbacks):
    application = approved()
    user = application.applicant
    with django_capture_on_commit_callbacks(execute=True):
        shift_window(application, 45)
        assert services.reminders_send() == 0
        shift_window(application, 30)
        assert services.reminders_send() == 1
        assert services.reminders_send() == 0
        shift_window(application, 12)
        assert services.reminders_send() == 0
        shift_window(application, 7)
        assert services.reminders_send() == 1
        shift_window(application, 2)
        assert services.reminders_send() == 0
    assert len(_sent_to(user)) == 2


def test_a_late_run_sends_only_the_closest_reminder():
    application = approved()
    shift_window(application, 5)
    assert services.reminders_send() == 1
    application.refresh_from_db()
    assert application.reminder_7_sent_at and application.reminder_30_sent_at is None


def test_redeemed_applications_get_no_reminder():
    group = company()
    buy_by_invoice(group, representative(group))
    application = approved()
    services.code_redeem(
        application=application, typed=unused_code(group).code, actor=application.applicant
    )
    shift_window(application, 7)
    assert services.reminders_send() == 0


def test_an_approval_that_lapses_frees_its_code_and_needs_a_new_application():
    group = company()
    buy_by_invoice(group, representative(group))
    code = unused_code(group)
    application = approved(code=code.code)
    shift_window(application, -1)
    assert tasks.send_window_reminders() == 0
    application.refresh_from_db()
    code.refresh_from_db()
    assert application.state == Application.State.LAPSED
    assert code.state == LicenceCode.State.UNUSED
    assert services.approvals_lapse() == 0
    from tests.licensing.helpers import apply

    again = apply(application.applicant, certification=application.certification)
    assert again.state == Application.State.APPLIED


def test_weekly_summary_once_a_week_to_those_who_see_codes(django_capture_on_commit_callbacks):
    group = company()
    rep = representative(group)
    coordinator, finance, quitter = UserFactory(), UserFactory(), UserFactory()
    make_member(coordinator, group, ["licensing.codes"])
    make_member(finance, group, ["licensing.finance"])
    make_member(quitter, group, ["licensing.codes"])
    alert_preferences_save(user=quitter, choices={services.WEEKLY_ALERT: False})
    buy_by_invoice(group, rep, 5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_weekly_unused_summaries() == 2
        assert services.weekly_summaries_send() == 0
    assert {m.to[0] for m in mail.outbox} == {rep.email, coordinator.email}
    assert "5" in mail.outbox[0].subject
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    assert services.weekly_summaries_send(next_week) == 2


def test_no_summary_without_unused_codes():
    group = company()
    representative(group)
    assert services.weekly_summaries_send() == 0


@pytest.mark.django_db(transaction=True)
def test_overlapping_reminder_runs_send_once():
    reference_data()
    application = approved()
    shift_window(application, 7)
    counts = run_concurrently(services.reminders_send, services.reminders_send)
    assert sorted(counts) == [0, 1]
    from portal.models import OutboundEmail

    assert OutboundEmail.objects.filter(template="licensing_reminder").count() == 1
