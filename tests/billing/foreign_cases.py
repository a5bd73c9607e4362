"""Billing URLs for the foreign-user walk: Acme's licensing group has an order; charlie
(Globex) tries its pages with Acme's ids and with his own group's; staff of an office that
does not sell (the regulator has no licensing invoices) try the staff pages."""

from tests.foreign_walk import Case
from tests.licensing.foreign_cases import setup

PUBLIC = {"billing:stripe_webhook": "signed by Stripe; no tenant data in the answer"}


def cases(world) -> list[Case]:
    setup(world)
    w = world
    acme, globex, order = w.acme_licensing, w.globex_licensing, w.acme_order
    cases = [
        Case("billing:checkout", {"group_id": acme.pk}, w.charlie),
        Case("billing:history", {"group_id": acme.pk}, w.charlie),
        Case("billing:staff_invoices", {}, w.charlie),
        Case("billing:staff_mark_paid", {"order_id": order.pk}, w.charlie),
        Case("billing:staff_mark_paid", {"order_id": order.pk}, w.regulator),
        Case(
            "billing:staff_invoice_eligibility",
            {"organisation_id": globex.organisation_id},  # only a licensing group
            w.regulator,
        ),
        Case(
            "billing:staff_invoice_eligibility",
            {"organisation_id": acme.organisation_id},
            w.charlie,
        ),
        Case("billing:cart_remove", {"group_id": acme.pk, "line_id": 1}, w.charlie),
    ]
    for name in (
        "billing:order_review",
        "billing:order_detail",
        "billing:order_cancel",
        "billing:invoice",
        "billing:invoice_request",
    ):
        cases.append(Case(name, {"group_id": acme.pk, "order_id": order.pk}, w.charlie))
        cases.append(Case(name, {"group_id": globex.pk, "order_id": order.pk}, w.charlie))
    return cases
