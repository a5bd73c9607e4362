"""P6: applications, documents, fees and payments, inspections and templates, each allowed
only with its permission, and only inside the user's own contractor account."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from permits.models import Application, ApplicationTemplate, Fee, Inspection, Payment
from permits.services import (
    PermitsError,
    application_set_status,
    application_submit,
    banking_update,
    fee_pay,
)
from portal.models import AuditEvent, PrivateFile
from tests.factories import UserFactory
from tests.permits.helpers import PDF, link

pytestmark = pytest.mark.django_db

BANK = {
    "account_holder": "LMS",
    "institution_number": "003",
    "transit_number": "00012",
    "account_last4": "4821",
    "city_customer_number": "",
}


def base(account):
    return f"/fr/permits/accounts/{account.pk}"


def submit(account, user):
    return application_submit(
        account=account, actor=user, kind="building", site_address="1 Main St"
    )


def test_submit_needs_the_submit_permission(client, contractors):
    c = contractors
    client.force_login(c.bob)
    data = {"kind": "pool", "site_address": "8 Rideau Terrace", "description": ""}
    assert client.get(f"{base(c.lms)}/applications/new/").status_code == 403
    assert client.post(f"{base(c.lms)}/applications/new/", data).status_code == 403
    assert not Application.objects.exists()
    c.bob_in_lms.roles = ["permits.submit"]
    c.bob_in_lms.save()
    from portal.services.permissions import sync_member_permissions

    sync_member_permissions(c.bob_in_lms)
    response = client.post(f"{base(c.lms)}/applications/new/", data)
    application = Application.objects.get()
    assert response.url == f"{base(c.lms)}/applications/{application.pk}/"
    assert application.account == c.lms and application.submitted_by == c.bob
    assert application.reference.startswith("P") and application.fees.get().amount_cents == 15000
    assert AuditEvent.objects.filter(verb="application.submitted").exists()


def test_linked_user_without_permissions_sees_but_cannot_act(client, contractors):
    c = contractors
    application = submit(c.lms, c.alice)
    fee = application.fees.get()
    client.force_login(c.bob)
    page = client.get(f"{base(c.lms)}/applications/{application.pk}/")
    assert page.status_code == 200 and application.reference in page.content.decode()
    url = f"{base(c.lms)}/applications/{application.pk}"
    assert client.post(f"{base(c.lms)}/fees/{fee.pk}/pay/").status_code == 403
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assert client.post(f"{url}/documents/", {"file": upload}).status_code == 403
    data = {"kind": "final", "wanted_on": "2026-12-01"}
    assert client.post(f"{url}/inspections/", data).status_code == 403
    assert client.get(f"{base(c.lms)}/banking/").status_code == 403
    assert client.get(f"{base(c.lms)}/templates/").status_code == 403
    assert not Payment.objects.exists() and not PrivateFile.objects.exists()
    assert not Inspection.objects.exists()


def test_pay_with_the_pay_permission_and_saved_banking(client, contractors):
    c = contractors
    application = submit(c.lms, c.alice)
    fee = application.fees.get()
    payer = UserFactory()
    link(payer, c.lms, ["permits.pay"])
    client.force_login(payer)
    client.post(f"{base(c.lms)}/fees/{fee.pk}/pay/")
    assert not Payment.objects.exists()  # no banking information yet
    response = client.post(f"{base(c.lms)}/banking/", BANK)
    assert response.status_code == 302
    client.post(f"{base(c.lms)}/fees/{fee.pk}/pay/")
    payment = Payment.objects.get()
    assert payment.amount_cents == fee.amount_cents and payment.reference.endswith("4821")
    assert payment.paid_by == payer
    with pytest.raises(PermitsError):
        fee_pay(fee=fee, actor=payer)
    page = client.get(f"{base(c.lms)}/fees/").content.decode()
    assert "4821" in page and "1250,00" in page.replace("\u00a0", "").replace("\u202f", "").replace(
        " ", ""
    )


def test_banking_refuses_card_like_numbers(client, contractors):
    c = contractors
    client.force_login(c.alice)
    response = client.post(f"{base(c.lms)}/banking/", {**BANK, "account_last4": "4111111111111111"})
    assert response.status_code == 200
    c.lms.refresh_from_db()
    assert c.lms.account_last4 == ""


def test_upload_with_the_upload_permission(client, contractors):
    c = contractors
    application = submit(c.lms, c.alice)
    uploader = UserFactory()
    link(uploader, c.lms, ["permits.upload"])
    client.force_login(uploader)
    url = f"{base(c.lms)}/applications/{application.pk}/documents/"
    bad = SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")
    assert client.post(url, {"file": bad}).status_code == 200
    good = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"file": good}).status_code == 302
    stored = PrivateFile.objects.get()
    assert stored.attached_to == application
    # Any linked person reads it; an outsider does not.
    client.force_login(c.bob)
    assert client.get(f"/fr/files/{stored.pk}/").status_code == 200
    client.force_login(c.charlie)
    assert client.get(f"/fr/files/{stored.pk}/").status_code in {403, 404}


def test_inspections_need_the_permission_and_an_issued_permit(client, contractors):
    c = contractors
    application = submit(c.lms, c.alice)
    inspector = UserFactory()
    link(inspector, c.lms, ["permits.inspections"])
    client.force_login(inspector)
    url = f"{base(c.lms)}/applications/{application.pk}/inspections/"
    data = {"kind": "footing", "wanted_on": "2026-12-01", "notes": ""}
    client.post(url, data)
    assert not Inspection.objects.exists()  # not issued yet
    application_set_status(application=application, actor=None, status="in_review")
    application_set_status(application=application, actor=None, status="issued")
    assert client.post(url, data).status_code == 302
    assert Inspection.objects.get().requested_by == inspector


def test_status_changes_follow_the_table(contractors):
    application = submit(contractors.lms, contractors.alice)
    with pytest.raises(PermitsError):
        application_set_status(application=application, actor=None, status="issued")
    application_set_status(application=application, actor=None, status="closed")
    with pytest.raises(PermitsError):
        application_set_status(application=application, actor=None, status="in_review")


def test_templates_need_the_templates_permission_and_prefill(client, contractors):
    c = contractors
    keeper = UserFactory()
    link(keeper, c.lms, ["permits.templates", "permits.submit"])
    client.force_login(keeper)
    data = {"name": "Piscine", "kind": "pool", "description": "Enceinte de 1,2 m"}
    assert client.post(f"{base(c.lms)}/templates/", data).status_code == 302
    template = ApplicationTemplate.objects.get()
    page = client.get(f"{base(c.lms)}/applications/new/?template={template.pk}").content.decode()
    assert "Enceinte de 1,2 m" in page
    # A template of another account is not found.
    other = ApplicationTemplate.objects.create(account=c.globex, name="X", kind="sign")
    response = client.get(f"{base(c.lms)}/applications/new/?template={other.pk}")
    assert response.status_code == 404
    assert client.post(f"{base(c.lms)}/templates/{other.pk}/delete/").status_code == 404
    assert client.post(f"{base(c.lms)}/templates/{template.pk}/delete/").status_code == 302
    assert list(ApplicationTemplate.objects.all()) == [other]
    client.force_login(c.bob)
    assert client.post(f"{base(c.lms)}/templates/", data).status_code == 403


def test_another_contractors_application_is_not_found(client, contractors):
    c = contractors
    theirs = submit(c.globex, c.charlie)
    fee = Fee.objects.get(application=theirs)
    client.force_login(c.alice)  # manages LMS, with every permission there
    banking_update(account=c.lms, actor=c.alice, details=BANK)
    assert client.get(f"{base(c.lms)}/applications/{theirs.pk}/").status_code == 404
    assert client.post(f"{base(c.lms)}/fees/{fee.pk}/pay/").status_code == 404
    assert client.get(f"{base(c.globex)}/applications/{theirs.pk}/").status_code == 404
    assert not Payment.objects.exists()


def test_details_edit_is_for_managers(client, contractors):
    c = contractors
    client.force_login(c.bob)
    page = client.get(f"{base(c.lms)}/")
    assert page.status_code == 200 and b"B12345" in page.content
    data = {
        "legal_name": "Hijacked",
        "phone": "1",
        "street_address": "x",
        "city": "y",
        "province": "ON",
        "postal_code": "K1P1J1",
    }
    assert client.post(f"{base(c.lms)}/", data).status_code == 403
    client.force_login(c.alice)
    assert (
        client.post(f"{base(c.lms)}/", {**data, "legal_name": "LMS Architects inc."}).status_code
        == 302
    )
    c.lms.group.organisation.refresh_from_db()
    assert c.lms.group.organisation.legal_name == "LMS Architects inc."
