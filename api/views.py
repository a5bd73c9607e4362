"""The "API access" page of a group: its clients, a new client (the secret shown once, on the
answer to the form, never stored in clear), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from api import services
from api.access import group_for_api_manager
from api.forms import ApiClientForm
from api.models import ApiClient
from api.queries import group_clients

BACK = {"jobboard": "jobboard:company", "licensing": "licensing:company"}


def _back_url(group) -> str:
    if group.service == "permits":
        account = getattr(group, "contractor_account", None)
        return reverse("permits:account", args=[account.pk]) if account else reverse("dashboard")
    return reverse(BACK[group.service], args=[group.pk])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def access(request, group_id: int):
    group = group_for_api_manager(request.user, group_id)
    form = ApiClientForm(request.POST or None, service=group.service)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_client_create(
                group=group,
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
            )
        except services.ApiClientError as error:
            form.add_error("scopes", error.message)
        else:
            form = ApiClientForm(service=group.service)
    context = {
        "group": group,
        "form": form,
        "clients": group_clients(group),
        "created": created,
        "secret": secret,
        "token_url": request.build_absolute_uri(reverse("api:token")),
        "docs_url": reverse("api:docs"),
        "back_url": _back_url(group),
    }
    return render(request, "api/access.html", context)


@login_required
@require_POST
def revoke(request, group_id: int, client_id: int):
    group = group_for_api_manager(request.user, group_id)
    client = get_object_or_404(ApiClient, pk=client_id, group=group)
    services.api_client_revoke(client=client, actor=request.user)
    messages.success(request, _("The client was revoked: its tokens are refused from now on."))
    return redirect("api_access:page", group.pk)
