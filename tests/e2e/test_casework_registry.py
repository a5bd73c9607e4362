"""The registries in a real browser, in French and in English (S2–S4): a case worker searches
for a client, finds none, registers them through the participant form (one page per section,
income source, the notice in full, consent with the signed file), then searches for an
employer, registers it and adds this year's SJS employer form. Every page is checked with axe
and photographed; the ministry sees the file and the access log."""

import datetime

import pytest

from casework.models import Client, Consent, Employer, EmployerYearForm
from tests.casework.conftest import Providers
from tests.casework.helpers import PDF
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "name": "Nom",
        "birth": "Date de naissance",
        "search": "Rechercher",
        "none": "Aucun client ne correspond à cette recherche.",
        "register": "Inscrire un nouveau client",
        "city": "Ville",
        "save_continue": "Enregistrer et continuer",
        "level": "Niveau",
        "institution": "Établissement",
        "start": "Date de début",
        "add": "Ajouter",
        "next_employment": "Suivant : antécédents d’emploi",
        "employer_name": "Employeur",
        "position": "Poste",
        "next_income": "Suivant : source de revenus",
        "no_income": "Aucun revenu / étudiant",
        "authority": "Autorité légale",
        "explained": "J’ai expliqué cet avis au client",
        "signed_file": "Le formulaire du participant signé",
        "record_consent": "Consigner le consentement",
        "given": "Donné",
        "employers": "Employeurs",
        "employer_query": "Nom ou numéro d’entreprise",
        "no_employer": "Aucun employeur ne correspond à cette recherche.",
        "register_employer": "Inscrire un nouvel employeur",
        "legal_name": "Nom légal",
        "business_number": "Numéro d’entreprise",
        "register_button": "Inscrire l’employeur",
        "add_form": "Ajouter le formulaire de cette année",
        "sector": "Secteur",
        "employees": "Nombre d’employés",
        "positions": "Postes d’été offerts",
        "wsib": "CSPAAT",
        "signer": "Signé par",
        "title": "Titre du signataire",
        "employer_file": "Le formulaire de l’employeur du SEE signé",
        "record_form": "Consigner le formulaire",
        "form_recorded": "Le formulaire de l’employeur est consigné.",
        "viewed": "Qui a consulté le dossier complet",
    },
    "en": {
        "name": "Name",
        "birth": "Birth date",
        "search": "Search",
        "none": "No client matches this search.",
        "register": "Register a new client",
        "city": "City",
        "save_continue": "Save and continue",
        "level": "Level",
        "institution": "Institution",
        "start": "Start date",
        "add": "Add",
        "next_employment": "Next: employment history",
        "employer_name": "Employer",
        "position": "Position",
        "next_income": "Next: income source",
        "no_income": "No income / student",
        "authority": "Legal authority",
        "explained": "I explained this notice to the client",
        "signed_file": "The signed participant form",
        "record_consent": "Record the consent",
        "given": "Given",
        "employers": "Employers",
        "employer_query": "Name or business number",
        "no_employer": "No employer matches this search.",
        "register_employer": "Register a new employer",
        "legal_name": "Legal name",
        "business_number": "Business number",
        "register_button": "Register the employer",
        "add_form": "Add this year's form",
        "sector": "Sector",
        "employees": "Number of employees",
        "positions": "Summer positions offered",
        "wsib": "WSIB",
        "signer": "Signed by",
        "title": "Signer's title",
        "employer_file": "The signed SJS employer form",
        "record_form": "Record the form",
        "form_recorded": "The employer's form is recorded.",
        "viewed": "Who viewed the full file",
    },
}


def _sign_in(browser, live_server, user, lang):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_register_a_client_and_an_employer(browser, live_server, tmp_path, lang):
    w = WORDS[lang]
    providers = Providers()
    worker = providers.worker_a
    worker.language = lang
    worker.save(update_fields=["language"])
    signed = tmp_path / "signed-form.pdf"
    signed.write_bytes(PDF)
    page = _sign_in(browser, live_server, worker, lang)

    # Search first: nobody.
    page.goto(f"/{lang}/casework/")
    page.wait_for_url("**/clients/")
    check_accessibility(page, f"casework-clients-{lang}")
    page.get_by_label(w["name"], exact=True).fill("Mireille Lachance")
    page.get_by_label(w["birth"]).fill("2008-05-14")
    page.locator("main form[role=search] button").click()
    page.get_by_text(w["none"]).wait_for()
    check_accessibility(page, f"casework-clients-none-{lang}")

    # The participant form, one page per section; the search's values are carried over.
    page.get_by_role("link", name=w["register"]).click()
    page.get_by_label(w["city"], exact=True).fill("Sudbury")
    check_accessibility(page, f"casework-client-new-{lang}")
    page.get_by_role("button", name=w["save_continue"]).click()
    page.wait_for_url("**/education/")
    page.get_by_label(w["level"]).select_option("secondary")
    page.get_by_label(w["institution"]).fill("École secondaire Macdonald-Cartier")
    page.get_by_label(w["start"]).fill("2022-09-01")
    page.get_by_role("button", name=w["add"], exact=True).click()
    page.get_by_role("cell", name="École secondaire Macdonald-Cartier", exact=True).wait_for()
    check_accessibility(page, f"casework-client-education-{lang}")
    page.get_by_role("link", name=w["next_employment"]).click()
    page.get_by_label(w["employer_name"]).fill("Ferme Roy")
    page.get_by_label(w["position"]).fill("Cueilleuse")
    page.get_by_label(w["start"]).fill("2025-07-01")
    page.get_by_role("button", name=w["add"], exact=True).click()
    page.get_by_role("cell", name="Ferme Roy", exact=True).wait_for()
    check_accessibility(page, f"casework-client-employment-{lang}")
    page.get_by_role("link", name=w["next_income"]).click()
    page.get_by_label(w["no_income"]).check()
    check_accessibility(page, f"casework-client-income-{lang}")
    page.get_by_role("button", name=w["save_continue"]).click()
    page.wait_for_url("**/consent/")
    page.get_by_role("heading", name=w["authority"]).wait_for()
    check_accessibility(page, f"casework-client-consent-{lang}")
    page.get_by_label(w["explained"]).check()
    page.get_by_label(w["signed_file"]).set_input_files(str(signed))
    page.get_by_role("button", name=w["record_consent"]).click()
    page.get_by_text(w["given"], exact=True).wait_for()
    page.get_by_role("heading", name=w["viewed"]).wait_for()
    check_accessibility(page, f"casework-client-file-{lang}")
    client = Client.objects.get()
    assert (client.first_name, client.last_name, client.income_source) == (
        "Mireille",
        "Lachance",
        "no_income",
    )
    assert client.birth_date == datetime.date(2008, 5, 14)
    assert Consent.objects.get(client=client).signed_file.original_name == "signed-form.pdf"

    # Employers: search first, then register, then this year's form.
    page.get_by_role("link", name=w["employers"], exact=True).click()
    page.get_by_label(w["employer_query"]).fill("Quincaillerie Lachance")
    page.locator("main form[role=search] button").click()
    page.get_by_text(w["no_employer"]).wait_for()
    check_accessibility(page, f"casework-employers-none-{lang}")
    page.get_by_role("link", name=w["register_employer"]).click()
    assert page.get_by_label(w["legal_name"]).input_value() == "Quincaillerie Lachance"
    page.get_by_label(w["business_number"]).fill("123 456 789")
    page.get_by_label(w["city"], exact=True).fill("Sudbury")
    check_accessibility(page, f"casework-employer-new-{lang}")
    page.get_by_role("button", name=w["register_button"]).click()
    page.get_by_role("link", name=w["add_form"]).click()
    page.get_by_label(w["sector"]).fill("Retail")
    page.get_by_label(w["employees"]).fill("8")
    page.get_by_label(w["positions"]).fill("2")
    page.get_by_label(w["wsib"]).check()
    page.get_by_label(w["signer"], exact=True).fill("Luc Lachance")
    page.get_by_label(w["title"]).fill("Owner")
    page.locator("input[name=signed_on]").fill(datetime.date.today().isoformat())
    page.get_by_label(w["employer_file"]).set_input_files(str(signed))
    check_accessibility(page, f"casework-employer-form-{lang}")
    page.get_by_role("button", name=w["record_form"]).click()
    page.get_by_text(w["form_recorded"]).wait_for()
    check_accessibility(page, f"casework-employer-{lang}")
    employer = Employer.objects.get()
    assert employer.business_number_key == "123456789"
    assert EmployerYearForm.objects.get(employer=employer).year == datetime.date.today().year

    # The ministry: the access log, the providers' desk.
    ministry = _sign_in(browser, live_server, providers.ministry, lang)
    ministry.goto(f"/{lang}/casework/ministry/access-log/")
    ministry.get_by_role("link", name="Mireille Lachance").first.wait_for()
    check_accessibility(ministry, f"casework-ministry-access-log-{lang}")
    ministry.goto(f"/{lang}/casework/ministry/")
    check_accessibility(ministry, f"casework-ministry-{lang}")


NEAR = {
    "fr": {
        "stopped": "Est-ce l’une de ces personnes\u202f?",
        "different": "J’ai vérifié avec le client",
        "reason": "Pourquoi est-ce une personne différente\u202f?",
        "minimal": "Vous ne voyez que ce qui permet d’éviter un doublon",
        "decide": "Décider",
        "distinct": "Personnes différentes",
        "marked": "La paire est indiquée comme deux personnes différentes.",
    },
    "en": {
        "stopped": "Is it one of these people?",
        "different": "I checked with the client",
        "reason": "Why is this a different person?",
        "minimal": "You see only what avoids a duplicate",
        "decide": "Decide",
        "distinct": "Different people",
        "marked": "The pair is marked as different people.",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_near_duplicate_minimal_view_and_the_ministry_queue(browser, live_server, lang):
    from tests.casework.helpers import make_client

    w, n = WORDS[lang], NEAR[lang]
    providers = Providers()
    theirs = make_client(providers.b, providers.worker_b)  # Émilie Gagnon, 2008-05-14
    page = _sign_in(browser, live_server, providers.worker_a, lang)
    group = providers.a.group.pk

    # Another provider's client: the minimal view only.
    page.goto(f"/{lang}/casework/p/{group}/clients/{theirs.pk}/")
    page.get_by_text(n["minimal"]).wait_for()
    assert "705-555-0101" not in page.content()
    check_accessibility(page, f"casework-client-minimal-{lang}")

    # A close name with the same birth date stops the registration.
    page.goto(f"/{lang}/casework/p/{group}/clients/new/?name=Emily+Gagnon&birth_date=2008-05-14")
    page.get_by_label(w["city"], exact=True).fill("Sudbury")
    page.get_by_role("button", name=w["save_continue"]).click()
    page.get_by_role("heading", name=n["stopped"]).wait_for()
    check_accessibility(page, f"casework-client-near-duplicate-{lang}")
    page.get_by_label(n["different"]).check()
    page.get_by_label(n["reason"]).fill("Other parents, other school")
    page.get_by_role("button", name=w["save_continue"]).click()
    page.wait_for_url("**/education/")

    # The ministry reviews the pair.
    ministry = _sign_in(browser, live_server, providers.ministry, lang)
    ministry.goto(f"/{lang}/casework/ministry/duplicates/")
    check_accessibility(ministry, f"casework-ministry-duplicates-{lang}")
    ministry.locator("main table a").first.click()
    check_accessibility(ministry, f"casework-ministry-duplicate-{lang}")
    ministry.get_by_label(n["distinct"]).check()
    ministry.get_by_role("button", name=n["decide"]).click()
    ministry.get_by_text(n["marked"]).wait_for()
    ministry.goto(f"/{lang}/casework/ministry/providers/{providers.a.pk}/")
    check_accessibility(ministry, f"casework-ministry-provider-{lang}")
    assert Client.objects.count() == 2
