"""Requests for invoice billing, as items of the offices' console (issue 20): each goes to
the office of the service it was asked in."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from billing.models import BillingProfile
from portal.console.kinds import Facts, Outcome, WorkKind, register_work_kind
from portal.service_registry import get_service


def _waiting(profile: BillingProfile) -> bool:
    return profile.invoice_requested_at is not None and not profile.invoice_eligible


def _facts(profile: BillingProfile) -> Facts:
    requester = profile.invoice_requested_by
    organisation = profile.organisation
    return Facts(
        title=str(organisation),
        office=get_service(profile.service).staff_role,
        applicant=requester.display_name if requester else "",
        organisation=str(organisation),
        email=requester.email if requester else "",
        reference=organisation.registry_number,
        arrived=profile.invoice_requested_at,
    )


def _outcome(profile: BillingProfile) -> Outcome:
    return Outcome(outcome="granted" if profile.invoice_eligible else "declined")


def register() -> None:
    register_work_kind(
        WorkKind(
            key="billing.invoice_request",
            label=_("Request for invoice billing"),
            model=BillingProfile,
            offices=(),
            waiting=lambda: BillingProfile.objects.filter(
                invoice_requested_at__isnull=False, invoice_eligible=False
            ).select_related("organisation", "invoice_requested_by"),
            is_waiting=_waiting,
            facts=_facts,
            outcome=_outcome,
            url=lambda profile: reverse("billing:staff_invoices"),
            business_days=3,
            outcome_labels={"granted": _("Invoice billing allowed"), "declined": _("Declined")},
        )
    )
