"""A company registered today buys licences, in a real browser (issue 12, item 2): the
representative registers the company, the certification office approves it in its inbox,
the representative buys 5 licences and gets 5 codes. In French with the development test
payment; in English (no Stripe keys, no test payment) by asking the office for invoice
billing, which the office grants on its invoices page."""

import pytest

from billing.models import Order
from licensing.models import LicenceCode
from portal.models import Organisation
from tests.e2e.conftest import check_accessibility
from tests.e2e.test_licensing_journey import sign_in
from tests.factories import UserFactory
from tests.licensing.helpers import reference_data

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "register": "Inscrire une entreprise",
        "register_button": "S’inscrire",
        "registered": "Votre entreprise a été inscrite",
        "approve": "Approuver",
        "record": "Enregistrer la décision",
        "buy": "Achat de licences",
        "quantity": "Nombre de licences",
        "buy_button": "Acheter",
        "new_address": "Une nouvelle adresse",
        "name": "Nom sur la facture",
        "street": "Adresse",
        "city": "Ville",
        "province": "Province ou territoire",
        "postal": "Code postal",
        "review": "Réviser et compléter l’achat",
        "test_method": "Paiement d’essai",
        "terms": "J’ai lu et j’accepte",
        "complete": "Compléter l’achat",
        "paid": "Payée",
        "manage": "Gestion des licences",
    },
    "en": {
        "register": "Register a company",
        "register_button": "Register",
        "registered": "Your company was registered",
        "approve": "Approve",
        "record": "Record the decision",
        "buy": "Buy licences",
        "quantity": "Number of licences",
        "buy_button": "Buy",
        "new_address": "A new address",
        "name": "Name on the invoice",
        "street": "Street address",
        "city": "City",
        "province": "Province or territory",
        "postal": "Postal code",
        "review": "Review and complete the purchase",
        "ask": "Ask the office for invoice billing",
        "asked": "Your request was sent to the office",
        "allow": "Allow invoice billing",
        "invoice_method": "Invoice (net 30)",
        "terms": "I have read and accept",
        "complete": "Complete the purchase",
        "invoiced": "Invoiced (net 30)",
        "manage": "Manage licences",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_company_registers_and_buys(browser, live_server, settings, lang):
    reference_data()
    settings.STRIPE_SECRET_KEY = ""
    settings.BILLING_TEST_PAYMENTS = lang == "fr"
    w = WORDS[lang]
    shot = f"new-company-{lang}"
    legal_name = f"Forage Nunavik {lang} inc."
    rep_user = UserFactory(email=f"new-rep-{lang}@example.org", language=lang)
    office_user = UserFactory(
        email=f"cert-{lang}@example.org", staff_role="certification_office", language=lang
    )

    # 1. The representative registers the company.
    rep = sign_in(browser, live_server, rep_user, lang)
    rep.goto(f"/{lang}/licensing/")
    rep.get_by_role("link", name=w["register"]).click()
    rep.locator("input[name=legal_name]").fill(legal_name)
    rep.locator("input[name=street_address]").fill("12 rue des Pionniers")
    rep.locator("input[name=city]").fill("Kuujjuaq")
    rep.locator("select[name=province]").select_option("QC")
    rep.locator("input[name=postal_code]").fill("J0M 1C0")
    rep.locator("input[name=phone]").fill("819-555-0100")
    check_accessibility(rep, f"{shot}-01-register")
    rep.locator("main").get_by_role("button", name=w["register_button"], exact=True).click()
    rep.get_by_text(w["registered"]).wait_for()
    check_accessibility(rep, f"{shot}-02-registered")

    # 2. The certification office approves the company in its inbox.
    office = sign_in(browser, live_server, office_user, lang)
    office.goto(f"/{lang}/staff/inbox/")
    office.locator("main a", has_text=legal_name).first.click()
    office.get_by_label(w["approve"]).check()
    office.get_by_role("button", name=w["record"]).click()
    office.wait_for_url("**/staff/inbox/")
    organisation = Organisation.objects.get(legal_name=legal_name)
    assert organisation.status == Organisation.Status.ACTIVE
    group = organisation.groups.get()

    # 3. The representative buys 5 licences.
    rep.goto(f"/{lang}/licensing/")
    rep.locator("main a", has_text=legal_name).click()
    rep.get_by_role("link", name=w["buy"]).click()
    rep.get_by_label(w["quantity"]).fill("5")
    rep.get_by_role("button", name=w["buy_button"], exact=True).click()
    rep.get_by_label(w["new_address"]).check()
    rep.get_by_label(w["name"]).fill("Comptabilité")
    rep.get_by_label(w["street"], exact=True).fill("12 rue des Pionniers")
    rep.get_by_label(w["city"], exact=True).fill("Kuujjuaq")
    rep.get_by_label(w["province"]).select_option("QC")
    rep.get_by_label(w["postal"], exact=True).fill("J0M 1C0")
    rep.get_by_role("button", name=w["review"]).click()
    rep.locator("main").get_by_text("MiningCertification@wsc.nt.ca").wait_for()
    check_accessibility(rep, f"{shot}-03-review")
    order = Order.objects.get(group=group)

    if lang == "fr":
        # 4a. Development: the marked test payment completes the order.
        rep.get_by_role("radio", name=w["test_method"]).check()
        rep.get_by_label(w["terms"]).check()
        rep.get_by_role("button", name=w["complete"]).click()
        rep.get_by_text(w["paid"], exact=True).wait_for()
    else:
        # 4b. No payment method yet: ask the office for invoice billing; it grants it.
        assert rep.get_by_role("radio", name=w["invoice_method"]).count() == 0
        rep.get_by_role("button", name=w["ask"]).click()
        rep.get_by_text(w["asked"]).wait_for()
        check_accessibility(rep, f"{shot}-04-asked")
        office.goto(f"/{lang}/billing/staff/invoices/")
        office.get_by_test_id("invoice-requests").get_by_role(
            "cell", name=legal_name, exact=True
        ).wait_for()
        check_accessibility(office, f"{shot}-05-office-requests")
        office.get_by_role("button", name=f"{w['allow']} {legal_name}").click()
        office.wait_for_load_state()
        rep.goto(f"/{lang}/billing/groups/{group.pk}/orders/{order.pk}/review/")
        rep.get_by_role("radio", name=w["invoice_method"]).check()
        rep.get_by_label(w["terms"]).check()
        rep.get_by_role("button", name=w["complete"]).click()
        rep.get_by_text(w["invoiced"]).first.wait_for()
    check_accessibility(rep, f"{shot}-06-order")

    # 5. The codes are delivered.
    rep.goto(f"/{lang}/licensing/groups/{group.pk}/")
    rep.get_by_role("link", name=w["manage"]).click()
    assert rep.locator("[data-copy]").count() == 5
    check_accessibility(rep, f"{shot}-07-codes")
    assert LicenceCode.objects.filter(group=group).count() == 5
