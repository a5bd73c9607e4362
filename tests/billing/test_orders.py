"""Billing (J4 half, L2): cart, checkout, promo codes, taxes, invoice billing, numbering."""

import datetime
import subprocess

import pytest
from django.core import mail
from django.utils import timezone

from billing import services
from billing.errors import BillingError
from billing.invoices import invoice_pdf, safe_url_fetcher
from billing.models import InvoiceCounter, Order, PromoCode
from billing.taxes import compute_taxes
from licensing.models import LicenceCode
from tests.factories import UserFactory, make_member
from tests.licensing.helpers import (
    address,
    buy_by_invoice,
    company,
    draft_order,
    product,
    representative,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "province,gst,hst,pst,total",
    [
        ("QC", 1250, 0, 2494, 28744),  # 250 $ + TPS 5 % + TVQ 9,975 %
        ("ON", 0, 3250, 0, 28250),  # HST 13 %
        ("NT", 1250, 0, 0, 26250),  # GST only
    ],
)
def test_taxes_by_province(province, gst, hst, pst, total):
    group = company()
    rep = representative(group)
    order = draft_order(group, rep, 5, province)
    assert (order.subtotal_cents, order.gst_cents, order.hst_cents, order.pst_cents) == (
        25000,
        gst,
        hst,
        pst,
    )
    assert order.total_cents == total


def test_tax_rounding_is_half_up_on_cents():
    assert compute_taxes(1, "QC").pst == 0
    assert compute_taxes(5013, "QC").pst == 500  # 500.04… → 500
    assert compute_taxes(10, "ON").hst == 1  # 1.3 → 1
    assert compute_taxes(50, "NT").gst == 3  # 2.5 → 3


@pytest.mark.parametrize("quantity", [4, 101, 0])
def test_quantities_outside_the_product_range_are_refused(quantity):
    group = company()
    with pytest.raises(BillingError) as refused:
        services.cart_set(group=group, product=product(), quantity=quantity, actor=None)
    assert "5" in str(refused.value.message) and "100" in str(refused.value.message)


def test_a_product_of_another_service_is_not_sold_to_this_group():
    group = company()
    group.service = "jobboard"
    group.save()
    with pytest.raises(BillingError):
        services.cart_set(group=group, product=product(), quantity=5, actor=None)


def test_empty_cart_and_foreign_address_are_refused():
    group, other = company(), company("Autre inc.")
    rep = representative(group)
    with pytest.raises(BillingError):
        services.order_create_from_cart(group=group, buyer=rep, address=address(group))
    services.cart_set(group=group, product=product(), quantity=5, actor=rep)
    with pytest.raises(BillingError):
        services.order_create_from_cart(group=group, buyer=rep, address=address(other))


def test_invoice_billing_fulfils_now_with_net_30_and_a_numbered_invoice(
    django_capture_on_commit_callbacks,
):
    group = company()
    rep = representative(group)
    finance = UserFactory()
    make_member(finance, group, ["licensing.finance"])
    with django_capture_on_commit_callbacks(execute=True):
        order = buy_by_invoice(group, rep, 5, po_number="PO-77")
    assert order.state == Order.State.INVOICED
    assert order.due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert order.invoice_number == f"{timezone.localdate().year}-00001"
    assert LicenceCode.objects.filter(group=group, order_line__order=order).count() == 5
    assert {m.to[0] for m in mail.outbox} == {rep.email, finance.email}
    assert not group.cart_lines.exists()


def test_invoice_billing_is_refused_to_organisations_not_marked_eligible():
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    with pytest.raises(BillingError):
        services.order_place_invoice(order=order, actor=rep)
    assert not LicenceCode.objects.exists()


def test_an_order_is_placed_once():
    group = company()
    rep = representative(group)
    order = buy_by_invoice(group, rep)
    with pytest.raises(BillingError):
        services.order_place_invoice(order=order, actor=rep)
    assert LicenceCode.objects.count() == 5


def test_invoice_numbers_follow_without_gaps_across_refusals():
    group = company()
    rep = representative(group)
    first = buy_by_invoice(group, rep)
    refused = draft_order(group, rep)
    PromoCode.objects.create(code="GONE", percent_off=10, max_uses=0)
    refused.promo = PromoCode.objects.get(code="GONE")
    refused.save()
    with pytest.raises(BillingError):
        services.order_place_invoice(order=refused, actor=rep)
    second = buy_by_invoice(group, rep)
    assert [first.invoice_seq, second.invoice_seq] == [1, 2]
    assert InvoiceCounter.objects.get().last == 2


def test_staff_mark_an_invoice_paid_once():
    group = company()
    rep = representative(group)
    order = buy_by_invoice(group, rep)
    staff = UserFactory(staff_role="certification_office")
    services.order_mark_paid(order=order, actor=staff)
    order.refresh_from_db()
    assert order.state == Order.State.PAID and order.paid_at
    with pytest.raises(BillingError):
        services.order_mark_paid(order=order, actor=staff)


# --- Promo codes ---------------------------------------------------------------------------


def test_percentage_and_amount_promos():
    group = company(province="NT")
    rep = representative(group)
    PromoCode.objects.create(code="DIX", percent_off=10)
    PromoCode.objects.create(code="MOINS30", amount_off_cents=3000)
    order = draft_order(group, rep, 5, "NT", promo_code="dix")
    assert (order.discount_cents, order.gst_cents, order.total_cents) == (2500, 1125, 23625)
    order = draft_order(group, rep, 5, "NT", promo_code="MOINS30")
    assert (order.discount_cents, order.total_cents) == (3000, 23100)


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"valid_until": datetime.date(2020, 1, 1)}, "not valid today"),
        ({"valid_from": datetime.date(2999, 1, 1)}, "not valid today"),
        ({"max_uses": 1, "used_count": 1}, "used up"),
    ],
)
def test_promos_out_of_dates_or_used_up_are_refused(fields, message):
    group = company()
    rep = representative(group)
    PromoCode.objects.create(code="PROMO", percent_off=10, **fields)
    with pytest.raises(BillingError) as refused:
        draft_order(group, rep, promo_code="PROMO")
    assert message in str(refused.value.message)
    with pytest.raises(BillingError):
        draft_order(group, rep, promo_code="NOPE")


def test_promo_uses_are_counted_and_the_limit_holds_at_placing():
    group = company()
    rep = representative(group)
    promo = PromoCode.objects.create(code="ONCE", percent_off=50, max_uses=1)
    first = draft_order(group, rep, promo_code="ONCE")
    second = draft_order(group, rep, promo_code="ONCE")  # both drafts saw one use left
    services.order_place_invoice(order=first, actor=rep)
    with pytest.raises(BillingError):
        services.order_place_invoice(order=second, actor=rep)
    promo.refresh_from_db()
    assert promo.used_count == 1


# --- Invoice PDF ---------------------------------------------------------------------------


def _pdf_text(order) -> str:
    pdf = invoice_pdf(order)
    assert pdf.startswith(b"%PDF")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


@pytest.mark.parametrize(
    "province,language,expected",
    [
        ("QC", "fr", ["Facture", "TPS", "1\u00a0250,00", "TVQ", "24,94", "287,44", "PO-QC"]),
        ("ON", "en", ["Invoice", "HST", "$32.50", "$282.50", "PO-ON"]),
        ("NT", "en", ["Invoice", "GST", "$12.50", "$262.50", "PO-NT"]),
    ],
)
def test_invoice_pdf_in_the_buyers_language_with_taxes_po_and_seller(
    province, language, expected, settings
):
    from django.utils import translation

    group = company(province=province)
    rep = representative(group)
    with translation.override(language):
        order = buy_by_invoice(group, rep, 5, province, po_number=f"PO-{province}")
    text = " ".join(_pdf_text(order).split())
    expected = [e.replace("1\u00a0250,00", "12,50") for e in expected]
    for fragment in expected:
        assert fragment.replace("\u00a0", " ") in text.replace("\u00a0", " "), (fragment, text)
    assert order.invoice_number in text
    assert "MiningCertification@wsc.nt.ca" in text
    assert "QST" not in text or province == "QC"


def test_the_pdf_fetcher_refuses_other_addresses():
    for url in ["http://169.254.169.254/latest", "file:///etc/passwd", "https://example.com/x.css"]:
        with pytest.raises(ValueError):
            safe_url_fetcher(url)
