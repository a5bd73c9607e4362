"""The other licensing and billing pages in a real browser, in both languages, with axe:
registering a company, tracking notes saved with htmx, transaction history with the invoice,
the office's invoice and exam pages."""

import pytest

from billing.models import Order
from licensing import services
from licensing.models import Application, LicenceCode
from portal.models import Group
from tests.e2e.test_licensing_journey import sign_in
from tests.factories import UserFactory
from tests.licensing.helpers import (
    approved,
    buy_by_invoice,
    company,
    reference_data,
    representative,
    unused_code,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_a_company_in_french(browser, live_server):
    reference_data()
    user = UserFactory(email="rita@example.org", first_name="Rita", last_name="Morin")
    page = sign_in(browser, live_server, user, "fr")
    page.goto("/fr/licensing/")
    page.get_by_role("link", name="Inscrire une entreprise").click()
    from tests.e2e.conftest import check_accessibility as check

    check(page, "licensing-fr-20-company-new")
    page.get_by_label("Nom légal").fill("Forages Boréaux inc.")
    page.get_by_label("Adresse").fill("12 rue des Pins")
    page.get_by_label("Ville").fill("Rouyn-Noranda")
    page.get_by_label("Province").select_option("QC")
    page.get_by_label("Code postal").fill("J9X 1A1")
    page.get_by_label("Téléphone").fill("819-555-0111")
    page.get_by_role("button", name="S’inscrire").click()
    page.get_by_text("Votre entreprise a été inscrite.").wait_for()
    check(page, "licensing-fr-21-company-waiting")
    assert Group.objects.get(organisation__legal_name="Forages Boréaux inc.").service == "licensing"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_notes_history_and_office_pages(browser, live_server, lang):
    from tests.e2e.conftest import check_accessibility

    reference_data()
    group = company("Mines du Lac inc.")
    rep = representative(group, email=f"rep2-{lang}@example.org")
    order = buy_by_invoice(group, rep, 6, po_number="PO-55")
    code = unused_code(group)

    page = sign_in(browser, live_server, rep, lang)
    page.goto(f"/{lang}/licensing/groups/{group.pk}/codes/")
    row = page.locator(f"#code-{code.pk}")
    name_label = "Assigné à (nom)" if lang == "fr" else "Assigned to (name)"
    row.get_by_label(f"{name_label} {code.display}").fill("Marie Tremblay")
    row.get_by_role("button").filter(has_text="Enregistrer" if lang == "fr" else "Save").click()
    page.locator(f"#code-{code.pk}").get_by_role("status").wait_for()
    check_accessibility(page, f"licensing-{lang}-22-notes-saved")
    code.refresh_from_db()
    assert code.assigned_to == "Marie Tremblay" and code.state == LicenceCode.State.UNUSED

    page.goto(f"/{lang}/billing/groups/{group.pk}/transactions/")
    page.get_by_role("link", name=order.invoice_number).wait_for()
    check_accessibility(page, f"licensing-{lang}-23-history")
    with page.expect_download() as download:
        page.get_by_role("link", name=order.invoice_number).click()
    assert download.value.suggested_filename == f"invoice-{order.invoice_number}.pdf"

    application = approved()
    services.code_redeem(application=application, typed=code.code, actor=application.applicant)
    services.course_complete(application=application, actor=application.applicant)
    office = sign_in(browser, live_server, UserFactory(staff_role="certification_office"), lang)
    office.goto(f"/{lang}/billing/staff/invoices/")
    office.get_by_role("cell", name=order.invoice_number, exact=True).wait_for()
    check_accessibility(office, f"licensing-{lang}-24-staff-invoices")
    office.get_by_role(
        "button", name=f"{'Marquer payée' if lang == 'fr' else 'Mark paid'} {order.invoice_number}"
    ).click()
    office.wait_for_load_state()
    order.refresh_from_db()
    assert order.state == Order.State.PAID
    office.goto(f"/{lang}/licensing/staff/exams/")
    check_accessibility(office, f"licensing-{lang}-25-staff-exams")
    office.get_by_label("Réussi" if lang == "fr" else "Passed").check()
    office.get_by_role("button", name="Inscrire" if lang == "fr" else "Record").click()
    office.wait_for_load_state()
    application.refresh_from_db()
    assert application.state == Application.State.CERTIFIED
    check_accessibility(office, f"licensing-{lang}-26-exam-recorded")
