"""Steps of the employer's journey in the browser (seed 002, steps 1 and 2), shared by the
job board's end-to-end tests: each step asserts its pages (axe), its data and its e-mails.


    regulator_approves_the_group(page, lang, group)
    principal_fills_the_company_information(page, lang, group, tmp_path)
"""

import io
import re

from PIL import Image

from accounts.models import User
from jobboard.employer.models import EmployerApplication
from portal.models import Group, Membership, OutboundEmail
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.jobboard.helpers import load_free_mail_list

EMPLOYER_PASSWORD = "a-long-new-password"  # noqa: S105
WORDS = {
    "fr": {
        "create": "Me créer un compte employeur",
        "free_mail": "Un compte employeur exige votre adresse courriel professionnelle",
        "submit_signup": "Créer mon compte employeur",
        "verify_heading": "Vérifiez votre adresse",
        "resume": "Reprendre votre demande de compte employeur",
        "search": "Rechercher",
        "duplicate": "doublon possible de la ligne ci-dessus",
        "choose": "Choisir",
        "save_continue": "Enregistrer et continuer",
        "required": "Ce champ est obligatoire.",
        "new_group": "Un nouveau groupe",
        "send": "Soumettre ma demande",
        "waiting": "En attente d’approbation",
        "waiting_subject": "Votre demande est en attente d’approbation",
        "approve": "Approuver",
        "record": "Enregistrer la décision",
        "approved_subject": "Approuvé",
        "edit": "Modifier",
        "save": "Enregistrer",
        "complete": "Les informations visibles sur vos offres sont complètes.",
        "sign_out": "Se déconnecter",
    },
    "en": {
        "create": "Create an employer account",
        "free_mail": "An employer account needs your professional e-mail address",
        "submit_signup": "Create my employer account",
        "verify_heading": "Verify Your Email Address",
        "resume": "Resume your employer account request",
        "search": "Search",
        "duplicate": "possible duplicate of the row above",
        "choose": "Choose",
        "save_continue": "Save and continue",
        "required": "This field is required.",
        "new_group": "A new group",
        "send": "Send my request",
        "waiting": "Awaiting approval",
        "waiting_subject": "Your request is awaiting approval",
        "approve": "Approve",
        "record": "Record the decision",
        "approved_subject": "Approved",
        "edit": "Edit",
        "save": "Save",
        "complete": "The information shown on your postings is complete.",
        "sign_out": "Sign out",
    },
}


def _logo(tmp_path) -> str:
    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 88, 202)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def sign_in(page, lang, email, password):
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/dashboard/")


def sign_out(page, t):
    page.get_by_role("button", name=t["sign_out"]).click()
    page.wait_for_url("**/")


def employer_email(lang: str) -> str:
    return f"nadia.{lang}@hydro-genie.example"


def employer_signs_up_and_asks_for_a_new_group(page, lang):
    """Sign-up (gmail refused, professional accepted, e-mail verified), find the company by
    NEQ beside its imported duplicate, validate its fields, ask for a new group, send."""
    t = WORDS[lang]
    load_free_mail_list()
    neq = "1185550001" if lang == "fr" else "1185550002"
    OrganisationFactory(
        legal_name="Hydro-Génie Saguenay inc.",
        registry_number=neq,
        imported=True,
        postal_code="",
    )
    OrganisationFactory(
        legal_name="HYDRO GENIE SAGUENAY INC",
        registry_number=neq,
        imported=True,
        postal_code="G7H 5B1",
    )
    email = employer_email(lang)

    # Step 1: the job site's employer entry, a gmail address refused.
    page.goto(f"/{lang}/jobs/employer/")
    check_accessibility(page, f"jobboard-{lang}-01-home")
    page.get_by_role("link", name=t["create"]).first.click()
    page.locator("input[name=email]").fill(f"nadia.{lang}@gmail.com")
    page.locator("input[name=first_name]").fill("Nadia")
    page.locator("input[name=last_name]").fill("Roy")
    page.locator("input[name=password1]").fill(EMPLOYER_PASSWORD)
    page.locator("input[name=password2]").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name=t["submit_signup"]).click()
    page.get_by_text(t["free_mail"]).first.wait_for()
    check_accessibility(page, f"jobboard-{lang}-02-signup-gmail-refused")
    assert not User.objects.filter(email=f"nadia.{lang}@gmail.com").exists()

    # A professional address is accepted; the e-mail is verified.
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(EMPLOYER_PASSWORD)
    page.locator("input[name=password2]").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name=t["submit_signup"]).click()
    page.get_by_role("heading", name=re.compile(t["verify_heading"], re.I)).wait_for()
    verification = OutboundEmail.objects.get(to=email)
    assert verification.language == lang
    link = re.search(r"https?://\S+/confirm-email/\S+/", verification.body_text).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=login]").wait_for()
    sign_in(page, lang, email, EMPLOYER_PASSWORD)

    # The tabs: find the company by NEQ; its imported duplicate is beside it.
    page.goto(f"/{lang}/jobs/employer/")
    page.get_by_role("link", name=t["resume"]).click()
    page.locator("input[name=q]").fill(neq)
    page.get_by_role("button", name=t["search"]).click()
    page.get_by_text(t["duplicate"]).wait_for()
    assert page.locator("[data-testid=company-row]").count() == 2
    check_accessibility(page, f"jobboard-{lang}-03-company-search")
    page.locator("[data-testid=company-row]").filter(
        has_text="Hydro-Génie Saguenay inc."
    ).get_by_role("button", name=re.compile(t["choose"])).click()

    # Mandatory fields: the missing postal code is asked for.
    page.locator("input[name=legal_name]").wait_for()
    page.get_by_role("button", name=t["save_continue"]).click()
    page.get_by_text(t["required"]).first.wait_for()
    check_accessibility(page, f"jobboard-{lang}-04-company-fields")
    page.locator("input[name=postal_code]").fill("G7H 5B1")
    page.get_by_role("button", name=t["save_continue"]).click()

    # About you, and a new group.
    page.locator("input[name=job_title]").wait_for()
    page.locator("input[name=phone]").fill("418-555-0123")
    page.locator("input[name=phone_extension]").fill("204")
    page.locator("input[name=job_title]").fill("Directrice de l’ingénierie")
    page.get_by_label(re.compile(t["new_group"])).check()
    check_accessibility(page, f"jobboard-{lang}-05-about-you")
    page.get_by_role("button", name=t["save_continue"]).click()

    # Confirmation, then "awaiting approval" and its e-mail.
    page.get_by_role("button", name=t["send"]).wait_for()
    check_accessibility(page, f"jobboard-{lang}-06-confirmation")
    page.get_by_role("button", name=t["send"]).click()
    page.locator("[data-testid=request-status]").get_by_text(t["waiting"]).wait_for()
    check_accessibility(page, f"jobboard-{lang}-07-awaiting-approval")
    user = User.objects.get(email=email)
    waiting = OutboundEmail.objects.get(to=email, template="jobboard_application_waiting")
    assert waiting.subject == t["waiting_subject"] and waiting.language == lang
    assert EmployerApplication.objects.get(user=user).state == "submitted"
    group = Group.objects.get(memberships__user=user)
    assert group.status == "pending" and group.name == "Group 001"
    sign_out(page, t)
    return user, group


def regulator_approves_the_group(page, lang, group):
    """A regulator signs in, opens the request in the inbox and approves it; the applicant
    becomes the group's principal manager and gets the decision by e-mail."""
    t = WORDS[lang]
    email = employer_email(lang)
    user = User.objects.get(email=email)
    regulator = UserFactory(
        email=f"ordre.{lang}@example.org", staff_role="regulator", language=lang
    )
    sign_in(page, lang, regulator.email, PASSWORD)
    page.goto(f"/{lang}/staff/inbox/")
    check_accessibility(page, f"jobboard-{lang}-08-regulator-inbox")
    page.get_by_role("link", name=re.compile("Hydro-Génie Saguenay")).click()
    page.get_by_label(t["approve"]).check()
    check_accessibility(page, f"jobboard-{lang}-09-regulator-review")
    page.get_by_role("button", name=t["record"]).click()
    page.wait_for_url("**/staff/inbox/")
    assert Membership.objects.get(user=user, group=group).roles == ["manager"]
    decided = OutboundEmail.objects.filter(to=email, template="review_decided").get()
    assert decided.subject.startswith(t["approved_subject"]) and decided.language == lang
    sign_out(page, t)


def principal_fills_the_company_information(page, lang, group, tmp_path):
    """The principal manager signs in and fills the group's posting information with a logo;
    the group is then ready to post. Stays signed in."""
    t = WORDS[lang]
    email = employer_email(lang)
    sign_in(page, lang, email, EMPLOYER_PASSWORD)
    page.goto(f"/{lang}/jobs/employer/{group.pk}/company/")
    check_accessibility(page, f"jobboard-{lang}-10-my-company")
    page.get_by_role("link", name=t["edit"], exact=True).click()
    page.locator("input[name=company_name]").fill("Hydro-Génie Saguenay")
    page.locator("input[name=logo]").set_input_files(_logo(tmp_path))
    page.locator("textarea[name=description]").fill("Bureau de Chicoutimi.")
    page.locator("input[name=website]").fill("https://hydro-genie.example")
    page.locator("textarea[name=company_description]").fill("Firme d’ingénierie hydraulique.")
    check_accessibility(page, f"jobboard-{lang}-11-edit-company")
    page.get_by_role("button", name=t["save"], exact=True).click()
    page.get_by_text(t["complete"]).wait_for()
    assert page.locator(".company-card img").count() == 1
    check_accessibility(page, f"jobboard-{lang}-12-company-ready")
    group.refresh_from_db()
    assert group.logo
