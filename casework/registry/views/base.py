"""What the registries' pages share: the bound data of a POST, the provider page's context,
and the client's file (a provider's full view, the ministry's view and the duplicate review)."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from casework.access import ProviderAccess
from casework.registry import queries
from casework.registry.forms import WithdrawConsentForm
from casework.registry.models import Client
from portal.selectors import audit_history

PAGE_SIZE = 25


def posted(request):
    """The POST data of a POST, even empty (an empty form must be bound to show errors)."""
    return request.POST if request.method == "POST" else None


def placement_next(request, group_id: int) -> str:
    """The page of the provider's placement that sent the worker to the employer registry
    (`?next=`), to come back to with the employer chosen; "" if absent or not one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ours = f"/{request.LANGUAGE_CODE}/casework/p/{group_id}/plans/"
    if target.startswith(ours) and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    return ""


def uploaded(request):
    return request.FILES if request.method == "POST" else None


def render_for_provider(request, access: ProviderAccess, template: str, **context):
    return render(
        request,
        template,
        {"group": access.group, "access": access, "perms": access.perms, **context},
    )


def client_file_context(client: Client, plan) -> dict:
    return {
        "client": client,
        "active_plan": plan,
        "education": list(client.education.all()),
        "employment": list(client.employment.all()),
        "consents": list(
            client.consents.select_related("notice", "signed_file", "recorded_by", "withdrawn_by")
        ),
        "providers": queries.client_provider_names(client),
        "accesses": list(queries.client_accesses(client)),
        "history": audit_history(client),
        "age_verified_by": client.age_verified_by,
        "withdraw_form": WithdrawConsentForm(),
    }
