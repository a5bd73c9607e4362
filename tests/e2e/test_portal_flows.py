"""C3–C7 in a real browser, in French: asking to join a group and its manager approving;
asking for a new organisation and office staff approving it."""

import pytest

from portal.models import Membership, Organisation
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/fr/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/fr/dashboard/")
    return page


def test_join_a_group_and_the_manager_approves(browser, live_server, world):
    nina = UserFactory(email="nina@example.org", first_name="Nina", last_name="Roy")
    page = sign_in(browser, live_server, nina)
    page.get_by_role("link", name="Mes groupes").click()
    check_accessibility(page, "portal-fr-1-my-groups-empty")
    page.get_by_role("link", name="Joindre un groupe").click()
    page.get_by_label("Nom ou numéro d’entreprise (NEQ)").fill("acme")
    page.get_by_role("button", name="Rechercher").click()
    check_accessibility(page, "portal-fr-2-search")
    page.get_by_role("link", name="Acme inc.").click()
    check_accessibility(page, "portal-fr-3-organisation")
    page.get_by_label("Message aux responsables du groupe (facultatif)").fill(
        "Bonjour, je suis au bureau de Lévis."
    )
    page.get_by_role("button", name="Demander à joindre Groupe 001").click()
    page.get_by_text("En attente d’approbation").wait_for()
    check_accessibility(page, "portal-fr-4-request-waiting")

    manager = sign_in(browser, live_server, world.alice)
    manager.goto(f"/fr/groups/{world.acme.pk}/")
    manager.get_by_text("Bonjour, je suis au bureau de Lévis.").wait_for()
    check_accessibility(manager, "portal-fr-5-group-with-request")
    manager.get_by_role("button", name="Approuver").click()
    manager.get_by_text("Nina Roy est maintenant membre.").wait_for()
    manager.get_by_role("group", name="Rôles de Nina Roy").get_by_label(
        "Responsable des finances"
    ).check()
    manager.get_by_role("button", name="Enregistrer les rôles de Nina Roy").click()
    manager.get_by_text("Rôles de Nina Roy : Responsable des finances.").wait_for()
    check_accessibility(manager, "portal-fr-6-group-members")
    membership = Membership.objects.get(user=nina, group=world.acme)
    assert membership.status == "active" and membership.roles == ["jobboard.finance_manager"]

    page.reload()
    page.get_by_role("link", name="Groupe 001").click()
    page.get_by_role("heading", name="Groupe 001").wait_for()
    assert nina.has_perm("portal.jobboard_buy", world.acme)


def test_ask_for_an_organisation_and_the_office_approves(browser, live_server, dana):
    paul = UserFactory(email="paul@example.org", first_name="Paul", last_name="Girard")
    page = sign_in(browser, live_server, paul)
    page.goto("/fr/organisations/new/")
    check_accessibility(page, "portal-fr-7-organisation-form")
    page.get_by_label("Nom légal").fill("Construction Boréale inc.")
    page.get_by_label("Numéro d’entreprise").fill("1179 876 543")
    page.get_by_label("Adresse").fill("45 rue Racine")
    page.get_by_label("Ville").fill("Chicoutimi")
    page.get_by_label("Province").select_option("QC")
    page.get_by_label("Code postal").fill("g7h1p9")
    page.get_by_label("Téléphone").fill("418-555-0190")
    page.get_by_label("Pour quel service ?").select_option("jobboard")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("Votre demande a été envoyée.").wait_for()

    staff = sign_in(browser, live_server, dana)
    staff.get_by_role("link", name="Boîte de réception").click()
    check_accessibility(staff, "portal-fr-8-inbox")
    staff.get_by_role("link", name="Construction Boréale inc.").click()
    check_accessibility(staff, "portal-fr-9-review")
    staff.get_by_label("Approuver").check()
    staff.get_by_label("Note au demandeur").fill("Bienvenue sur le portail.")
    staff.get_by_role("button", name="Enregistrer la décision").click()
    staff.get_by_text("Décision enregistrée").wait_for()
    # The console's item page: decided, and nothing waits in the header's inbox count.
    staff.get_by_text("Approuvée — décidé par").wait_for()

    organisation = Organisation.objects.get(legal_name="Construction Boréale inc.")
    assert organisation.status == "active" and organisation.registry_number == "1179876543"
    page.goto("/fr/groups/")
    page.get_by_role("link", name="Groupe 001").click()
    page.get_by_role("heading", name="Demandes d’adhésion").wait_for()  # a manager's view
    check_accessibility(page, "portal-fr-10-new-group-page")
