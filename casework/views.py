"""Casework pages (registries). Thin: access helper, form, service or query, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework import queries
from casework.registry import is_ministry


@login_required
def home(request):
    """The ministry's desk, a provider's desk, or the choice between the user's providers."""
    if is_ministry(request.user):
        return redirect("casework:ministry")
    groups = queries.user_casework_groups(request.user)
    if not groups:
        raise Http404
    if len(groups) == 1:
        return redirect("casework:clients", group_id=groups[0].pk)
    return render(request, "casework/home.html", {"groups": groups})
