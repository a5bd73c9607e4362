"""The city's permit applications, as items of the offices' console (issue 20)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from permits.models import Application
from portal.console.kinds import Facts, Outcome, WorkKind, register_work_kind

S = Application.Status
WAITING = (S.SUBMITTED, S.IN_REVIEW)


def _facts(application: Application) -> Facts:
    account = application.account
    submitter = application.submitted_by
    return Facts(
        title=f"{application.reference} — {application.site_address}",
        office="city",
        applicant=submitter.display_name if submitter else account.contact_name,
        organisation=str(account.group.organisation),
        email=submitter.email if submitter else account.email,
        reference=application.reference,
        arrived=application.created_at,
    )


def register() -> None:
    register_work_kind(
        WorkKind(
            key="permits.application",
            label=_("Permit application"),
            model=Application,
            offices=("city",),
            waiting=lambda: Application.objects.filter(status__in=WAITING).select_related(
                "account__group__organisation", "submitted_by"
            ),
            is_waiting=lambda application: application.status in WAITING,
            facts=_facts,
            outcome=lambda application: Outcome(outcome=application.status),
            url=lambda application: reverse("permits:city_application", args=[application.pk]),
            business_days=10,
            outcome_labels=dict(S.choices),
        )
    )
