"""Issue 12 item 4: the staff inbox in the reader's language, one approval e-mail in the
recipient's language linking to the application, and "Group 001" shown translated."""

import pytest
from django.core import mail
from django.utils import translation

from licensing.models import Application
from portal.models import Review
from tests.factories import UserFactory
from tests.licensing import helpers

pytestmark = pytest.mark.django_db


def test_inbox_summary_in_the_readers_language(client):
    applicant = helpers.employee(email="emile@example.org", language="fr")
    application = helpers.apply(applicant)
    certification = application.certification
    for lang, staff_lang in (("en", "en"), ("fr", "fr")):
        staff = UserFactory(staff_role="certification_office", language=staff_lang)
        client.force_login(staff)
        page = client.get(f"/{lang}/staff/inbox/").content.decode()
        with translation.override(lang):
            expected = f"{certification.name} — emile@example.org"
        assert expected in page
        prefix = {"en": "Certification application:", "fr": "Demande de certification\u00a0:"}[lang]
        assert prefix in page
    review = Review.objects.get()
    detail = client.get(f"/en/staff/reviews/{review.pk}/").content.decode()
    with translation.override("en"):
        assert certification.name in detail


def test_approval_sends_one_email_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    applicant = helpers.employee(email="emile@example.org", language="en")
    application = helpers.apply(applicant)
    mail.outbox.clear()
    staff = UserFactory(staff_role="certification_office", language="fr")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        helpers.decide(application, staff=staff)
    assert [m.to for m in mail.outbox] == [["emile@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Your certification application is approved"
    assert f"/en/licensing/applications/{application.pk}/" in message.body
    assert "/groups/" not in message.body


def test_refusal_email_links_to_the_application(django_capture_on_commit_callbacks):
    applicant = helpers.employee(email="remi@example.org", language="fr")
    application = helpers.apply(applicant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        helpers.decide(application, decision="refuse", note="Pièce illisible")
    assert Application.objects.get().state == Application.State.REFUSED
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"/fr/licensing/applications/{application.pk}/" in body
    assert "Demande de certification" in body


def test_default_group_name_is_translated(client):
    group = helpers.company("Mines Boréales inc.")
    rep = helpers.representative(group)
    client.force_login(rep)
    assert "Mines Boréales inc. — Groupe 001" in client.get("/fr/licensing/").content.decode()
    assert "Mines Boréales inc. — Group 001" in client.get("/en/licensing/").content.decode()
    group.name = "Équipe nord"
    group.save()
    assert "Équipe nord" in client.get("/fr/licensing/").content.decode()
