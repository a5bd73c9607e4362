"""The seed's guide in a real browser (L1–L5, J4 billing half): the representative buys 5
licences (by invoice in French; by card in English, with Stripe's HTTP API replaced and its
webhook signed as Stripe does), sees 5 codes; an employee takes the introductory course,
applies with a code, the office approves, the employee redeems and takes the course; the
company sees the progress. Every page is checked with axe and photographed."""

import json

import pytest
import responses
from django.test import Client

from billing.models import Order
from licensing.models import Application, LicenceCode
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory
from tests.licensing.helpers import (
    PDF,
    WEBHOOK_SECRET,
    company,
    reference_data,
    representative,
    sign,
    stripe_event,
    stripe_session_payload,
)

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "buy": "Achat de licences",
        "quantity": "Nombre de licences",
        "buy_button": "Acheter",
        "too_few": "Une commande compte de 5 à 100 licences",
        "new_address": "Une nouvelle adresse",
        "name": "Nom sur la facture",
        "street": "Adresse",
        "city": "Ville",
        "province": "Province ou territoire",
        "postal": "Code postal",
        "po": "Numéro de bon de commande (facultatif)",
        "review": "Réviser et compléter l’achat",
        "terms": "J’ai lu et j’accepte",
        "complete": "Compléter l’achat",
        "invoice_method": "Facture (net 30 jours)",
        "card_method": "Carte de crédit ou de débit",
        "invoiced": "Facturée (net 30 jours)",
        "paid": "Payée",
        "back": "Retour",
        "manage": "Gestion des licences",
        "course_done": "J’ai terminé le cours d’introduction",
        "qualifications": "Preuve de qualifications et d’expérience (PDF ou image)",
        "identity": "Pièce d’identité (PDF ou image)",
        "code": "Code de licence remis par votre entreprise (facultatif)",
        "send": "Envoyer ma demande",
        "sent": "Votre demande a été envoyée au bureau de certification.",
        "approve": "Approuver",
        "record": "Enregistrer la décision",
        "redeem_label": "Code de licence",
        "redeem": "Utiliser le code",
        "redeemed": "Code utilisé : votre cours et votre examen sont accessibles.",
        "open_course": "Ouvrir le cours en ligne",
        "course_complete": "J’ai terminé le cours",
        "progress": "Cours terminé",
        "typo": "erreur de frappe",
        "cert": "Chef de poste – mine à ciel ouvert",
    },
    "en": {
        "buy": "Buy licences",
        "quantity": "Number of licences",
        "buy_button": "Buy",
        "too_few": "An order has from 5 to 100 licences",
        "new_address": "A new address",
        "name": "Name on the invoice",
        "street": "Street address",
        "city": "City",
        "province": "Province or territory",
        "postal": "Postal code",
        "po": "Purchase order number (optional)",
        "review": "Review and complete the purchase",
        "terms": "I have read and accept",
        "complete": "Complete the purchase",
        "invoice_method": "Invoice (net 30)",
        "card_method": "Credit or debit card",
        "invoiced": "Invoiced (net 30)",
        "paid": "Paid",
        "back": "Back",
        "manage": "Manage licences",
        "course_done": "I have completed the introductory course",
        "qualifications": "Proof of qualifications and experience (PDF or image)",
        "identity": "Identity document (PDF or image)",
        "code": "Licence code from your company (optional)",
        "send": "Send my application",
        "sent": "Your application was sent to the certification office.",
        "approve": "Approve",
        "record": "Record the decision",
        "redeem_label": "Licence code",
        "redeem": "Redeem the code",
        "redeemed": "Code redeemed: your course and exam are unlocked.",
        "open_course": "Open the online course",
        "course_complete": "I have completed the course",
        "progress": "Course completed",
        "typo": "typing mistake",
        "cert": "Shift boss – open pit mine",
    },
}


def sign_in(browser, live_server, user, lang):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><head><title>Stripe Checkout</title></head>"
            "<body><main><h1>Stripe Checkout (test)</h1></main></body></html>",
        ),
    )
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")
    return page


@pytest.mark.parametrize("lang,method", [("fr", "invoice"), ("en", "card")])
def test_buy_hand_out_apply_approve_redeem_follow(
    browser, live_server, settings, tmp_path, lang, method
):
    reference_data()
    w = WORDS[lang]
    settings.STRIPE_SECRET_KEY = "sk_test_51Fake" if method == "card" else ""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    group = company("Mines Boréales inc.", eligible=method == "invoice")
    rep = representative(group, email=f"rep-{lang}@example.org")
    shot = f"licensing-{lang}"

    # 1. The representative buys 5 licences.
    page = sign_in(browser, live_server, rep, lang)
    page.goto(f"/{lang}/licensing/")
    check_accessibility(page, f"{shot}-01-home")
    group_label = "Groupe 001" if lang == "fr" else "Group 001"
    page.get_by_role("link", name=f"Mines Boréales inc. — {group_label}").click()
    check_accessibility(page, f"{shot}-02-company")
    page.get_by_role("link", name=w["buy"]).click()
    page.get_by_label(w["quantity"]).fill("4")
    page.get_by_role("button", name=w["buy_button"], exact=True).click()
    page.locator(".invalid-feedback", has_text=w["too_few"]).wait_for()
    check_accessibility(page, f"{shot}-03-buy-refused")
    page.get_by_label(w["quantity"]).fill("5")
    page.get_by_role("button", name=w["buy_button"], exact=True).click()
    page.get_by_label(w["new_address"]).check()
    page.get_by_label(w["name"]).fill("Comptabilité")
    page.get_by_label(w["street"], exact=True).fill("1200 boulevard Laurier")
    page.get_by_label(w["city"], exact=True).fill("Québec")
    page.get_by_label(w["province"]).select_option("QC")
    page.get_by_label(w["postal"], exact=True).fill("g1v4t3")
    page.get_by_label(w["po"]).fill("PO-2026-7")
    check_accessibility(page, f"{shot}-04-checkout")
    page.get_by_role("button", name=w["review"]).click()
    page.get_by_text("287").first.wait_for()
    check_accessibility(page, f"{shot}-05-review")
    page.get_by_label(w["invoice_method"] if method == "invoice" else w["card_method"]).check()
    page.get_by_label(w["terms"]).check()
    order = Order.objects.get(group=group)
    if method == "invoice":
        page.get_by_role("button", name=w["complete"]).click()
        page.get_by_text(w["invoiced"]).first.wait_for()
    else:
        with responses.RequestsMock(assert_all_requests_are_fired=True) as api:
            api.add(
                responses.POST,
                "https://api.stripe.com/v1/checkout/sessions",
                json=stripe_session_payload("cs_test_journey", order.total_cents),
            )
            page.get_by_role("button", name=w["complete"]).click()
            page.wait_for_url("https://checkout.stripe.com/**")
        order.refresh_from_db()
        assert not LicenceCode.objects.exists()
        body = json.dumps(stripe_event(order, event_id="evt_journey")).encode()
        response = Client().post(
            "/fr/billing/stripe/webhook/",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body),
        )
        assert response.status_code == 200
        page.goto(f"/{lang}/billing/groups/{group.pk}/orders/{order.pk}/")
        page.get_by_text(w["paid"], exact=True).wait_for()
    check_accessibility(page, f"{shot}-06-order")
    assert LicenceCode.objects.filter(group=group).count() == 5

    # 2. The management table shows 5 codes to copy.
    page.goto(f"/{lang}/licensing/groups/{group.pk}/codes/")
    assert page.locator("[data-copy]").count() == 5
    check_accessibility(page, f"{shot}-07-codes")
    code = page.locator("tbody code").first.inner_text()

    # 3. The employee takes the introductory course and applies with the code.
    worker = UserFactory(
        email=f"worker-{lang}@example.org", first_name="Émile", last_name="Nolet", language=lang
    )
    employee = sign_in(browser, live_server, worker, lang)
    employee.goto(f"/{lang}/licensing/course/")
    check_accessibility(employee, f"{shot}-08-intro-course")
    employee.get_by_role("button", name=w["course_done"]).click()
    employee.get_by_label(w["cert"]).check()
    qualifications = tmp_path / "experience.pdf"
    qualifications.write_bytes(PDF)
    employee.get_by_label(w["qualifications"]).set_input_files(str(qualifications))
    employee.get_by_label(w["identity"]).set_input_files(str(qualifications))
    employee.get_by_label(w["code"]).fill(code.lower().replace("-", " "))
    check_accessibility(employee, f"{shot}-09-apply")
    employee.get_by_role("button", name=w["send"]).click()
    employee.get_by_text(w["sent"]).wait_for()
    check_accessibility(employee, f"{shot}-10-application")

    # 4. The certification office approves in its inbox.
    office = sign_in(browser, live_server, UserFactory(staff_role="certification_office"), lang)
    office.goto(f"/{lang}/staff/inbox/")
    check_accessibility(office, f"{shot}-11-inbox")
    office.locator("main a", has_text=worker.email).first.click()
    office.get_by_text("experience.pdf").first.wait_for()
    office.get_by_label(w["approve"]).check()
    check_accessibility(office, f"{shot}-12-review")
    office.get_by_role("button", name=w["record"]).click()
    office.wait_for_load_state()
    application = Application.objects.get(applicant=worker)
    assert application.state == Application.State.APPROVED

    # 5. The employee redeems (a typo first) and takes the course.
    employee.reload()
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    employee.get_by_label(w["redeem_label"], exact=True).fill(typo)
    employee.get_by_role("button", name=w["redeem"]).click()
    employee.get_by_text(w["typo"]).first.wait_for()
    check_accessibility(employee, f"{shot}-13-redeem-typo")
    employee.get_by_label(w["redeem_label"], exact=True).fill(code)
    employee.get_by_role("button", name=w["redeem"]).click()
    employee.get_by_text(w["redeemed"]).wait_for()
    check_accessibility(employee, f"{shot}-14-redeemed")
    employee.get_by_role("link", name=w["open_course"]).click()
    check_accessibility(employee, f"{shot}-15-course")
    employee.get_by_role("button", name=w["course_complete"]).click()
    employee.wait_for_load_state()

    # 6. The company sees the employee's progress.
    page.goto(f"/{lang}/licensing/groups/{group.pk}/codes/")
    row = page.locator("tr", has_text=code)
    row.get_by_text("Émile Nolet").wait_for()
    row.get_by_text(w["progress"]).wait_for()
    check_accessibility(page, f"{shot}-16-progress")
    assert LicenceCode.objects.get(code=code.replace("-", "")).state == LicenceCode.State.REDEEMED
