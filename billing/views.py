"""Billing pages: cart and checkout, order review and payment, order state, transaction
history and invoices, the Stripe webhook, and the staff's invoice pages."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing import services
from billing.access import group_for_permission, order_for_staff, order_in_group, staff_services
from billing.errors import BillingError
from billing.forms import CheckoutForm, InvoiceEligibilityForm, PlaceOrderForm
from billing.invoices import invoice_pdf
from billing.models import BillingProfile, Order
from billing.queries import cart_lines, group_addresses
from billing.stripe_events import BadEvent, stripe_event_parse
from billing.tables import history_page, invoice_requests, open_invoices_page, organisations_page
from portal.models import Organisation

log = logging.getLogger("billing")


def _back_url(shop, group) -> str:
    return reverse(shop.home_url_name, args=[group.pk]) if shop.home_url_name else ""


def _first_address(group) -> dict:
    """A group's first purchase: the new address starts as the company's own (no retyping)."""
    organisation = group.organisation
    return {
        "name": organisation.legal_name,
        "street_address": organisation.street_address,
        "city": organisation.city,
        "province": organisation.province,
        "postal_code": organisation.postal_code,
    }


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request, group_id: int):
    group, shop, _perms = group_for_permission(request.user, group_id, "buy")
    lines = cart_lines(group)
    addresses = group_addresses(group)
    form = CheckoutForm(
        request.POST or None,
        addresses=addresses,
        initial=None if addresses else _first_address(group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                address = form.chosen_address() or services.address_create(
                    group=group, **form.new_address_fields()
                )
                order = services.order_create_from_cart(
                    group=group,
                    buyer=request.user,
                    address=address,
                    po_number=form.cleaned_data["po_number"],
                    invoice_note=form.cleaned_data["invoice_note"],
                    promo_code=form.cleaned_data["promo_code"],
                )
        except BillingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("billing:order_review", group_id=group.pk, order_id=order.pk)
    subtotal = sum(line.total_cents for line in lines)
    context = {
        "group": group,
        "lines": lines,
        "form": form,
        "subtotal": subtotal,
        "back_url": _back_url(shop, group),
        "layout": shop.layout_template,
    }
    return render(request, "billing/checkout.html", context)


@login_required
@require_POST
def cart_remove(request, group_id: int, line_id: int):
    group, _shop, _perms = group_for_permission(request.user, group_id, "buy")
    services.cart_remove(group=group, line_id=line_id)
    return redirect("billing:checkout", group_id=group.pk)


def _methods(group) -> list[str]:
    methods: list[str] = []
    if services.stripe_enabled():
        methods.append(Order.Method.CARD)
    if services.invoice_allowed(group):
        methods.append(Order.Method.INVOICE)
    if services.test_payments_enabled():
        methods.append(Order.Method.TEST)
    return methods


@login_required
@require_http_methods(["GET", "POST"])
def order_review(request, group_id: int, order_id: int):
    group, shop, _perms = group_for_permission(request.user, group_id, "buy")
    order = order_in_group(group, order_id)
    if order.state != Order.State.DRAFT:
        return redirect("billing:order_detail", group_id=group.pk, order_id=order.pk)
    methods = _methods(group)
    form = PlaceOrderForm(request.POST or None, methods=methods)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["method"] == Order.Method.CARD:
                detail = request.build_absolute_uri(
                    reverse("billing:order_detail", args=[group.pk, order.pk])
                )
                review = request.build_absolute_uri(
                    reverse("billing:order_review", args=[group.pk, order.pk])
                )
                url = services.order_start_card_payment(
                    order=order, actor=request.user, success_url=detail, cancel_url=review
                )
                return redirect(url)
            if form.cleaned_data["method"] == Order.Method.TEST:
                services.order_pay_test(order=order, actor=request.user)
                messages.success(request, _("Test payment recorded: no money was taken."))
            else:
                services.order_place_invoice(order=order, actor=request.user)
                messages.success(request, _("Thank you: your order is confirmed."))
            return redirect("billing:order_detail", group_id=group.pk, order_id=order.pk)
        except BillingError as error:
            form.add_error(None, error.message)
    context = {
        "group": group,
        "order": order,
        "lines": list(order.lines.select_related("product")),
        "form": form,
        "methods": methods,
        "invoice_profile": None
        if Order.Method.INVOICE in methods
        else BillingProfile.objects.filter(
            organisation_id=group.organisation_id, service=group.service
        ).first(),
        "office": shop.seller,
        "back_url": _back_url(shop, group),
        "layout": shop.layout_template,
    }
    return render(request, "billing/order_review.html", context)


@login_required
@require_POST
def invoice_request(request, group_id: int, order_id: int):
    """The buyer asks the office for invoice billing, from the order's review page."""
    group, _shop, _perms = group_for_permission(request.user, group_id, "buy")
    order = order_in_group(group, order_id)
    try:
        services.invoice_billing_request(group=group, actor=request.user, order=order)
        messages.success(
            request,
            _("Your request was sent to the office. You will get an e-mail when it is decided."),
        )
    except BillingError as error:
        messages.error(request, error.message)
    return redirect("billing:order_review", group_id=group.pk, order_id=order.pk)


@login_required
@require_GET
def order_detail(request, group_id: int, order_id: int):
    """Shows the order's state only: paying and delivering happen in the webhook."""
    group, shop, perms = group_for_permission(request.user, group_id, "buy")
    order = order_in_group(group, order_id)
    context = {
        "group": group,
        "order": order,
        "lines": list(order.lines.select_related("product")),
        "back_url": _back_url(shop, group),
        "can_see_history": shop.history_permission in perms,
        "layout": shop.layout_template,
        "next_steps": shop.after_purchase(request, group, order)
        if shop.after_purchase and order.fulfilled_at
        else [],
    }
    return render(request, "billing/order_detail.html", context)


@login_required
@require_POST
def order_cancel(request, group_id: int, order_id: int):
    group, _shop, _perms = group_for_permission(request.user, group_id, "buy")
    order = order_in_group(group, order_id)
    try:
        services.order_cancel(order=order, actor=request.user)
        messages.success(request, _("The order was cancelled."))
    except BillingError as error:
        messages.error(request, error.message)
    return redirect("billing:order_detail", group_id=group.pk, order_id=order.pk)


@login_required
@require_GET
def history(request, group_id: int):
    group, shop, _perms = group_for_permission(request.user, group_id, "history")
    page, rows = history_page(group, request.GET.get("page"))
    context = {
        "group": group,
        "page": page,
        "rows": rows,
        "back_url": _back_url(shop, group),
        "layout": shop.layout_template,
    }
    return render(request, "billing/history.html", context)


@login_required
@require_GET
def invoice_download(request, group_id: int, order_id: int):
    group, _shop, _perms = group_for_permission(request.user, group_id, "history")
    order = order_in_group(group, order_id)
    if not order.invoice_number:
        return HttpResponse(status=404)
    response = HttpResponse(invoice_pdf(order), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invoice-{order.invoice_number}.pdf"'
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponse(status=404)
    try:
        signature = request.headers.get("Stripe-Signature", "")
        event = stripe_event_parse(request.body, signature, secret)
    except BadEvent as error:
        log.warning("stripe webhook refused: %s", error)
        return HttpResponseBadRequest("bad event")
    # Errors propagate as 500 so Stripe retries; the event row rolls back with them.
    outcome = services.stripe_event_handle(event)
    return HttpResponse(outcome)


@login_required
@require_GET
def staff_invoices(request):
    keys = staff_services(request.user)
    page, invoices = open_invoices_page(keys, request.GET.get("page"))
    _organisations_page, organisations = organisations_page(keys, request.GET.get("opage"))
    context = {
        "page": page,
        "invoices": invoices,
        "organisations": organisations,
        "requests": invoice_requests(keys),
        "csrf_input": csrf_input(request),
    }
    return render(request, "billing/staff_invoices.html", context)


@login_required
@require_POST
def staff_mark_paid(request, order_id: int):
    order = order_for_staff(request.user, order_id)
    try:
        services.order_mark_paid(order=order, actor=request.user)
        messages.success(request, _("Invoice %(number)s is marked paid.") % {"number": order})
    except BillingError as error:
        messages.error(request, error.message)
    return redirect("billing:staff_invoices")


@login_required
@require_POST
def staff_invoice_eligibility(request, organisation_id: int):
    keys = staff_services(request.user)
    organisation = get_object_or_404(
        Organisation.objects.distinct(), pk=organisation_id, groups__service__in=keys
    )
    form = InvoiceEligibilityForm(request.POST)
    form.is_valid()
    eligible = bool(form.cleaned_data.get("invoice_eligible"))
    decline = request.POST.get("decision") == "decline"
    for service in keys:
        if not organisation.groups.filter(service=service).exists():
            continue
        if decline:
            try:
                services.invoice_billing_decline(
                    organisation=organisation, service=service, actor=request.user
                )
            except BillingError as error:
                messages.error(request, error.message)
                return redirect("billing:staff_invoices")
        else:
            services.billing_profile_set(
                organisation=organisation,
                service=service,
                invoice_eligible=eligible,
                actor=request.user,
            )
    if decline:
        message = _("The request of %(name)s was declined; they were e-mailed.")
    else:
        message = _("The billing settings of %(name)s were saved.")
    messages.success(request, message % {"name": organisation})
    return redirect("billing:staff_invoices")
