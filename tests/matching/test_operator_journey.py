"""M1–M5: operator sign-up, profile, certificates, agreement lock, verification, availability."""

import pytest
from django.core import mail

from credentials.models import Credential
from matching.models import OperatorProfile, ProfileState
from matching.services import (
    OPERATOR_REVIEW,
    MatchingError,
    operator_availability_save,
    operator_credential_save,
    operator_submit,
    operator_withdraw,
)
from portal.models import AuditEvent, Review
from portal.services.reviews import review_decide
from tests.factories import UserFactory
from tests.matching import helpers

pytestmark = pytest.mark.django_db
S = ProfileState


@pytest.fixture
def officer(db):
    return UserFactory(email="office@example.org", staff_role="accreditation_office", language="en")


def _signup(client, user):
    client.force_login(user)
    response = client.post(
        "/en/matching/operator/signup/",
        {"contact_phone": "807-555-0101", "contact_email": user.email},
    )
    assert response.status_code == 302
    return OperatorProfile.objects.get(user=user)


def _add(client, number="DW-1", expires=None, class_code="II", htmx=False):
    data = {
        "number": number,
        "type": helpers.ctype().pk,
        "credential_class": helpers.cclass(class_code).pk,
        "expires_on": (expires or helpers.in_days(300)).isoformat(),
    }
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post("/en/matching/operator/certificates/new/", data, **headers)


def test_full_operator_journey(client, alice, officer, django_capture_on_commit_callbacks):
    profile = _signup(client, alice)
    assert profile.state == S.DRAFT
    response = client.post(
        "/en/matching/operator/profile/",
        {"operator_id": "1234 5678", "contact_phone": "807", "contact_email": alice.email},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.operator_id == "12345678"
    # The dialog: htmx gets the form, a good post answers with a redirect header.
    dialog = client.get("/en/matching/operator/certificates/new/", HTTP_HX_REQUEST="true")
    assert b"<html" not in dialog.content and b"modal-header" in dialog.content
    helpers.registry_row("DW-1", expires=helpers.in_days(300))
    saved = _add(client, "DW-1", htmx=True)
    assert saved.status_code == 204 and saved["HX-Redirect"].endswith("/operator/profile/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/matching/operator/agreement/", {"agree": "on"})
    assert response.status_code == 302 and response["Location"].endswith("/matching/operator/")
    profile.refresh_from_db()
    assert profile.state == S.SUBMITTED and profile.locked
    # The pre-check ran (task queued on commit) and found the record identical.
    credential = Credential.objects.get(holder=alice)
    assert credential.registry_checked_at is not None and credential.registry_mismatches == []
    overview = client.get("/en/matching/operator/")
    assert b"pending verification" in overview.content.lower()
    review = Review.objects.get(kind=OPERATOR_REVIEW)
    client.force_login(officer)
    page = client.get(f"/en/staff/reviews/{review.pk}/")
    assert page.status_code == 200 and b"DW-1" in page.content
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=review, actor=officer, decision="approve")
    profile.refresh_from_db()
    assert profile.state == S.ACTIVE
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alice.email]
    assert "actif" in mail.outbox[0].subject  # alice reads French
    client.force_login(alice)
    response = client.post(
        "/en/matching/operator/",
        {"available": "on", "days": ["1", "3"], "shift": "night", "regions": [helpers.region().pk]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.available and profile.days == [1, 3] and profile.shift == "night"
    assert AuditEvent.objects.filter(verb="operator.availability_changed").exists()


def test_submission_refused_without_valid_certificate(alice):
    profile = helpers.operator(alice, state=S.DRAFT, number=False)
    with pytest.raises(MatchingError):
        operator_submit(profile=profile, actor=alice)
    helpers.credential(alice, "OLD-1", expires=helpers.in_days(-1), status="expired")
    with pytest.raises(MatchingError):
        operator_submit(profile=profile, actor=alice)
    profile.refresh_from_db()
    assert profile.state == S.DRAFT and not Review.objects.exists()


def test_submission_refused_without_operator_id(alice):
    profile = helpers.operator(alice, state=S.DRAFT)
    profile.operator_id = ""
    profile.save()
    with pytest.raises(MatchingError):
        operator_submit(profile=profile, actor=alice)


def test_expired_certificate_refused_by_the_form(client, alice):
    _signup(client, alice)
    response = _add(client, "DW-9", expires=helpers.in_days(-3))
    assert response.status_code == 422
    assert not Credential.objects.exists()


def test_class_of_another_type_refused(client, alice):
    _signup(client, alice)
    response = client.post(
        "/en/matching/operator/certificates/new/",
        {
            "number": "X",
            "type": helpers.ctype().pk,
            "credential_class": helpers.cclass("I", helpers.WW).pk,
            "expires_on": helpers.in_days(5).isoformat(),
        },
    )
    assert response.status_code == 422 and not Credential.objects.exists()


def test_editing_while_ticked_is_refused(client, alice):
    profile = helpers.operator(alice, state=S.SUBMITTED)
    credential = Credential.objects.get(holder=alice)
    with pytest.raises(MatchingError):
        operator_credential_save(
            profile=profile,
            actor=alice,
            credential=credential,
            type=helpers.ctype(),
            credential_class=helpers.cclass("IV"),
            number="Z",
            expires_on=helpers.in_days(9),
        )
    client.force_login(alice)
    assert _add(client, "NEW").status_code == 422
    client.post(f"/en/matching/operator/certificates/{credential.pk}/delete/")
    client.post(
        "/en/matching/operator/profile/",
        {"operator_id": "87654321", "contact_phone": "1", "contact_email": "x@example.org"},
    )
    credential.refresh_from_db()
    profile.refresh_from_db()
    assert credential.number != "Z" and Credential.objects.filter(pk=credential.pk).exists()
    assert profile.operator_id == "12345678"


def test_untick_withdraws_and_active_goes_back_to_verification(
    alice, django_capture_on_commit_callbacks
):
    profile = helpers.operator(alice, state=S.DRAFT)
    operator_submit(profile=profile, actor=alice)
    operator_withdraw(profile=profile, actor=alice)
    assert Review.objects.get().state == Review.State.WITHDRAWN
    profile.refresh_from_db()
    assert profile.state == S.DRAFT and profile.agreement_accepted_at is None
    # After activation: unticking leaves the search and needs a new verification.
    profile.state = S.ACTIVE
    profile.save()
    operator_withdraw(profile=profile, actor=alice)
    profile.refresh_from_db()
    assert profile.state == S.DRAFT and not profile.available
    operator_submit(profile=profile, actor=alice)
    assert Review.objects.filter(state=Review.State.OPEN).count() == 1


def test_transition_not_in_table_refused(alice):
    profile = helpers.operator(alice, state=S.DRAFT)
    with pytest.raises(MatchingError):
        operator_withdraw(profile=profile, actor=alice)


def test_request_for_information_and_refusal_are_emailed(
    alice, officer, django_capture_on_commit_callbacks
):
    profile = helpers.operator(alice, state=S.DRAFT)
    operator_submit(profile=profile, actor=alice)
    review = Review.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review=review, actor=officer, decision="request_changes", note="Send the class"
        )
    profile.refresh_from_db()
    assert profile.state == S.CHANGES_REQUESTED and not profile.locked
    assert "Send the class" in mail.outbox[-1].body
    operator_submit(profile=profile, actor=alice)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review=Review.objects.get(state="open"), actor=officer, decision="refuse", note="No"
        )
    profile.refresh_from_db()
    assert profile.state == S.REFUSED
    assert "refus" in mail.outbox[-1].subject


def test_precheck_marks_mismatches_in_staff_panel(
    client, alice, officer, django_capture_on_commit_callbacks
):
    profile = helpers.operator(alice, state=S.DRAFT, number=False)
    helpers.registry_row("DW-5", class_code="I", expires=helpers.in_days(100))
    helpers.credential(
        alice, "DW-5", class_code="III", expires=helpers.in_days(200), registry=False
    )
    helpers.credential(alice, "DW-404", registry=False)
    with django_capture_on_commit_callbacks(execute=True):
        operator_submit(profile=profile, actor=alice)
    mismatches = {c.number: c.registry_mismatches for c in Credential.objects.filter(holder=alice)}
    assert set(mismatches["DW-5"]) == {"class", "expiry"}
    assert mismatches["DW-404"] == ["not_found"]
    client.force_login(officer)
    page = client.get(f"/en/staff/reviews/{Review.objects.get().pk}/").content.decode()
    assert page.count("table-danger") >= 3 and "Not found in the registry" in page


def test_availability_only_when_active(alice):
    profile = helpers.operator(alice, state=S.SUBMITTED, available=False)
    with pytest.raises(MatchingError):
        operator_availability_save(
            profile=profile, actor=alice, available=True, days=[1], shift="day", regions=[1]
        )


def test_available_needs_days_and_regions(client, alice):
    helpers.operator(alice, available=False)
    client.force_login(alice)
    response = client.post("/en/matching/operator/", {"available": "on", "shift": "day"})
    assert response.status_code == 200
    assert not OperatorProfile.objects.get(user=alice).available


def test_wrong_methods(client, alice):
    helpers.operator(alice)
    client.force_login(alice)
    assert client.get("/en/matching/operator/agreement/").status_code == 405
    credential = Credential.objects.get()
    assert (
        client.get(f"/en/matching/operator/certificates/{credential.pk}/delete/").status_code == 405
    )


def test_pages_need_sign_in(client):
    for url in ("/en/matching/operator/", "/en/matching/owner/", "/en/matching/search/"):
        assert client.get(url).status_code == 302


def test_concurrent_double_submit_queues_one_review(alice):
    """Two submits: the row lock makes the second see the submitted state and refuse."""
    profile = helpers.operator(alice, state=S.DRAFT)
    operator_submit(profile=profile, actor=alice)
    with pytest.raises(MatchingError):
        operator_submit(profile=profile, actor=alice)
    assert Review.objects.count() == 1


def test_precheck_compares_the_holder_name(
    client, alice, officer, django_capture_on_commit_callbacks
):
    """Someone else's certificate (the registry names another person) fails the pre-check
    and shows in red with words on the panel; accents, case and word order do not count."""
    profile = helpers.operator(alice, state=S.DRAFT, number=False)
    helpers.registry_row("DW-OTHER", name="Bruno Gagnon")
    helpers.registry_row("DW-SAME", name="MARTÍN, alice")
    helpers.credential(alice, "DW-OTHER", registry=False)
    helpers.credential(alice, "DW-SAME", registry=False)
    with django_capture_on_commit_callbacks(execute=True):
        operator_submit(profile=profile, actor=alice)
    mismatches = {c.number: c.registry_mismatches for c in Credential.objects.filter(holder=alice)}
    assert mismatches == {"DW-OTHER": ["holder_name"], "DW-SAME": []}
    client.force_login(officer)
    page = client.get(f"/en/staff/reviews/{Review.objects.get().pk}/").content.decode()
    assert "name differs from Alice Martin" in page
    assert page.count("table-danger") == 1


def test_name_comparison():
    from credentials.names import same_person_name

    assert same_person_name("Élise Côté-Roy", "cote roy elise")
    assert same_person_name("Olivier Pelletier", "PELLETIER, Olivier")
    assert not same_person_name("Olivier Pelletier", "Olivier Pelletier Jr")
    assert not same_person_name("", "")
