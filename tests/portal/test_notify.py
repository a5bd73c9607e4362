"""C9: one e-mail path: recipient's language, sent after commit, once, through anymail."""

import json

import pytest
import responses
from django.core import mail
from django.db import transaction

from portal.alerts import alert_preferences_save, register_alert
from portal.email_sending import outbound_email_send, unsent_email_ids
from portal.models import OutboundEmail
from portal.notify import notify
from portal.tasks import retry_unsent_emails

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], "tests/templates"]}
    ]


def test_rendered_in_each_recipients_language(
    alice, english_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "test_greeting")
        notify(english_user, "test_greeting")
    french, english = mail.outbox
    assert french.subject == "Bienvenue Alice" and french.to == [alice.email]
    assert "Tableau de bord" in french.body
    assert english.subject == "Welcome Erin"
    assert "Dashboard: http://" in english.body
    assert english.alternatives[0][1] == "text/html"
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == 2


def test_nothing_is_sent_when_the_transaction_rolls_back(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(alice, "test_greeting")
                raise RuntimeError("the decision failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_a_message_is_sent_once_even_if_its_task_runs_twice(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(alice, "test_greeting")
    assert outbound_email_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_failed_send_is_recorded_and_retried_by_the_sweep(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.failing_backend.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(alice, "test_greeting")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert "provider is down" in email.last_error
    assert unsent_email_ids(older_than_seconds=0) == [email.pk]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(updated_at=email.updated_at.replace(year=2020))
    assert retry_unsent_emails() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


def test_optional_alert_is_off_until_the_user_turns_it_on(
    alice, django_capture_on_commit_callbacks
):
    register_alert("tests.weekly", "Weekly digest")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(alice, "test_greeting", alert="tests.weekly") is None
    assert mail.outbox == []
    alert_preferences_save(user=alice, choices={"tests.weekly": True})
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "test_greeting", alert="tests.weekly")
    assert len(mail.outbox) == 1


@responses.activate
def test_sent_through_anymail_with_the_providers_message_id(
    alice, settings, django_capture_on_commit_callbacks
):
    """Only Postmark's HTTP API is replaced, with a response of the real shape."""
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token"}
    responses.post(
        "https://api.postmarkapp.com/email",
        json={
            "To": alice.email,
            "SubmittedAt": "2026-11-23T12:00:00.0000000-05:00",
            "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
            "ErrorCode": 0,
            "Message": "OK",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(alice, "test_greeting")
    sent = json.loads(responses.calls[0].request.body)
    assert sent["To"] == alice.email and sent["Subject"] == "Bienvenue Alice"
    assert responses.calls[0].request.headers["X-Postmark-Server-Token"] == "server-token"
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.provider_message_id == "b7bc2f4a-e38e-4336-af7d-e6c392c2f817"


@responses.activate
def test_provider_rejection_is_recorded(alice, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token"}
    responses.post(
        "https://api.postmarkapp.com/email",
        status=422,
        json={"ErrorCode": 300, "Message": f"Invalid 'To' address: '{alice.email}'."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(alice, "test_greeting")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert "rejected" in email.last_error.lower() or "invalid" in email.last_error.lower()


def test_attachments_and_headers_go_with_the_message_and_its_retry(
    alice, django_capture_on_commit_callbacks
):
    pdf = b"%PDF-1.7\n1 0 obj\n"
    headers = {"List-Unsubscribe": "<https://example.com/u/abc/>"}
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(
            alice,
            "test_greeting",
            attachments=[("cv.pdf", pdf, "application/pdf")],
            headers=headers,
        )
    sent = mail.outbox[0]
    assert sent.attachments == [("cv.pdf", pdf, "application/pdf")]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.com/u/abc/>"
    # A retry after a failure sends the same bytes: they are kept with the stored message.
    OutboundEmail.objects.filter(pk=email.pk).update(status=OutboundEmail.Status.FAILED)
    assert outbound_email_send(email_id=email.pk) is True
    assert mail.outbox[1].attachments == [("cv.pdf", pdf, "application/pdf")]
