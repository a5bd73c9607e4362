"""What the registries' pages share: the bound data of a POST, the provider page's context,
and the client's file (a provider's full view, the ministry's view and the duplicate review)."""

import functools

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from casework.access import ProviderAccess
from casework.registry import queries
from casework.registry.forms import ClientSearchForm, WithdrawConsentForm
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


@functools.lru_cache(maxsize=8)
def _blank_search_fields(language: str | None) -> SafeString:
    return render_to_string("casework/registry/_search_fields.html", {"form": ClientSearchForm()})


def blank_search_fields(form: ClientSearchForm) -> SafeString | None:
    """The client search's fields before any search, rendered once per process and language
    (the same HTML for every worker: four bootstrap fields cost more than the rest of the
    page, issue 19); None once the form holds a search."""
    return None if form.is_bound else _blank_search_fields(get_language())
