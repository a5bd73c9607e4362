"""The invoice e-mails carry the invoice PDF: to the buyer, to the finance role, and the
copies the job board's finance managers opted in to."""

import pytest
from django.core import mail

from tests.factories import UserFactory, make_member
from tests.licensing.helpers import buy_by_invoice, company, representative

pytestmark = pytest.mark.django_db


def pdfs(message):
    return [
        (name, content)
        for name, content, mimetype in message.attachments
        if mimetype == "application/pdf"
    ]


def test_invoice_emails_carry_the_pdf(django_capture_on_commit_callbacks):
    group = company()
    rep = representative(group)
    finance = UserFactory()
    make_member(finance, group, ["licensing.finance"])
    with django_capture_on_commit_callbacks(execute=True):
        order = buy_by_invoice(group, rep, 5)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        [(name, content)] = pdfs(message)
        assert content.startswith(b"%PDF-")
        assert str(order.pk) in name


def test_the_opted_in_copy_carries_the_pdf(client, alice, django_capture_on_commit_callbacks):
    from billing.models import BillingAddress, BillingProfile, Product
    from billing.services import cart_set, order_create_from_cart, order_place_invoice
    from tests.jobboard.postings_helpers import ready_group

    group = ready_group(alice)
    finance, poster = UserFactory(), UserFactory()
    make_member(finance, group, ["jobboard.finance_manager"])
    make_member(poster, group, ["jobboard.posting_manager"])
    client.force_login(finance)
    client.post(f"/fr/jobs/groups/{group.pk}/communications/", {"invoice_copy": "on"})
    BillingProfile.objects.create(
        organisation=group.organisation, service="jobboard", invoice_eligible=True
    )
    address = BillingAddress.objects.create(
        group=group, name="P", street_address="1 rue A", city="Québec", province="QC",
        postal_code="G1V 4T3",
    )  # fmt: skip
    cart_set(
        group=group,
        product=Product.objects.get(code="jobboard-engineer-1"),
        quantity=1,
        actor=poster,
    )
    order = order_create_from_cart(group=group, buyer=poster, address=address)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_place_invoice(order=order, actor=poster)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([poster.email, finance.email])
    for message in mail.outbox:
        [(name, content)] = pdfs(message)
        assert content.startswith(b"%PDF-") and name == f"facture-{order.pk}.pdf"
