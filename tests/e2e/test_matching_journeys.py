"""M1–M9 in a real browser: an operator (in French) registers, adds certificates in the
dialog, ticks the agreement, is verified by the accreditation office and sets availability;
an owner (in English) registers facilities, is verified and finds the operator."""

import pytest
from django.core import mail

from matching.models import OperatorProfile, OwnerProfile
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory
from tests.matching import helpers
from tests.matching.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(browser, live_server, user, lang):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")
    return page


def decide(page, summary_part, decision_label, button, shot, kind=None):
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/")[2] + "/en/staff/inbox/")
    rows = page.get_by_role("row")
    if kind:  # the inbox's Type column tells apart reviews of the same organisation
        rows = rows.filter(has_text=kind)
    rows.get_by_role("link", name=summary_part, exact=True).click()
    check_accessibility(page, shot)
    page.get_by_label(decision_label).check()
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/staff/inbox/")


def test_operator_journey_in_french(browser, live_server):
    ensure_reference_data()
    officer = UserFactory(
        email="office@example.org", staff_role="accreditation_office", language="en"
    )
    olivier = UserFactory(email="olivier@example.org", first_name="Olivier", last_name="Pelletier")
    helpers.registry_row(
        "DW-777",
        class_code="III",
        expires=helpers.in_days(500),
        operator_id="10000001",
        name="PELLETIER Olivier",
    )
    page = sign_in(browser, live_server, olivier, "fr")
    page.goto("/fr/matching/")
    check_accessibility(page, "matching-fr-1-home")
    page.get_by_role("link", name="S’inscrire comme exploitant").click()
    check_accessibility(page, "matching-fr-2-signup")
    page.get_by_label("Téléphone montré aux propriétaires").fill("807-555-0101")
    page.get_by_role("button", name="Créer mon compte d’exploitant").click()
    page.get_by_role("heading", name="Mon profil").wait_for()
    page.get_by_label("Numéro d’identification d’exploitant").fill("10000001")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.get_by_text("Votre profil est enregistré.").wait_for()
    check_accessibility(page, "matching-fr-3-profile")
    # Submitting with no certificate is refused.
    page.get_by_label("J’ai lu le contrat d’utilisation", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_text("Ajoutez au moins un certificat ou un permis valide").wait_for()
    # The dialog.
    page.get_by_test_id("add-credential").click()
    dialog = page.locator("#edit-dialog")
    dialog.get_by_role("heading", name="Ajouter un certificat ou un permis").wait_for()
    check_accessibility(page, "matching-fr-4-dialog")
    dialog.locator("input[name=number]").fill("DW-777")
    dialog.locator("select[name=type]").select_option(
        label="Certificat d’exploitant de réseau d’eau potable"
    )
    dialog.locator("select[name=credential_class]").select_option(
        label="Certificat d’exploitant de réseau d’eau potable — Classe III"
    )
    dialog.locator("input[name=expires_on]").fill("2020-01-01")  # expired: refused in the dialog
    dialog.get_by_role("button", name="Ajouter").click()
    dialog.get_by_text("Ce certificat ou ce permis est expiré.").wait_for()
    dialog.locator("input[name=expires_on]").fill(helpers.in_days(500).isoformat())
    dialog.get_by_role("button", name="Ajouter").click()
    page.get_by_text("Certificat enregistré.").wait_for()
    page.get_by_role("cell", name="DW-777", exact=True).wait_for()
    page.get_by_label("J’ai lu le contrat d’utilisation", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_role("heading", name="Aperçu du compte").wait_for()
    page.get_by_text("en attente de vérification par le bureau").wait_for()
    check_accessibility(page, "matching-fr-5-overview-pending")
    page.goto("/fr/matching/operator/profile/")
    check_accessibility(page, "matching-fr-6-profile-locked")
    assert page.get_by_test_id("add-credential").count() == 0

    staff = sign_in(browser, live_server, officer, "en")
    mail.outbox.clear()
    decide(
        staff,
        "Olivier Pelletier · 10000001",
        "Approve",
        "Record the decision",
        "matching-en-7-staff-panel",
    )
    assert OperatorProfile.objects.get(user=olivier).state == "active"
    assert [m.subject for m in mail.outbox] == [
        "Votre profil est actif sur le portail de jumelage des exploitants"
    ]

    page.goto("/fr/matching/operator/")
    page.get_by_label("Je suis disponible pour travailler").check()
    page.get_by_label("Lundi").check()
    page.get_by_label("Vendredi").check()
    page.get_by_label("Nuit", exact=True).check()
    page.get_by_label("Nord-Ouest").check()
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.get_by_text("Votre disponibilité est enregistrée.").wait_for()
    check_accessibility(page, "matching-fr-8-availability")
    profile = OperatorProfile.objects.get(user=olivier)
    assert profile.available and profile.days == [1, 5] and profile.shift == "night"


def test_owner_journey_in_english(browser, live_server):
    ensure_reference_data()
    officer = UserFactory(
        email="office@example.org", staff_role="accreditation_office", language="en"
    )
    erin = UserFactory(email="erin@example.org", first_name="Erin", last_name="Hill", language="en")
    operator = helpers.operator(class_code="III", regions=[helpers.region("northwestern").pk])
    operator.user.first_name, operator.user.last_name = "Olivier", "Pelletier"
    operator.user.save()
    page = sign_in(browser, live_server, erin, "en")
    page.goto("/en/matching/")
    page.get_by_role("link", name="Sign up as a system owner").click()
    check_accessibility(page, "matching-en-1-owner-signup")
    page.get_by_label("Type").select_option("first_nation")
    page.get_by_label("Legal name").fill("Neskantaga First Nation")
    page.get_by_label("Street address").fill("1 Main Road")
    page.get_by_label("City").fill("Neskantaga")
    page.get_by_label("Postal code").fill("P0T 1B0")
    page.get_by_label("Phone").fill("807-555-0199")
    page.get_by_role("button", name="Create the account").click()
    page.get_by_text("Your organisation is registered.").wait_for()
    check_accessibility(page, "matching-en-2-facilities-empty")
    page.get_by_test_id("add-facility").click()
    dialog = page.locator("#edit-dialog")
    dialog.get_by_role("heading", name="Add a facility").wait_for()
    check_accessibility(page, "matching-en-3-facility-dialog")
    dialog.get_by_label("Facility certificate number").fill("220009999")
    dialog.get_by_label("Facility name").fill("Neskantaga Water Treatment Plant")
    dialog.get_by_role("button", name="Add").click()
    page.get_by_text("Facility saved.").wait_for()
    page.get_by_label("I have read the user agreement", exact=False).check()
    page.get_by_test_id("agreement-submit").click()
    page.get_by_text("pending verification by the accreditation office").wait_for()
    check_accessibility(page, "matching-en-4-owner-pending")
    # Not verified yet: the search is refused.
    assert page.goto("/en/matching/search/").status == 403

    staff = sign_in(browser, live_server, officer, "en")
    decide(
        staff,
        "Neskantaga First Nation",
        "Approve",
        "Record the decision",
        "matching-en-5-org-review",
        kind="New organisation",
    )
    mail.outbox.clear()
    decide(
        staff,
        "Neskantaga First Nation",
        "Approve",
        "Record the decision",
        "matching-en-6-owner-review",
    )
    assert OwnerProfile.objects.get().state == "active"
    assert [m.subject for m in mail.outbox] == [
        "Your profile is active on the operator matching portal"
    ]

    page.goto("/en/matching/owner/")
    check_accessibility(page, "matching-en-7-owner-overview")
    page.get_by_role("link", name="Find operators").click()
    page.get_by_label("Region").select_option(label="Far North")
    page.get_by_role("button", name="Search").click()
    page.get_by_test_id("widen-search").wait_for()
    check_accessibility(page, "matching-en-8-search-empty")
    page.get_by_label("Region").select_option(label="Northwestern")
    page.get_by_label("Certificate type").select_option(label="Drinking-water operator certificate")
    page.get_by_label("Class").select_option(
        label="Drinking-water operator certificate — Class III"
    )
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 operator found").wait_for()
    check_accessibility(page, "matching-en-9-search-results")
    page.get_by_label("Name of the search").fill("Northwest class III")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Search saved.").wait_for()
    page.goto("/en/matching/search/?region=" + str(helpers.region("northwestern").pk))
    page.get_by_role("link", name="Olivier Pelletier").click()
    page.get_by_test_id("contact-email").wait_for()
    check_accessibility(page, "matching-en-10-operator-detail")
    assert operator.contact_email in page.content()
