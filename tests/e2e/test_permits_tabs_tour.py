"""Every other permits page in a real browser, for axe and screenshots: a manager's banking,
templates, fees, application (upload, pay, inspection) and a city reviewer's pages, in French
and English. Also pays a fee and requests an inspection through the pages."""

import pytest

from permits.models import Inspection, Payment
from permits.services import application_set_status, application_submit
from tests.e2e.conftest import check_accessibility
from tests.e2e.test_permits_pin_journey import sign_in
from tests.factories import UserFactory
from tests.permits.helpers import register

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "banking": "Informations bancaires",
        "holder": "Titulaire du compte",
        "institution": "Numéro d’institution",
        "transit": "Numéro de transit",
        "last4": "Quatre derniers chiffres du compte",
        "save": "Enregistrer",
        "templates": "Modèles",
        "template_name": "Nom du modèle",
        "save_template": "Enregistrer le modèle",
        "fees": "Droits et paiements",
        "pay": "Payer",
        "inspection": "Inspection",
        "wanted": "Date souhaitée",
        "ask": "Demander une inspection",
        "change": "Changer l’état",
    },
    "en": {
        "banking": "Banking information",
        "holder": "Account holder",
        "institution": "Institution number",
        "transit": "Transit number",
        "last4": "Last four digits of the account",
        "save": "Save",
        "templates": "Templates",
        "template_name": "Template name",
        "save_template": "Save the template",
        "fees": "Fees and payments",
        "pay": "Pay",
        "inspection": "Inspection",
        "wanted": "Preferred date",
        "ask": "Request an inspection",
        "change": "Change the status",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_manager_and_city_pages(browser, live_server, lang):
    w = WORDS[lang]
    vivian = UserFactory(email="vivian@example.org", first_name="Vivian", language=lang)
    city = UserFactory(email="carla@example.org", staff_role="city", language=lang)
    account = register(vivian)
    application = application_submit(
        account=account, actor=vivian, kind="building", site_address="120 Elgin St"
    )
    application_set_status(application=application, actor=city, status="in_review")
    application_set_status(application=application, actor=city, status="issued")
    base = f"/{lang}/permits/accounts/{account.pk}"

    page = sign_in(browser, live_server, vivian, lang)
    page.goto(f"{base}/banking/")
    page.get_by_label(w["holder"]).fill("LMS Architects")
    page.get_by_label(w["institution"]).fill("003")
    page.get_by_label(w["transit"]).fill("00012")
    page.get_by_label(w["last4"]).fill("4821")
    page.get_by_role("button", name=w["save"]).click()
    page.get_by_role("heading", name=w["banking"]).wait_for()
    check_accessibility(page, f"permits-{lang}-tour-1-banking")

    page.get_by_role("link", name=w["templates"]).click()
    page.get_by_label(w["template_name"]).fill("Maison")
    page.get_by_label("Type").select_option("building")
    page.get_by_role("button", name=w["save_template"]).click()
    page.locator(".list-group-item strong", has_text="Maison").wait_for()
    check_accessibility(page, f"permits-{lang}-tour-2-templates")

    page.goto(f"{base}/applications/{application.pk}/")
    check_accessibility(page, f"permits-{lang}-tour-3-application")
    page.get_by_role("button", name=w["pay"], exact=True).click()
    page.locator("form[action*='/pay/']").wait_for(state="detached")
    page.get_by_label(w["inspection"], exact=True).select_option("footing")
    page.get_by_label(w["wanted"]).fill("2026-12-15")
    page.get_by_role("button", name=w["ask"]).click()
    page.locator("#inspections-heading + ul").wait_for()
    check_accessibility(page, f"permits-{lang}-tour-4-application-paid")
    assert Payment.objects.get().paid_by == vivian
    assert Inspection.objects.get().kind == "footing"

    page.get_by_role("link", name=w["fees"]).click()
    check_accessibility(page, f"permits-{lang}-tour-5-fees")

    staff = sign_in(browser, live_server, city, lang)
    staff.goto(f"/{lang}/permits/city/")
    check_accessibility(staff, f"permits-{lang}-tour-6-city-list")
    staff.get_by_role("link", name=application.reference).click()
    check_accessibility(staff, f"permits-{lang}-tour-7-city-application")
    staff.get_by_role("button", name=w["change"]).click()
    staff.goto(f"/{lang}/permits/city/import/")
    check_accessibility(staff, f"permits-{lang}-tour-8-city-import")
    staff.goto(f"/{lang}/permits/city/attempts/")
    check_accessibility(staff, f"permits-{lang}-tour-9-city-attempts")
