"""The same two journeys in the other language: the operator in English, the owner in
French (staff decisions made through the service; the staff pages are covered in
test_matching_journeys.py)."""

import pytest
from django.core import mail

from matching.models import OperatorProfile, OwnerProfile
from portal.models import Review
from portal.services.reviews import review_decide
from tests.e2e.conftest import check_accessibility
from tests.e2e.test_matching_journeys import sign_in
from tests.factories import UserFactory
from tests.matching import helpers
from tests.matching.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_operator_journey_in_english(browser, live_server):
    ensure_reference_data()
    officer = UserFactory(staff_role="accreditation_office")
    erin = UserFactory(email="erin@example.org", first_name="Erin", last_name="Hill", language="en")
    helpers.registry_row(
        "WW-555",
        type_code=helpers.WW,
        class_code="II",
        expires=helpers.in_days(90),
        name=erin.get_full_name(),
    )
    page = sign_in(browser, live_server, erin, "en")
    page.goto("/en/matching/")
    check_accessibility(page, "matching-en-op-1-home")
    page.get_by_role("link", name="Sign up as an operator").click()
    page.get_by_label("Phone shown to owners").fill("705-555-0101")
    page.get_by_role("button", name="Create my operator account").click()
    page.get_by_label("Operator ID number").fill("12345678")
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_text("Your profile is saved.").wait_for()
    page.get_by_test_id("add-credential").click()
    dialog = page.locator("#edit-dialog")
    dialog.get_by_role("heading", name="Add a certificate or licence").wait_for()
    check_accessibility(page, "matching-en-op-2-dialog")
    dialog.locator("input[name=number]").fill("WW-555")
    dialog.locator("select[name=type]").select_option(label="Wastewater operating licence")
    dialog.locator("select[name=credential_class]").select_option(
        label="Wastewater operating licence — Class II"
    )
    dialog.locator("input[name=expires_on]").fill(helpers.in_days(90).isoformat())
    dialog.get_by_role("button", name="Add").click()
    page.get_by_text("Certificate saved.").wait_for()
    check_accessibility(page, "matching-en-op-3-profile")
    page.get_by_label("I have read the user agreement", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_text("pending verification by the accreditation office").wait_for()
    check_accessibility(page, "matching-en-op-4-pending")
    assert mail.outbox == []  # nothing is sent on submission; the decision is e-mailed
    review = Review.objects.get(kind="matching.operator_profile")
    review_decide(review=review, actor=officer, decision="request_changes", note="Licence class?")
    assert mail.outbox[-1].subject == "Information needed for your operator matching profile"
    page.goto("/en/matching/operator/profile/")
    page.get_by_text("Information requested").first.wait_for()
    check_accessibility(page, "matching-en-op-5-information-requested")
    # Editable again; unticked state shown. Tick again and the office approves.
    page.get_by_label("I have read the user agreement", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_text("pending verification").first.wait_for()
    review_decide(
        review=Review.objects.get(kind="matching.operator_profile", state="open"),
        actor=officer,
        decision="approve",
    )
    assert mail.outbox[-1].subject == "Your profile is active on the operator matching portal"
    page.goto("/en/matching/operator/")
    page.get_by_label("I am available for work").check()
    page.get_by_label("Saturday").check()
    page.get_by_label("Day", exact=True).check()
    page.get_by_label("Northeastern").check()
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Your availability is saved.").wait_for()
    check_accessibility(page, "matching-en-op-6-available")
    assert OperatorProfile.objects.get(user=erin).available


def test_owner_journey_in_french(browser, live_server):
    ensure_reference_data()
    officer = UserFactory(staff_role="accreditation_office")
    odette = UserFactory(email="odette@example.org", first_name="Odette", last_name="Lavoie")
    operator = helpers.operator(
        type_code=helpers.WW, class_code="IV", regions=[helpers.region("eastern").pk]
    )
    page = sign_in(browser, live_server, odette, "fr")
    page.goto("/fr/matching/owner/signup/")
    check_accessibility(page, "matching-fr-own-1-signup")
    page.get_by_label("Type").select_option("municipality")
    page.get_by_label("Nom légal").fill("Canton de Champlain")
    page.get_by_label("Adresse").fill("948 chemin Pleasant Corner")
    page.get_by_label("Ville").fill("Vankleek Hill")
    page.get_by_label("Code postal").fill("K0B 1R0")
    page.get_by_label("Téléphone").fill("613-555-0123")
    page.get_by_role("button", name="Créer le compte").click()
    page.get_by_text("Votre organisation est inscrite.").wait_for()
    page.get_by_test_id("add-facility").click()
    dialog = page.locator("#edit-dialog")
    dialog.get_by_role("heading", name="Ajouter une installation").wait_for()
    check_accessibility(page, "matching-fr-own-2-dialog")
    dialog.get_by_label("Numéro de certificat de l’installation").fill("120001111")
    dialog.get_by_label("Nom de l’installation").fill("Station d’épuration de Vankleek Hill")
    dialog.get_by_role("button", name="Ajouter").click()
    page.get_by_text("Installation enregistrée.").wait_for()
    check_accessibility(page, "matching-fr-own-3-facilities")
    page.get_by_label("J’ai lu le contrat d’utilisation", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_text("en attente de vérification").first.wait_for()
    check_accessibility(page, "matching-fr-own-4-pending")
    review_decide(
        review=Review.objects.get(kind="portal.organisation_request"),
        actor=officer,
        decision="approve",
    )
    mail.outbox.clear()
    review_decide(
        review=Review.objects.get(kind="matching.owner_profile"), actor=officer, decision="approve"
    )
    assert OwnerProfile.objects.get().state == "active"
    assert [m.subject for m in mail.outbox] == [
        "Votre profil est actif sur le portail de jumelage des exploitants"
    ]
    page.goto("/fr/matching/owner/")
    page.get_by_role("link", name="Trouver des exploitants").click()
    page.get_by_label("Région").select_option(label="Est")
    page.get_by_label("Type de certificat").select_option(
        label="Permis d’exploitation de réseau d’égout"
    )
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_text("1 exploitant trouvé").wait_for()
    check_accessibility(page, "matching-fr-own-5-results")
    page.get_by_role("link", name=operator.user.display_name).click()
    page.get_by_test_id("contact-email").wait_for()
    check_accessibility(page, "matching-fr-own-6-detail")
