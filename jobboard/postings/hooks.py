"""What the postings part of the job board registers with the core and billing."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from billing.hooks import Shop, register_fulfilment, register_shop
from jobboard import roles
from jobboard.boosts import alerts as alerts_employer
from jobboard.boosts import services as boosts
from jobboard.contact import CONTACT_EMAIL
from jobboard.employer.company import company_card
from jobboard.postings import services
from jobboard.postings.models import Posting, ReferenceItem
from jobboard.postings.next_steps import purchase_next_steps
from jobboard.public.page import public_context
from portal.alerts import register_alert
from portal.audit_labels import register_states, register_verbs
from portal.review_kinds import ReviewKind, register_review_kind

INVOICE_COPY_ALERT = "jobboard.invoice_copy"


def register() -> None:
    register_fulfilment("jobboard.add_credits", services.fulfil_order_line)
    boosts.register()  # targeted send: fulfilment hook, unsubscribe, history words
    alerts_employer.register()  # J8: the four employer alerts
    register_shop(
        Shop(
            service="jobboard",
            buy_permission=roles.BUY,
            history_permission=roles.VIEW_TRANSACTIONS,
            finance_role=roles.FINANCE_MANAGER.key,
            home_url_name="jobboard:dashboard",
            seller={
                "name": _("Order of Engineers — engineering job board"),
                "address": "1801, av. McGill College, bureau 800\nMontréal QC  H3A 2N4",
                "email": CONTACT_EMAIL,
                "gst_number": "12345 6789 RT0001",
                "qst_number": "1234567890 TQ0001",
            },
            invoice_copy_permission=roles.INVOICE_COPY,
            invoice_copy_alert=INVOICE_COPY_ALERT,
            layout_template="jobboard/employer/billing_layout.html",
            after_purchase=purchase_next_steps,
        )
    )
    register_alert(INVOICE_COPY_ALERT, _("A copy of every invoice of my job board group"))
    register_review_kind(
        ReviewKind(
            key=services.POSTING_REVIEW,
            label=_("Job posting"),
            panel_template="jobboard/postings/review_panel.html",
            panel_context=review_panel_context,
            on_approve=services.on_posting_approved,
            on_request_changes=services.on_posting_changes,
            on_refuse=services.on_posting_refused,
            applicant_url=posting_url,
        )
    )
    register_verbs(
        {
            "posting.created": _("Posting created"),
            "posting.in_validation": _("Sent for validation"),
            "posting.cancelled": _("Validation cancelled (package attached)"),
            "posting.to_revise": _("Changes requested"),
            "posting.scheduled": _("Approved, scheduled"),
            "posting.active": _("Published"),
            "posting.expired": _("Publication over"),
            "posting.ended": _("Publication ended"),
            "posting.archived": _("Archived"),
            "posting.withdrawn": _("Refused and withdrawn"),
            "posting.staff_edited": _("Adjusted by the Order's staff"),
            "posting.package_returned": _("Package returned to the bank"),
            "posting.offline": _("Taken offline at its end date"),
            "credits.adjusted": _("Credits adjusted by staff"),
            "posting.featured": _("Featured for 7 days"),
            "posting.extended": _("Extended by 7 days"),
            "product.price_changed": _("Price changed"),
        }
    )
    register_states(dict(Posting.State.choices))
    _admin()


def _admin() -> None:
    """Regulator staff with admin access edit the reference lists there."""

    if not admin.site.is_registered(ReferenceItem):
        admin.site.register(
            ReferenceItem,
            list_display=["kind", "code", "name_fr", "name_en", "order", "active"],
            list_filter=["kind", "active"],
            list_editable=["name_fr", "name_en", "order", "active"],
        )


def posting_url(review) -> str:
    """The decision e-mails link to the posting itself (its status, the note, Revise)."""
    posting = review.subject
    return reverse("jobboard:posting_detail", args=[posting.group_id, posting.pk])


def review_panel_context(review) -> dict:

    posting = review.subject
    return {
        "posting": posting,
        "organisation": posting.group.organisation,
        **public_context(posting, preview=True),
        "card": company_card(posting.group),
    }
