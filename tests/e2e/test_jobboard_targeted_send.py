"""The employer's boosts in the browser (seed 002 step 5, J7/J8): an employer with an active
posting opens its boosts, then the targeted send, sees the recipient count and the price,
adds it to the cart and pays by invoice; exactly the matching consenting seekers receive the
posting. Then "My communications > My alerts": an alert switched on, the job runs, the e-mail
arrives once."""

import re

import pytest
from django.core import mail

from billing.models import BillingProfile
from jobboard.boosts.alerts import employer_alerts_run
from jobboard.boosts.models import TargetedSend
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory, make_member
from tests.jobboard.boosts_helpers import active_posting, ref, seeker
from tests.jobboard.postings_helpers import ready_group, reference_data

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "boost": "Optimiser",
        "heading": "Optimiser l’offre",
        "targeted": "Envoi personnalisé",
        "add": "Ajouter au panier à ce prix",
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
        "price_regions": "306,00\u00a0$",
        "alert": "10 jours avant la fin de la publication d’une offre",
        "save": "Enregistrer",
        "saved": "Votre choix a été enregistré.",
        "subject": "Votre offre prend fin dans 10 jours ou moins",
        "mail_subject": "Une offre d’emploi pour vous",
    },
    "en": {
        "boost": "Boost",
        "heading": "Boost the posting",
        "targeted": "Targeted send",
        "add": "Add to cart at this price",
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
        "price_regions": "$306.00",
        "alert": "10 days before a posting's publication ends",
        "save": "Save",
        "saved": "Your choice was saved.",
        "subject": "Your posting ends in 10 days or less",
        "mail_subject": "A job posting for you",
    },
}


def sign_in(page, lang, user):
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_employer_buys_a_targeted_send_and_switches_an_alert_on(page, lang):
    w = WORDS[lang]
    shot = f"/tmp/boosts-{lang}"
    reference_data()
    employer = UserFactory(language=lang, email=f"emp.{lang}@ponts.example")
    group = ready_group(employer)
    BillingProfile.objects.create(
        organisation=group.organisation, service="jobboard", invoice_eligible=True
    )
    posting = active_posting(group, employer, days_left=8)
    posting.domains.set([ref("field", "civil")])
    # Matching and consenting (in Montréal, the address's city), one in another region,
    # one who did not consent, one in another field.
    wanted = [seeker(email=f"yes{n}.{lang}@example.org", language=lang) for n in range(3)]
    wanted.append(seeker(regions=["estrie"], email=f"far.{lang}@example.org"))
    seeker(consent=False, email=f"no.{lang}@example.org")
    seeker(fields=["electrical"], email=f"elec.{lang}@example.org")

    sign_in(page, lang, employer)
    page.goto(f"/{lang}/jobs/groups/{group.pk}/postings/{posting.pk}/")
    page.get_by_role("link", name=re.compile("^" + w["boost"])).first.click()
    page.get_by_role("heading", name=w["heading"]).wait_for()
    check_accessibility(page, f"boosts-{lang}-01-boosts")
    page.screenshot(path=f"{shot}-01-boosts.png", full_page=True)
    page.get_by_role("link", name=w["targeted"]).last.click()
    # The count and the price, before the cart: 3 in the region(s), 4 everywhere.
    assert page.locator("[data-count=regions]").inner_text() == "3"
    assert page.locator("[data-count=everywhere]").inner_text() == "4"
    assert page.locator("[data-price=regions]").inner_text() == w["price_regions"]
    check_accessibility(page, f"boosts-{lang}-02-targeted")
    page.screenshot(path=f"{shot}-02-targeted.png", full_page=True)
    page.get_by_role("button", name=w["add"]).click()
    page.wait_for_url("**/checkout/")
    assert page.get_by_text(w["price_regions"]).first.is_visible()
    page.get_by_label(w["new_address"]).check()
    page.get_by_label(w["bill_name"]).fill("Comptabilité")
    page.get_by_label(w["bill_street"], exact=True).fill("1000, rue Sherbrooke Ouest")
    page.get_by_label(w["bill_city"], exact=True).fill("Montréal")
    page.get_by_label(w["province"]).select_option("QC")
    page.get_by_label(w["bill_postal"], exact=True).fill("H3A 3G4")
    check_accessibility(page, f"boosts-{lang}-03-checkout")
    page.screenshot(path=f"{shot}-03-checkout.png", full_page=True)
    mail.outbox.clear()
    page.get_by_role("button", name=w["review"]).click()
    page.get_by_label(w["invoice_method"]).check()
    page.get_by_label(w["terms"]).check()
    page.get_by_role("button", name=w["complete"]).click()
    page.get_by_text(w["invoiced"]).first.wait_for()
    send = TargetedSend.objects.get(posting=posting)
    assert (send.state, send.recipient_count, send.sent_count) == ("sent", 3, 3)
    targeted = [m for m in mail.outbox if m.subject.startswith(w["mail_subject"])]
    assert sorted(m.to[0] for m in targeted) == sorted(s.user.email for s in wanted[:3])
    # The page now says the send is done, and refuses a second one.
    page.goto(f"/{lang}/jobs/groups/{group.pk}/postings/{posting.pk}/targeted-send/")
    assert page.locator("button", has_text=w["add"]).count() == 0
    check_accessibility(page, f"boosts-{lang}-04-sent")
    page.screenshot(path=f"{shot}-04-sent.png", full_page=True)

    # My communications > My alerts: "10 days before the end" on; the job runs twice.
    poster = UserFactory(language=lang)
    make_member(poster, group, ["jobboard.posting_manager"])
    page.goto(f"/{lang}/jobs/groups/{group.pk}/communications/")
    page.get_by_label(w["alert"]).check()
    check_accessibility(page, f"boosts-{lang}-05-alerts")
    page.screenshot(path=f"{shot}-05-alerts.png", full_page=True)
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_text(w["saved"]).wait_for()
    assert page.get_by_label(w["alert"]).is_checked()
    mail.outbox.clear()
    from django.db import transaction

    for _run in range(2):
        with transaction.atomic():
            employer_alerts_run()
    ending = [m for m in mail.outbox if m.subject.startswith(w["subject"])]
    assert [m.to for m in ending] == [[employer.email]]  # once; the poster did not opt in
