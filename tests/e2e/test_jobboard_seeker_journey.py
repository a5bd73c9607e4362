"""Seed 002 « mes communications » in a real browser, in French and in English: a new seeker
signs up (gmail is fine), agrees to targeted postings, verifies the address, follows a
company on its public page; the company's posting is approved and the seeker gets the
publication e-mail. axe on every page; screenshots in /tmp/seekers-*.png."""

import re

import pytest

from jobboard.seekers.models import Follow, SeekerConsent
from portal.models import OutboundEmail
from portal.services.reviews import review_decide
from tests.e2e.conftest import check_accessibility
from tests.e2e.jobboard_steps import sign_in
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import open_review, ready_group, submitted

PASSWORD = "a-long-new-password"  # noqa: S105
WORDS = {
    "fr": {
        "submit": "Créer mon compte de chercheur d’emploi",
        "consent": "J’accepte de recevoir par courriel",
        "verify_heading": "Vérifiez votre adresse",
        "follow": "Suivre cette entreprise",
        "following": "Abonné",
        "subject": "Nouvelle offre de Ponts et Chaussées inc. : Ingénieur·e en structures",
        "communications": "Mes communications",
        "withdraw": "Retirer mon consentement",
    },
    "en": {
        "submit": "Create my job seeker account",
        "consent": "I agree to receive by e-mail",
        "verify_heading": "Verify Your Email Address",
        "follow": "Follow this company",
        "following": "Following",
        "subject": "New posting from Ponts et Chaussées inc.: Structural engineer",
        "communications": "My communications",
        "withdraw": "Withdraw my consent",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_seeker_signs_up_follows_a_company_and_gets_its_new_posting(page, lang):
    t = WORDS[lang]
    employer = UserFactory(email=f"employer.{lang}@ponts.example.org")
    company = ready_group(employer, name="Ponts et Chaussées inc.")
    posting = submitted(company, employer)
    email = f"sarah.{lang}@gmail.com"

    page.goto(f"/{lang}/jobs/me/signup/")
    check_accessibility(page, f"seekers-{lang}-1-signup")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=first_name]").fill("Sarah")
    page.locator("input[name=last_name]").fill("Bergeron")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("input[name=profile][value=engineer]").check()
    page.locator("input[name=field_ids]").first.check()
    page.locator("input[name=region_ids]").first.check()
    page.locator("input[name=years_on_roll]").fill("5")
    page.locator("input[name=weekly_digest]").check()
    consent = page.get_by_label(re.compile(t["consent"]))
    assert not consent.is_checked()  # never ticked for the seeker
    consent.check()
    page.screenshot(path=f"/tmp/seekers-{lang}-signup.png", full_page=True)
    page.get_by_role("button", name=t["submit"]).click()
    page.get_by_role("heading", name=re.compile(t["verify_heading"], re.I)).wait_for()

    consent_row = SeekerConsent.objects.get(seeker__user__email=email)
    assert consent_row.language == lang and t["consent"] in consent_row.wording
    message = OutboundEmail.objects.get(to=email)
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body_text).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=login]").wait_for()
    sign_in(page, lang, email, PASSWORD)

    page.goto(f"/{lang}/jobs/companies/{company.pk}/")
    check_accessibility(page, f"seekers-{lang}-2-company")
    page.get_by_role("button", name=t["follow"]).click()
    page.get_by_role("button", name=re.compile(t["following"])).wait_for()
    assert Follow.objects.filter(user__email=email, group=company).exists()
    page.screenshot(path=f"/tmp/seekers-{lang}-company.png", full_page=True)

    # The regulator approves the posting: it goes online, and the follower is told.
    regulator = UserFactory(staff_role="regulator")
    review_decide(review=open_review(posting), actor=regulator, decision="approve")
    sent = OutboundEmail.objects.get(to=email, template="jobboard_follow_new_posting")
    assert sent.subject == t["subject"] and sent.status == OutboundEmail.Status.SENT
    assert f"/{lang}/jobs/{posting.pk}/" in sent.body_text
    assert sent.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(f"/{lang}/jobs/me/communications/")
    page.get_by_role("heading", name=t["communications"]).wait_for()
    page.get_by_role("button", name=t["withdraw"]).wait_for()
    check_accessibility(page, f"seekers-{lang}-3-communications")
    page.screenshot(path=f"/tmp/seekers-{lang}-communications.png", full_page=True)
