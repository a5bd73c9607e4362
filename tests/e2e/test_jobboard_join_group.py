"""The seed's other path, in a real browser (French): a colleague joins the existing group of
a company that already has users; the principal manager approves from the employer space and
gives the posting-manager role; the new member's "My profile" lists the company's users, and
the sign-in e-mail can no longer be changed."""

import re

import pytest

from portal.models import Membership, OutboundEmail
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, GroupFactory, OrganisationFactory, UserFactory, make_member
from tests.jobboard.helpers import load_free_mail_list

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email):
    page.goto("/fr/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/fr/dashboard/")


def test_join_an_existing_group_approved_by_the_principal_manager(page):
    load_free_mail_list()
    organisation = OrganisationFactory(legal_name="Structures Boréales inc.")
    group = GroupFactory(organisation=organisation)
    principal = UserFactory(email="emile@boreales.example", first_name="Émile", last_name="Roy")
    make_member(principal, group, ["manager"])
    colleague = UserFactory(email="lea@boreales.example", first_name="Léa", last_name="Côté")

    _sign_in(page, colleague.email)
    page.goto("/fr/jobs/employer/onboarding/")
    page.locator("input[name=q]").fill("Boréales")
    page.get_by_role("button", name="Rechercher").click()
    row = page.locator("[data-testid=company-row]").filter(has_text="Structures Boréales inc.")
    assert "Oui" in row.inner_text()  # existing users
    row.get_by_role("button", name=re.compile("Choisir")).click()
    page.get_by_role("button", name="Enregistrer et continuer").click()  # record validated
    page.locator("input[name=phone]").fill("418-555-0110")
    page.locator("input[name=job_title]").fill("Ingénieure de projet")
    page.get_by_label("Groupe existant : Groupe 001").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("button", name="Soumettre ma demande").click()
    page.locator("[data-testid=request-status]").get_by_text("En attente d’approbation").wait_for()
    assert OutboundEmail.objects.filter(
        to=colleague.email, template="jobboard_application_waiting"
    ).exists()
    to_principal = OutboundEmail.objects.get(to=principal.email, template="membership_requested")
    assert "Léa Côté" in to_principal.body_text
    page.get_by_role("button", name="Se déconnecter").click()

    # The principal manager approves from the employer space and gives a role.
    _sign_in(page, principal.email)
    page.goto(f"/fr/jobs/employer/{group.pk}/company/")
    page.get_by_role("link", name=re.compile("demande à joindre le groupe")).click()
    page.get_by_text("Ingénieure de projet").wait_for()  # the function, with the request
    check_accessibility(page, "jobboard-fr-join-1-requests")
    page.get_by_role("button", name="Approuver").click()
    page.get_by_role("button", name="Enregistrer les rôles de Léa Côté").wait_for()
    page.locator(
        "form", has=page.get_by_role("button", name="Enregistrer les rôles de Léa Côté")
    ).get_by_label("Responsable de l’affichage").check()
    page.get_by_role("button", name="Enregistrer les rôles de Léa Côté").click()
    page.get_by_text("Rôles de Léa Côté : Responsable de l’affichage.").wait_for()
    membership = Membership.objects.get(user=colleague, group=group)
    assert membership.status == "active" and membership.roles == ["jobboard.posting_manager"]
    assert OutboundEmail.objects.filter(to=colleague.email, template="membership_approved").exists()
    page.get_by_role("button", name="Se déconnecter").click()

    # The new member: "My profile" lists the company's users; the e-mail is locked.
    _sign_in(page, colleague.email)
    page.goto(f"/fr/jobs/employer/{group.pk}/profile/")
    users = page.locator("[data-testid=user-row]")
    assert users.count() == 2
    assert "Responsable de l’affichage" in users.filter(has_text="Léa Côté").inner_text()
    assert "Responsable principal" in users.filter(has_text="Émile Roy").inner_text()
    check_accessibility(page, "jobboard-fr-join-2-my-profile")
    page.goto("/fr/accounts/email/")
    page.get_by_text("elle ne peut pas être modifiée").first.wait_for()
    check_accessibility(page, "jobboard-fr-join-3-email-locked")
