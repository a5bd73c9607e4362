"""The seed's employer guide end to end in a real browser, in French and in English (issue 9,
first test). Steps 1-2 (tests/e2e/jobboard_steps.py): sign-up with a professional e-mail (a
gmail address refused), the company found by NEQ, a new group asked for, the regulator
approves, the principal fills the group's posting information with a logo. Then steps 3-4:
the regulator allows invoice billing; the employer creates a posting through every wizard step
(a required French section missing is refused), finds the package missing, buys a 1-posting
package by invoice and comes back to the draft, previews and submits; the regulator asks for
changes; the employer revises and resubmits; the regulator approves; the posting is active;
the employer ends its publication. Every page is checked with axe and photographed; each
e-mail asserted."""

import re

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import User
from billing.credits import balances
from jobboard.postings import services
from jobboard.postings.models import Posting
from tests.e2e.conftest import check_accessibility
from tests.e2e.jobboard_steps import (
    employer_signs_up_and_asks_for_a_new_group,
    principal_fills_the_company_information,
    regulator_approves_the_group,
)
from tests.factories import PASSWORD
from tests.jobboard.postings_helpers import reference_data

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "create": "Créer une offre",
        "engineers": "Ingénieur·e·s (membres de l’Ordre)",
        "save": "Enregistrer et continuer",
        "title": "Titre (français)",
        "purpose": "Raison d’être du poste (français)",
        "duties": "Responsabilités et tâches principales (français)",
        "qualifications": "Qualifications requises (français)",
        "function": "Type de fonction",
        "field": "Civil",
        "employment": "Type d’emploi",
        "status": "Statut du poste",
        "mode": "Formule de travail",
        "deadline": "Date limite pour postuler",
        "salary": "Salaire",
        "address_kind": "Une adresse complète au Québec",
        "street": "Adresse",
        "city": "Ville",
        "postal": "Code postal",
        "required_fr": "Ce champ est obligatoire.",
        "on_approval": "Dès son approbation par l’Ordre",
        "apply_url_kind": "Sur le site de notre entreprise",
        "apply_url": "Adresse de la page pour postuler",
        "missing": "Manquant",
        "buy": "Enregistrer et passer à la caisse",
        "new_address": "Une nouvelle adresse",
        "bill_name": "Nom sur la facture",
        "bill_street": "Adresse",
        "bill_city": "Ville",
        "province": "Province ou territoire",
        "bill_postal": "Code postal",
        "review": "Réviser et compléter l’achat",
        "invoice_method": "Facture (net 30 jours)",
        "terms": "J’ai lu et j’accepte",
        "complete": "Compléter l’achat",
        "invoiced": "Facturée (net 30 jours)",
        "back": "Retour",
        "resume": "Reprendre la création",
        "in_bank": "En banque",
        "about": "À propos de l’entreprise",
        "submit": "Soumettre pour validation",
        "sent": "Votre offre a été envoyée à l’Ordre pour validation",
        "in_validation": "En validation",
        "ask_changes": "Demander des modifications",
        "approve": "Approuver",
        "note": "Note au demandeur",
        "record": "Enregistrer la décision",
        "to_revise": "À réviser",
        "revise": "Réviser",
        "active": "En cours",
        "end": "Terminer la publication",
        "expired": "Expirée",
        "invoice_ok": "Peut payer sur facture",
        "save_plain": "Enregistrer",
    },
    "en": {
        "create": "Create a posting",
        "engineers": "Engineers (members of the Order)",
        "save": "Save and continue",
        "title": "Title (French)",
        "purpose": "Purpose of the position (French)",
        "duties": "Main duties (French)",
        "qualifications": "Qualifications (French)",
        "function": "Function type",
        "field": "Civil",
        "employment": "Employment type",
        "status": "Position status",
        "mode": "Work mode",
        "deadline": "Application deadline",
        "salary": "Salary",
        "address_kind": "A full address in Quebec",
        "street": "Street address",
        "city": "City",
        "postal": "Postal code",
        "required_fr": "This field is required.",
        "on_approval": "As soon as the Order approves it",
        "apply_url_kind": "On our company's website",
        "apply_url": "Address of the application page",
        "missing": "Missing",
        "buy": "Add to cart and check out",
        "new_address": "A new address",
        "bill_name": "Name on the invoice",
        "bill_street": "Street address",
        "bill_city": "City",
        "province": "Province or territory",
        "bill_postal": "Postal code",
        "review": "Review and complete the purchase",
        "invoice_method": "Invoice (net 30)",
        "terms": "I have read and accept",
        "complete": "Complete the purchase",
        "invoiced": "Invoiced (net 30)",
        "back": "Back",
        "resume": "Resume creation",
        "in_bank": "In your bank",
        "about": "About the company",
        "submit": "Submit for validation",
        "sent": "Your posting was sent to the Order for validation",
        "in_validation": "In validation",
        "ask_changes": "Ask for changes",
        "approve": "Approve",
        "note": "Note to the applicant",
        "record": "Record the decision",
        "to_revise": "To revise",
        "revise": "Revise",
        "active": "Active",
        "end": "End publication",
        "expired": "Expired",
        "invoice_ok": "May pay by invoice",
        "save_plain": "Save",
    },
}


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


def mail_to(address: str):
    return [m for m in mail.outbox if address in m.to]


def regulator_decides(page, lang, w, title, decision, note, shot):
    page.goto(f"/{lang}/staff/inbox/")
    check_accessibility(page, f"{shot}-inbox")
    page.get_by_role("link", name=title).first.click()
    page.get_by_text(w["about"]).first.wait_for()  # the posting as it will appear
    check_accessibility(page, f"{shot}-panel")
    page.get_by_label(w[decision], exact=True).check()
    if note:
        page.get_by_label(w["note"]).fill(note)
    page.get_by_role("button", name=w["record"]).click()
    page.wait_for_url("**/staff/inbox/")


def fill_rich(page, label, text):
    # The editor is named by its label, whose required mark (" *", drawn by CSS) is part of
    # the accessible name: match the start of the name.
    area = page.get_by_role("textbox", name=re.compile("^" + re.escape(label)))
    area.click()
    area.fill(text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_employer_posts_a_job_from_account_to_end(browser, live_server, page, tmp_path, lang):
    w = WORDS[lang]
    shot = f"jobboard-employer-{lang}"
    reference_data()

    # Steps 1 and 2 of the guide: account, company by NEQ, new group approved, logo.
    employer, group = employer_signs_up_and_asks_for_a_new_group(page, lang)
    regulator_approves_the_group(page, lang, group)
    principal_fills_the_company_information(page, lang, group, tmp_path)
    regulator = User.objects.get(staff_role="regulator", email__startswith="ordre.")

    # The regulator allows the company to pay by invoice (eligibility is per organisation).
    staff = sign_in(browser, live_server, regulator, lang)
    staff.goto(f"/{lang}/billing/staff/invoices/")
    row = staff.locator("tr", has_text=group.organisation.legal_name)
    row.get_by_label(w["invoice_ok"]).check()
    row.get_by_role("button", name=w["save_plain"]).click()
    staff.wait_for_url("**/staff/invoices/")

    # 1. Profile (the employer is still signed in, from the job site to the dashboard).
    page.goto(f"/{lang}/jobs/employer/")
    with translation.override(lang):  # « Groupe 001 » on French pages
        group_name = group.display_name
    page.get_by_role("link", name=f"{group.organisation.legal_name} — {group_name}").click()
    page.wait_for_url(f"**/jobs/groups/{group.pk}/dashboard/")
    check_accessibility(page, f"{shot}-01-dashboard")
    page.get_by_role("link", name=w["create"]).first.click()
    page.get_by_label(w["engineers"]).check()
    check_accessibility(page, f"{shot}-02-profile")
    page.get_by_role("button", name=w["save"]).click()

    # 2. Details (a required section missing is refused, nothing lost; the salary note
    # keeps 50 characters).
    page.get_by_label(w["title"]).fill("Ingénieur·e en structures")
    fill_rich(page, w["purpose"], "Concevoir les ponts de la région.")
    fill_rich(page, w["duties"], "Calculs, plans et surveillance de chantier.")
    page.get_by_label(w["function"]).select_option(index=1)
    page.get_by_label(w["field"], exact=True).check()
    page.get_by_label(w["employment"]).select_option("permanent")
    page.get_by_label(w["status"]).select_option("full_time")
    page.get_by_label(w["mode"]).select_option("hybrid")
    page.get_by_label(w["deadline"]).fill("2030-01-31")
    page.get_by_label(w["salary"], exact=True).fill("x" * 51)
    page.get_by_label(w["address_kind"]).check()
    page.get_by_label(w["street"], exact=True).fill("1000, rue Sherbrooke Ouest")
    page.get_by_label(w["city"], exact=True).fill("Montréal")
    page.get_by_label(w["postal"], exact=True).fill("H3A 3G4")
    check_accessibility(page, f"{shot}-03-details")
    assert len(page.get_by_label(w["salary"], exact=True).input_value()) == 50
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_text(w["required_fr"]).first.wait_for()
    check_accessibility(page, f"{shot}-04-details-refused")
    assert page.get_by_label(w["title"]).input_value() == "Ingénieur·e en structures"
    fill_rich(page, w["qualifications"], "Membre de l'Ordre, 5 ans d'expérience.")
    page.get_by_label(w["salary"], exact=True).fill("80 000 $ à 95 000 $")
    page.get_by_role("button", name=w["save"]).click()

    # 3. Configuration.
    page.get_by_label(w["on_approval"]).check()
    page.get_by_label(w["apply_url_kind"]).check()
    page.get_by_label(w["apply_url"]).fill("https://ponts.example.org/carrieres")
    check_accessibility(page, f"{shot}-05-configuration")
    page.get_by_role("button", name=w["save"]).click()

    # 4. Package: missing, bought by invoice, then back to the draft.
    page.get_by_text(w["missing"], exact=True).wait_for()
    check_accessibility(page, f"{shot}-06-package-missing")
    page.get_by_role("button", name=w["buy"]).click()
    page.get_by_label(w["new_address"]).check()
    page.get_by_label(w["bill_name"]).fill("Comptabilité")
    page.get_by_label(w["bill_street"], exact=True).fill("1000, rue Sherbrooke Ouest")
    page.get_by_label(w["bill_city"], exact=True).fill("Montréal")
    page.get_by_label(w["province"]).select_option("QC")
    page.get_by_label(w["bill_postal"], exact=True).fill("H3A 3G4")
    check_accessibility(page, f"{shot}-07-checkout")
    page.get_by_role("button", name=w["review"]).click()
    page.get_by_label(w["invoice_method"]).check()
    page.get_by_label(w["terms"]).check()
    page.get_by_role("button", name=w["complete"]).click()
    page.get_by_text(w["invoiced"]).first.wait_for()
    check_accessibility(page, f"{shot}-08-order")
    assert balances(group)[services.ENGINEER] == 1
    assert mail_to(employer.email), "the invoice is e-mailed to the buyer"
    page.get_by_role("link", name=w["back"], exact=True).click()
    page.get_by_role("link", name=w["resume"]).first.click()
    page.get_by_text(w["in_bank"], exact=True).wait_for()
    check_accessibility(page, f"{shot}-09-package-ready")
    page.get_by_role("button", name=w["save"]).click()

    # 5. Preview (the public page) and submit.
    page.get_by_text(w["about"], exact=True).wait_for()
    check_accessibility(page, f"{shot}-10-preview")
    page.get_by_role("button", name=w["submit"]).click()
    page.get_by_text(w["sent"]).wait_for()
    check_accessibility(page, f"{shot}-11-submitted")
    posting = Posting.objects.get(group=group)
    assert posting.state == "in_validation" and balances(group)[services.ENGINEER] == 0

    # 6. The regulator asks for changes (e-mailed with the note).
    mail.outbox.clear()
    regulator_decides(
        staff, lang, w, "Ingénieur·e en structures", "ask_changes", "Précisez les tâches.", shot
    )
    assert "Précisez les tâches." in mail_to(employer.email)[-1].body

    # 7. The employer revises and resubmits.
    page.goto(f"/{lang}/jobs/groups/{group.pk}/postings/")
    page.locator(".badge", has_text=w["to_revise"]).first.wait_for()
    check_accessibility(page, f"{shot}-12-to-revise")
    page.get_by_role("link", name=w["revise"], exact=True).click()
    fill_rich(page, w["duties"], "Calculs de structures, plans, surveillance de chantier.")
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("button", name=w["save"]).click()  # configuration unchanged
    page.get_by_role("button", name=w["save"]).click()  # package attached
    page.get_by_role("button", name=w["submit"]).click()
    page.get_by_text(w["sent"]).wait_for()

    # 8. The regulator approves: the posting is online for 30 days.
    mail.outbox.clear()
    regulator_decides(staff, lang, w, "Ingénieur·e en structures", "approve", "", f"{shot}-b")
    assert mail_to(employer.email)
    posting.refresh_from_db()
    assert posting.state == "active" and posting.live
    assert "surveillance de chantier" in posting.published["duties_fr"]

    # 9. The employer sees it active and ends its publication.
    page.goto(f"/{lang}/jobs/groups/{group.pk}/dashboard/")
    page.locator(".badge", has_text=w["active"]).first.wait_for()
    check_accessibility(page, f"{shot}-13-active")
    page.get_by_role("button", name=w["end"]).click()
    page.locator(".badge", has_text=w["expired"]).first.wait_for()
    check_accessibility(page, f"{shot}-14-ended")
    posting.refresh_from_db()
    assert posting.state == "expired" and not posting.live
