"""Issue 17, job board (items 1-6) in a real browser, in French and in English: a job seeker
reaches the job site from the portal home by clicking and signs in from it back to it; a
brand-new employer goes from the portal home's employer entry to an active posting: the
package bought from the wizard (the address already filled in, the employer menu and the cart
link on the shop pages, the terms linked, « Reprendre la création » on the confirmation), the
regulator's change request read on the dashboard and the revise screen, the decision e-mail
linking to the posting. Screenshots in /tmp/shots-seamsjobs/ (and screenshots/, with axe)."""

import re
from pathlib import Path

import pytest
from django.core import mail

from jobboard.postings.models import Posting
from tests.e2e.conftest import check_accessibility
from tests.e2e.jobboard_steps import (
    employer_signs_up_and_asks_for_a_new_group,
    principal_fills_the_company_information,
    regulator_approves_the_group,
)
from tests.e2e.test_jobboard_employer_journey import WORDS, fill_rich, regulator_decides, sign_in
from tests.factories import PASSWORD, UserFactory
from tests.jobboard.postings_helpers import reference_data

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-seamsjobs")
MORE = {
    "fr": {
        "sign_in": "Se connecter",
        "job_site": "Emplois en génie",
        "complete": "Compléter l’achat",
    },
    "en": {
        "sign_in": "Sign in",
        "job_site": "Engineering job board",
        "complete": "Complete the purchase",
    },
}


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    check_accessibility(page, name)


def seeker_reaches_the_job_site(page, lang):
    """Portal home → the seekers' entry → the job site; its header leads to its home; « Se
    connecter » comes back to the page it was clicked on."""
    seeker = UserFactory(email=f"sofia.{lang}@example.org", language=lang)
    page.goto(f"/{lang}/")
    shot(page, f"seams-{lang}-01-portal-home")
    page.locator("[data-testid=entry-jobboard-seekers]").click()
    page.wait_for_url(f"**/{lang}/jobs/")
    page.get_by_role("link", name=MORE[lang]["job_site"]).first.click()  # the header
    page.wait_for_url(f"**/{lang}/jobs/")
    page.goto(f"/{lang}/jobs/search/?q=pont")
    page.locator("header").get_by_role("link", name=MORE[lang]["sign_in"]).click()
    page.locator("input[name=login]").fill(seeker.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/jobs/search/?q=pont")
    shot(page, f"seams-{lang}-02-back-on-the-job-site")
    page.context.clear_cookies()


def fill_the_draft(page, w):
    page.get_by_label(w["engineers"]).check()
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_label(w["title"]).fill("Ingénieur·e hydraulique")
    fill_rich(page, w["purpose"], "Concevoir les barrages de la région.")
    fill_rich(page, w["duties"], "Calculs, plans et surveillance.")
    fill_rich(page, w["qualifications"], "Membre de l’Ordre.")
    page.get_by_label(w["function"]).select_option(index=1)
    page.get_by_label(w["field"], exact=True).check()
    page.get_by_label(w["employment"]).select_option("permanent")
    page.get_by_label(w["status"]).select_option("full_time")
    page.get_by_label(w["mode"]).select_option("hybrid")
    page.get_by_label(w["deadline"]).fill("2030-01-31")
    page.get_by_label(w["address_kind"]).check()
    page.get_by_label(w["street"], exact=True).fill("2000, boul. Talbot")
    page.get_by_label(w["city"], exact=True).fill("Chicoutimi")
    page.get_by_label(w["postal"], exact=True).fill("G7H 5B1")
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_label(w["on_approval"]).check()
    page.get_by_label(w["apply_url_kind"]).check()
    page.get_by_label(w["apply_url"]).fill("https://hydro-genie.example/carrieres")
    page.get_by_role("button", name=w["save"]).click()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_seeker_and_new_employer_cross_the_seams(
    browser, live_server, page, tmp_path, settings, lang
):
    settings.BILLING_TEST_PAYMENTS = True
    w = {**WORDS[lang], **MORE[lang]}
    reference_data()
    seeker_reaches_the_job_site(page, lang)

    # The employer's entry on the portal home leads to the job site's employer space.
    page.goto(f"/{lang}/")
    page.locator("[data-testid=entry-jobboard-employers]").click()
    page.wait_for_url(f"**/{lang}/jobs/employer/")
    employer, group = employer_signs_up_and_asks_for_a_new_group(page, lang)
    regulator_approves_the_group(page, lang, group)
    principal_fills_the_company_information(page, lang, group, tmp_path)
    from accounts.models import User

    regulator = User.objects.get(staff_role="regulator", email__startswith="ordre.")
    staff = sign_in(browser, live_server, regulator, lang)

    # A draft up to the package step; the package goes in the cart.
    page.goto(f"/{lang}/jobs/groups/{group.pk}/dashboard/")
    page.get_by_role("link", name=w["create"]).first.click()
    fill_the_draft(page, w)
    page.get_by_text(w["missing"], exact=True).wait_for()
    page.get_by_role("button", name=w["buy"]).click()

    # Left the checkout: the cart link (top right) brings it back, with its count.
    page.goto(f"/{lang}/jobs/groups/{group.pk}/dashboard/")
    assert page.locator("[data-testid=cart-count]").inner_text() == "1"
    shot(page, f"seams-{lang}-03-dashboard-cart-link")
    page.locator("[data-testid=cart-link]").click()
    page.wait_for_url(f"**/billing/groups/{group.pk}/checkout/")
    # The first purchase starts from the company's address; the employer menu stays.
    assert page.locator("input[name=name]").input_value() == group.organisation.legal_name
    assert page.locator("nav .employer-menu").count() == 1
    shot(page, f"seams-{lang}-04-checkout-prefilled")
    page.get_by_role("button", name=w["review"]).click()
    assert page.locator("[data-testid=terms-link]").get_attribute("href") == f"/{lang}/terms/"
    page.locator("input[name=method][value=test]").check()
    page.locator("input[name=terms]").check()
    shot(page, f"seams-{lang}-05-review-terms-link")
    page.get_by_role("button", name=w["complete"]).click()
    next_steps = page.locator("[data-testid=next-steps]")
    next_steps.wait_for()
    shot(page, f"seams-{lang}-06-order-next-steps")
    next_steps.get_by_role("link", name=w["resume"]).click()
    page.get_by_text(w["in_bank"], exact=True).wait_for()
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("button", name=w["submit"]).click()
    page.get_by_text(w["sent"]).wait_for()

    # The regulator asks for changes: the e-mail links to the posting, the dashboard and the
    # revise screen show the note.
    mail.outbox.clear()
    regulator_decides(
        staff, lang, w, "Ingénieur·e hydraulique", "ask_changes", "Précisez les barrages.", "seams"
    )
    posting = Posting.objects.get(group=group)
    body = [m for m in mail.outbox if employer.email in m.to][-1].body
    assert re.search(rf"/{lang}/jobs/groups/{group.pk}/postings/{posting.pk}/\s", body)
    page.goto(f"/{lang}/jobs/groups/{group.pk}/dashboard/")
    to_revise = page.locator("[data-testid=to-revise]")
    assert "Précisez les barrages." in to_revise.inner_text()
    shot(page, f"seams-{lang}-07-dashboard-note")
    to_revise.get_by_role("link", name=w["revise"]).click()
    assert "Précisez les barrages." in page.locator("[data-testid=revision-note]").inner_text()
    shot(page, f"seams-{lang}-08-revise-note")
    fill_rich(page, w["duties"], "Calculs de barrages, plans, surveillance.")
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("button", name=w["submit"]).click()
    page.get_by_text(w["sent"]).wait_for()
    regulator_decides(staff, lang, w, "Ingénieur·e hydraulique", "approve", "", "seams-b")
    posting.refresh_from_db()
    assert posting.state == "active" and posting.live
    page.goto(f"/{lang}/jobs/groups/{group.pk}/postings/{posting.pk}/")
    page.locator(".badge", has_text=w["active"]).first.wait_for()
    # The note is in the history once.
    assert page.locator("#history-heading + ol").inner_text().count("Précisez les barrages.") == 1
    shot(page, f"seams-{lang}-09-active-history")
