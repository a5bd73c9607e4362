"""The seed's guide in a real browser, in French and in English: register a contractor,
read its PIN under "Give access", a second user associates with it and appears in "Linked
accounts" with no permission, the manager ticks Submit, and the second user can submit an
application but not pay."""

import re

import pytest

from permits.models import Application, ContractorAccount
from portal.models import Membership
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "service": "Permis de construire",
        "register": "Enregistrer un nouveau",
        "legal_name": "Dénomination sociale",
        "operating": "Entreprise exerçant ses activités sous le nom de",
        "tarion": "Numéro d’enregistrement Tarion",
        "phone": "Téléphone",
        "street": "Adresse",
        "city": "Ville",
        "province": "Province",
        "postal": "Code postal",
        "save": "Enregistrer",
        "registered": "LMS Architects est enregistré. Vous en êtes le gestionnaire.",
        "give_access": "Donner l’accès",
        "pin_field": "NIP des professionnels/entrepreneurs",
        "associate": "Associer",
        "linked_ok": "Votre compte est maintenant associé à LMS Architects.",
        "linked": "Comptes associés",
        "submit_box": "Soumettre — Nina Roy",
        "save_perms": "Enregistrer les autorisations",
        "saved": "Autorisations enregistrées (1 modifiées).",
        "applications": "Demandes",
        "new": "Nouvelle demande",
        "type": "Type",
        "site": "Adresse des travaux",
        "send": "Soumettre la demande",
        "submitted": "soumise",
        "unpaid": "Non payés",
        "fees": "Droits et paiements",
        "wrong": "Ce NIP ne correspond à aucun professionnel ni entrepreneur.",
    },
    "en": {
        "service": "Building permits",
        "register": "Register new",
        "legal_name": "Legal name",
        "operating": "Business operating as",
        "tarion": "Tarion registration number",
        "phone": "Phone",
        "street": "Street address",
        "city": "City",
        "province": "Province",
        "postal": "Postal code",
        "save": "Save",
        "registered": "LMS Architects is registered. You are its manager.",
        "give_access": "Give access",
        "pin_field": "Professional/contractor PIN",
        "associate": "Associate",
        "linked_ok": "Your account is now linked to LMS Architects.",
        "linked": "Linked accounts",
        "submit_box": "Submit — Nina Roy",
        "save_perms": "Save permissions",
        "saved": "Permissions saved (1 changed).",
        "applications": "Applications",
        "new": "New application",
        "type": "Type",
        "site": "Site address",
        "send": "Submit the application",
        "submitted": "submitted",
        "unpaid": "Unpaid",
        "fees": "Fees and payments",
        "wrong": "This PIN does not match any professional or contractor.",
    },
}


def sign_in(browser, live_server, user, lang):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/dashboard/")
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_register_share_the_pin_associate_and_grant_submit(browser, live_server, lang):
    w = WORDS[lang]
    vivian = UserFactory(
        email="vivian@example.org", first_name="Vivian", last_name="Trainer", language=lang
    )
    nina = UserFactory(email="nina@example.org", first_name="Nina", last_name="Roy", language=lang)

    # 1. Vivian registers a new contractor from the dashboard.
    manager = sign_in(browser, live_server, vivian, lang)
    manager.get_by_role("link", name=w["service"]).click()
    check_accessibility(manager, f"permits-{lang}-1-contractors-empty")
    manager.get_by_role("link", name=w["register"]).click()
    manager.get_by_role("button", name=w["save"]).click()  # empty: the server says what is missing
    check_accessibility(manager, f"permits-{lang}-2-register-errors")
    manager.get_by_label(w["legal_name"]).fill("LMS Architects")
    manager.get_by_label(w["operating"]).fill("LMS Corp")
    manager.get_by_label(w["tarion"]).fill("B41234")
    manager.get_by_label(w["phone"], exact=True).fill("(613) 580-2400")
    manager.get_by_label(w["street"], exact=True).fill("110 Laurier Avenue West")
    manager.get_by_label(w["city"], exact=True).fill("Ottawa")
    manager.get_by_label(w["province"]).select_option("ON")
    manager.get_by_label(w["postal"]).fill("k1p1j1")
    manager.get_by_role("button", name=w["save"]).click()
    manager.get_by_text(w["registered"]).wait_for()
    check_accessibility(manager, f"permits-{lang}-3-account-details")

    # 2. She reads the PIN under "Give access".
    manager.get_by_role("link", name=w["give_access"]).click()
    pin = manager.get_by_test_id("pin").inner_text().strip()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}", pin)
    check_accessibility(manager, f"permits-{lang}-4-give-access")

    # 3. Nina associates with it (typed loosely), after one wrong try.
    member = sign_in(browser, live_server, nina, lang)
    member.goto(f"/{lang}/permits/")
    member.get_by_label(w["pin_field"]).fill("AAA-BBB-CCC")
    member.get_by_role("button", name=w["associate"]).click()
    member.locator(".invalid-feedback", has_text=w["wrong"]).wait_for()
    check_accessibility(member, f"permits-{lang}-5-wrong-pin")
    member.get_by_label(w["pin_field"]).fill(pin.lower().replace("-", " "))
    member.get_by_role("button", name=w["associate"]).click()
    member.get_by_text(w["linked_ok"]).wait_for()
    member.get_by_role("link", name="LMS Architects").wait_for()
    check_accessibility(member, f"permits-{lang}-6-contractors-linked")

    # 4. Vivian sees Nina in "Linked accounts" with nothing ticked, and ticks Submit.
    manager.get_by_role("link", name=w["linked"]).click()
    row = manager.get_by_test_id("member-nina@example.org")
    assert row.locator("input[form=roles-form]:checked").count() == 0
    assert (
        manager.get_by_test_id("member-vivian@example.org")
        .locator("input[form=roles-form]:checked")
        .count()
        == 6
    )
    check_accessibility(manager, f"permits-{lang}-7-linked-no-permission")
    manager.get_by_label(w["submit_box"]).check()
    manager.get_by_role("button", name=w["save_perms"]).click()
    manager.get_by_text(w["saved"]).wait_for()
    assert manager.get_by_label(w["submit_box"]).is_checked()
    check_accessibility(manager, f"permits-{lang}-8-linked-submit")

    # 5. Nina submits an application, and cannot pay its fee.
    member.get_by_role("link", name="LMS Architects").click()
    member.get_by_role("link", name=w["applications"]).click()
    member.get_by_role("link", name=w["new"]).click()
    check_accessibility(member, f"permits-{lang}-9-new-application")
    member.get_by_label(w["type"]).select_option("pool")
    member.get_by_label(w["site"]).fill("8 Rideau Terrace, Ottawa")
    member.get_by_role("button", name=w["send"]).click()
    member.get_by_test_id("unpaid").wait_for()
    check_accessibility(member, f"permits-{lang}-10-application")
    assert member.locator("form[action*='/pay/']").count() == 0
    member.get_by_role("link", name=w["fees"]).click()
    assert member.locator("form[action*='/pay/']").count() == 0
    check_accessibility(member, f"permits-{lang}-11-fees-no-pay")

    account = ContractorAccount.objects.get()
    assert account.pin_display == pin
    application = Application.objects.get()
    assert application.submitted_by == nina and application.status == "submitted"
    assert Membership.objects.get(user=nina, group=account.group).roles == ["permits.submit"]
    # Posting the pay form anyway (with a valid CSRF token) is refused too.
    token = next(c["value"] for c in member.context.cookies() if "csrf" in c["name"])
    pay = f"/{lang}/permits/accounts/{account.pk}/fees/{application.fees.get().pk}/pay/"
    response = member.request.post(pay, headers={"X-CSRFToken": token, "Referer": member.url})
    assert response.status == 403
    assert not application.fees.filter(payment__isnull=False).exists()
