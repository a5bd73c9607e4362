"""The Summer Jobs Service in a real browser, in French and in English (S2–S6, S8): a case
worker of provider A searches a client, finds none, registers them through the participant
form with consent and the signed file, registers an employer after searching (with this
year's form), opens an SJS plan with two placement objectives and closes it when the
placements end. The client comes back; A opens a new plan. A worker of provider B meets the
active plan before typing anything, asks A to close it with the client's written consent; A's
workers are e-mailed, A accepts, B is told and opens its own plan at once. The ministry's
report shows it all. Every page is checked with axe and photographed.

The seams of issue 17 (items 7–12) on the way, for a case worker new to the provider: the plan
page says once what the registration lacks and links to it, before the income step and
before the consent (no plan without consent); last year's employer form is refused and « Add
this year's form » goes once this year's is on file; the placements' employer is picked from
the registry, as one types and from the employer's page; the closure e-mail attaches nothing
and links to the request, where the consent is read; the ministry's access log shows the
worker's walk through the file as one line with its page count."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from casework.models import ClosureRequest, ServicePlan
from tests.casework.conftest import Providers
from tests.casework.helpers import PDF
from tests.casework.plan_helpers import reference_data
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "name": "Nom",
        "birth": "Date de naissance",
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
        "explained": "J’ai expliqué cet avis au client",
        "signed_file": "Le formulaire du participant signé",
        "record_consent": "Consigner le consentement",
        "given": "Donné",
        "employers": "Employeurs",
        "employer_query": "Nom ou numéro d’entreprise",
        "no_employer": "Aucun employeur ne correspond à cette recherche.",
        "register_employer": "Inscrire un nouvel employeur",
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
        "open_plan": "Ouvrir un plan du SEE",
        "open_button": "Ouvrir le plan",
        "plan_open": "Le plan est ouvert. Ajoutez ses objectifs.",
        "add_objective": "Ajouter un objectif",
        "save_objective": "Sauvegarder l’objectif",
        "saved": "L’objectif est sauvegardé.",
        "close": "Fermer le plan",
        "closed": "Le plan est fermé.",
        "elsewhere": "Ce client a un plan actif chez",
        "request": "Demander la fermeture de ce plan",
        "consent": "Consentement signé du client",
        "send": "Envoyer la demande",
        "sent": "La demande est envoyée.",
        "accept": "Fermer le plan (passé à un autre fournisseur)",
        "accepted": "Le plan est fermé\u202f; le fournisseur demandeur en est avisé.",
        "requests": "Demandes de fermeture",
        "report": "Activité des cas du SEE",
        "subject_request": "Demande de fermeture du plan du SEE",
        "subject_closed": "est fermé",
        "missing": "Il manque encore",
        "step4": "Étape 4",
        "step5": "Étape 5",
        "only_this_year": "Seul le formulaire de l’employeur du SEE de cette année",
        "on_file": "est au dossier",
        "registry": "Ouvrir le registre des employeurs",
        "choose_employer": "Choisir cet employeur pour le placement",
        "found": "employeur trouvé",
        "not_sent": "n’est pas envoyé par courriel",
        "access_log": "Journal des consultations",
    },
    "en": {
        "name": "Name",
        "birth": "Birth date",
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
        "explained": "I explained this notice to the client",
        "signed_file": "The signed participant form",
        "record_consent": "Record the consent",
        "given": "Given",
        "employers": "Employers",
        "employer_query": "Name or business number",
        "no_employer": "No employer matches this search.",
        "register_employer": "Register a new employer",
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
        "open_plan": "Open an SJS plan",
        "open_button": "Open the plan",
        "plan_open": "The plan is open. Add its objectives.",
        "add_objective": "Add an objective",
        "save_objective": "Save the objective",
        "saved": "The objective is saved.",
        "close": "Close the plan",
        "closed": "The plan is closed.",
        "elsewhere": "This client has an active plan at",
        "request": "Request closure of that plan",
        "consent": "Client's signed consent",
        "send": "Send the request",
        "sent": "The request is sent.",
        "accept": "Close the plan (moved to another provider)",
        "accepted": "The plan is closed; the requesting provider is told.",
        "requests": "Closure requests",
        "report": "SJS case activity",
        "subject_request": "Closure request for the SJS plan",
        "subject_closed": "is closed",
        "missing": "Still missing",
        "step4": "Step 4",
        "step5": "Step 5",
        "only_this_year": "Only this year's SJS employer form",
        "on_file": "is on file",
        "registry": "Open the employer registry",
        "choose_employer": "Choose this employer for the placement",
        "found": "employer found",
        "not_sent": "not sent by e-mail",
        "access_log": "Access log",
    },
}


def sign_in(browser, live_server, user, lang):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)  # the machine is shared: slow pages are not failures
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")
    return page


def speaking(user, lang):
    user.language = lang
    user.save(update_fields=["language"])
    return user


def register_client(page, w, lang, signed):
    page.goto(f"/{lang}/casework/")
    page.wait_for_url("**/clients/")
    page.get_by_label(w["name"], exact=True).fill("Mireille Lachance")
    page.get_by_label(w["birth"]).fill("2008-05-14")
    page.locator("main form[role=search] button").click()
    page.get_by_text(w["none"]).wait_for()
    check_accessibility(page, f"casework-journey-search-none-{lang}")
    page.get_by_role("link", name=w["register"]).click()
    page.get_by_label(w["city"], exact=True).fill("Sudbury")
    page.get_by_role("button", name=w["save_continue"]).click()
    page.wait_for_url("**/education/")
    page.get_by_label(w["level"]).select_option("secondary")
    page.get_by_label(w["institution"]).fill("École secondaire Macdonald-Cartier")
    page.get_by_label(w["start"]).fill("2022-09-01")
    page.get_by_role("button", name=w["add"], exact=True).click()
    page.get_by_role("cell", name="École secondaire Macdonald-Cartier", exact=True).wait_for()
    page.get_by_role("link", name=w["next_employment"]).click()
    page.get_by_label(w["employer_name"]).fill("Ferme Roy")
    page.get_by_label(w["position"]).fill("Cueilleuse")
    page.get_by_label(w["start"]).fill("2025-07-01")
    page.get_by_role("button", name=w["add"], exact=True).click()
    page.get_by_role("cell", name="Ferme Roy", exact=True).wait_for()
    file_url = page.url.removesuffix("employment/")
    # Item 10: before the income step, the plan page says once what is missing.
    page.goto(f"{file_url}plans/new/")
    page.get_by_text(w["missing"]).wait_for()
    assert page.get_by_text(re.compile(w["step4"])).count() == 1
    check_accessibility(page, f"casework-journey-plan-missing-both-{lang}")
    page.get_by_role("link", name=re.compile(w["step4"])).click()
    page.get_by_label(w["no_income"]).check()
    page.get_by_role("button", name=w["save_continue"]).click()
    page.wait_for_url("**/consent/")
    # Item 7: after the income step, no plan before the consent; the file says why.
    page.goto(file_url)
    page.get_by_text(w["missing"]).wait_for()
    assert page.get_by_role("link", name=w["open_plan"]).count() == 0
    page.goto(f"{file_url}plans/new/")
    assert page.get_by_role("button", name=w["open_button"]).count() == 0
    check_accessibility(page, f"casework-journey-plan-missing-consent-{lang}")
    page.get_by_role("link", name=re.compile(w["step5"])).click()
    page.wait_for_url("**/consent/")
    page.get_by_label(w["explained"]).check()
    page.get_by_label(w["signed_file"]).set_input_files(str(signed))
    page.get_by_role("button", name=w["record_consent"]).click()
    page.get_by_text(w["given"], exact=True).wait_for()
    return page.url


def register_employer(page, w, lang, signed):
    page.get_by_role("link", name=w["employers"], exact=True).click()
    page.get_by_label(w["employer_query"]).fill("Quincaillerie Lachance")
    page.locator("main form[role=search] button").click()
    page.get_by_text(w["no_employer"]).wait_for()
    page.get_by_role("link", name=w["register_employer"]).click()
    page.get_by_label(w["business_number"]).fill("123 456 789")
    page.get_by_label(w["city"], exact=True).fill("Sudbury")
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
    this_year = datetime.date.today().year
    page.locator("input[name=year]").fill(str(this_year - 1))  # last year's paper form
    page.get_by_role("button", name=w["record_form"]).click()
    page.locator(".invalid-feedback", has_text=w["only_this_year"]).wait_for()
    check_accessibility(page, f"casework-journey-employer-form-last-year-{lang}")
    page.locator("input[name=year]").fill(str(this_year))
    page.get_by_label(w["employer_file"]).set_input_files(str(signed))
    page.get_by_role("button", name=w["record_form"]).click()
    page.get_by_text(w["form_recorded"]).wait_for()
    page.get_by_text(w["on_file"]).wait_for()
    assert page.get_by_role("link", name=w["add_form"]).count() == 0
    check_accessibility(page, f"casework-journey-employer-form-on-file-{lang}")


def open_plan(page, w, lang, shot: str):
    page.get_by_role("link", name=w["open_plan"]).click()
    page.locator("select[name=service_point]").select_option(index=1)
    page.locator("select[name=goal]").select_option(index=1)
    page.locator("select[name=sub_goal]").select_option(index=1)
    check_accessibility(page, f"casework-journey-plan-new-{shot}-{lang}")
    page.get_by_role("button", name=w["open_button"]).click()
    page.get_by_text(w["plan_open"]).wait_for()


def add_placement(
    page, w, lang, position: str, hours: str, shot: str | None = None, from_employer_page=False
):
    from casework.models import ObjectiveType

    placement = ObjectiveType.objects.get(code="placement")
    page.locator("select[name=type]").select_option(value=str(placement.pk))
    page.get_by_role("button", name=w["add_objective"]).click()
    assert page.locator("input[name=business_number]").count() == 0
    if from_employer_page:  # item 9: from the registry, back with the employer chosen
        page.get_by_role("link", name=w["registry"]).click()
        page.get_by_label(w["employer_query"]).fill("Quincaillerie Lachance")
        page.locator("main form[role=search] button").click()
        page.get_by_role("link", name="Quincaillerie Lachance").click()
        check_accessibility(page, f"casework-journey-employer-choose-{lang}")
        page.get_by_role("link", name=w["choose_employer"]).click()
        page.locator("input[name=employer]:checked").wait_for()
    else:  # item 9: search as one types (htmx), then choose
        page.locator("input[name=employer_q]").press_sequentially("quincaillerie lach")
        page.get_by_text(re.compile(w["found"])).wait_for()
        page.get_by_label(re.compile("Quincaillerie Lachance")).check()
    page.locator("input[name=position]").fill(position)
    today = datetime.date.today()
    page.locator("input[name=start_date]").fill(today.isoformat())
    page.locator("input[name=end_date]").fill((today + datetime.timedelta(days=56)).isoformat())
    page.locator("input[name=hours_per_week]").fill(hours)
    if shot:
        check_accessibility(page, f"casework-journey-{shot}-{lang}")
    page.get_by_role("button", name=w["save_objective"]).click()
    page.get_by_text(w["saved"]).wait_for()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_casework_journey(browser, live_server, tmp_path, lang):
    w = WORDS[lang]
    reference_data()
    p = Providers()
    worker_a, worker_b = speaking(p.worker_a, lang), speaking(p.worker_b, lang)
    speaking(p.manager_a, lang)
    speaking(p.ministry, lang)
    signed = tmp_path / "signed-form.pdf"
    signed.write_bytes(PDF)
    consent = tmp_path / "closure-consent.pdf"
    consent.write_bytes(PDF)

    # Provider A: client and employer registered after searching, then the plan.
    a = sign_in(browser, live_server, worker_a, lang)
    client_url = register_client(a, w, lang, signed)
    register_employer(a, w, lang, signed)
    a.goto(client_url)
    check_accessibility(a, f"casework-journey-client-file-{lang}")
    open_plan(a, w, lang, "first")
    check_accessibility(a, f"casework-journey-plan-{lang}")
    add_placement(a, w, lang, "Cashier", "20", shot="placement")
    add_placement(a, w, lang, "Stock clerk", "15", from_employer_page=True)
    assert a.get_by_text("Stock clerk").count() == 1 and a.get_by_text("Cashier").count() == 1
    check_accessibility(a, f"casework-journey-plan-two-placements-{lang}")
    first = ServicePlan.objects.get()
    assert first.objectives.filter(state="saved", type__is_placement=True).count() == 2

    # The placements end: A closes the plan with its reason.
    a.get_by_role("link", name=w["close"]).click()
    a.locator("select[name=reason]").select_option("placement_completed")
    check_accessibility(a, f"casework-journey-close-{lang}")
    a.get_by_role("button", name=w["close"]).click()
    a.get_by_text(w["closed"]).wait_for()
    first.refresh_from_db()
    assert (first.state, first.close_reason) == ("closed", "placement_completed")

    # The client comes back to A: a new plan.
    a.goto(client_url)
    open_plan(a, w, lang, "second")

    # Provider B meets A's active plan before typing, and asks for its closure.
    b = sign_in(browser, live_server, worker_b, lang)
    b.goto(f"/{lang}/casework/")
    b.get_by_label(w["name"], exact=True).fill("Mireille Lachance")
    b.locator("main form[role=search] button").click()
    b.get_by_role("link", name="Mireille Lachance").click()
    b.get_by_text(w["elsewhere"]).first.wait_for()
    check_accessibility(b, f"casework-journey-b-minimal-{lang}")
    b.get_by_role("link", name=w["request"]).click()
    b.get_by_role("button", name=w["send"]).click()  # no consent file: refused
    b.locator(".invalid-feedback, .alert-danger").first.wait_for()
    assert not ClosureRequest.objects.exists()
    b.get_by_label(w["consent"]).set_input_files(str(consent))
    b.locator("input[name=consent_signed_on]").fill(datetime.date.today().isoformat())
    check_accessibility(b, f"casework-journey-b-request-{lang}")
    b.get_by_role("button", name=w["send"]).click()
    b.get_by_text(w["sent"]).wait_for()
    check_accessibility(b, f"casework-journey-b-queue-{lang}")
    to_a = [m for m in mail.outbox if worker_a.email in m.to]
    assert to_a and w["subject_request"] in to_a[-1].subject
    assert any(p.manager_a.email in m.to for m in mail.outbox)
    # Item 12: nothing attached; the e-mail says the consent stays with the request, linked.
    assert not to_a[-1].attachments and w["not_sent"] in to_a[-1].body
    link = re.search(r"https?://\S+/closure-requests/\d+/", to_a[-1].body).group(0)

    # A follows the link, reads the consent there and closes the plan ("moved").
    a.goto(urlsplit(link).path)
    a.get_by_role("link", name=w["consent"]).wait_for()
    check_accessibility(a, f"casework-journey-a-decide-{lang}")
    a.get_by_role("button", name=w["accept"]).click()
    a.get_by_text(w["accepted"]).wait_for()
    to_b = [m for m in mail.outbox if worker_b.email in m.to]
    assert to_b and w["subject_closed"] in to_b[-1].subject
    assert ServicePlan.objects.get(state="closed", close_reason="moved")

    # B opens its plan at once, from its queue.
    b.goto(f"/{lang}/casework/p/{p.b.group.pk}/closure-requests/")
    b.get_by_role("link", name=re.compile(w["open_plan"])).click()
    b.locator("select[name=service_point]").select_option(index=1)
    b.locator("select[name=goal]").select_option(index=1)
    b.locator("select[name=sub_goal]").select_option(index=1)
    b.get_by_role("button", name=w["open_button"]).click()
    b.get_by_text(w["plan_open"]).wait_for()
    assert ServicePlan.objects.get(state="active").group == p.b.group

    # The ministry's report shows both providers' activity.
    m = sign_in(browser, live_server, p.ministry, lang)
    m.goto(f"/{lang}/casework/ministry/reports/")
    m.get_by_role("heading", name=w["report"]).wait_for()
    check_accessibility(m, f"casework-journey-ministry-report-{lang}")
    row_a = m.get_by_role("row", name=re.compile(re.escape(p.point_a.name)))
    cells = row_a.get_by_role("cell").all_inner_texts()
    assert cells[:2] == ["2", "0"], cells  # two plans opened at A, none active at the end
    row_b = m.get_by_role("row", name=re.compile(re.escape(p.point_b.name)))
    assert row_b.get_by_role("cell").all_inner_texts()[:2] == ["1", "1"]

    # Item 11: A's worker walked the registration and plan pages: one line per visit (hour).
    m.goto(f"/{lang}/casework/ministry/access-log/")
    m.get_by_role("heading", name=w["access_log"]).wait_for()
    check_accessibility(m, f"casework-journey-access-log-{lang}")
    lines = m.get_by_role("row", name=re.compile("Mireille Lachance"))
    assert 1 <= lines.count() <= 2, lines.count()  # two only if the walk crossed an hour
    pages = int(lines.first.get_by_role("cell").last.inner_text())
    assert pages > 5, pages


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_seats_in_the_browser(browser, live_server, lang):
    """S9: with every seat taken, a sign-in is refused with the reason; the provider manager
    sees who holds the seats, ends a session, and the refused worker gets in."""
    from casework.registry import services as registry

    p = Providers()
    registry.provider_set_seats(provider=p.a, seats=2, actor=p.ministry)
    speaking(p.manager_a, lang)
    manager = sign_in(browser, live_server, p.manager_a, lang)
    sign_in(browser, live_server, p.worker_a, lang)
    late = make_late_worker(p, lang)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    refused = context.new_page()
    refused.goto(f"/{lang}/accounts/login/")
    refused.locator("input[name=login]").fill(late.email)
    refused.locator("input[name=password]").fill(PASSWORD)
    refused.locator("main form button[type=submit]").click()
    words = {"fr": "places de Avenir Emploi Sudbury sont occupées", "en": "seats of Avenir"}
    refused.get_by_text(re.compile(words[lang])).wait_for()
    check_accessibility(refused, f"casework-seats-refused-{lang}")

    manager.goto(f"/{lang}/me/seats/{p.a.group.pk}/")
    check_accessibility(manager, f"casework-seats-{lang}")
    end = {"fr": "Mettre fin à la session", "en": "End session"}[lang]
    manager.get_by_role("button", name=re.compile(end)).click()
    manager.get_by_role("button", name=re.compile(end)).wait_for(state="detached")

    refused.locator("input[name=login]").fill(late.email)
    refused.locator("input[name=password]").fill(PASSWORD)
    refused.locator("main form button[type=submit]").click()
    refused.wait_for_url("**/dashboard/")


def make_late_worker(p, lang):
    from tests.casework.helpers import make_worker

    return make_worker(p.a, email=f"late-{lang}@example.org", language=lang)
