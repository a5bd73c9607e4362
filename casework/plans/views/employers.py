"""Picking a placement's employer from the shared registry (S4, S5, Q21): the choices as the
worker types (htmx asks for this fragment; without JavaScript the form's Search button posts
the page, which shows the same choices), and what the placement page shows of the choice."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.plans.views.base import plan_group
from casework.registry import queries as registry_queries
from casework.registry.models import Employer
from casework.roles import PLANS

CHOICES = 10


def employer_matches(query: str) -> list[Employer]:
    query = query.strip()
    return registry_queries.employer_search(query=query, limit=CHOICES) if query else []


def is_employer_search(request) -> bool:
    """Without JavaScript, the employer search posts the placement's page (its Search button,
    or a query typed and no employer chosen yet): show the matches, keep what was typed."""
    if request.method != "POST":
        return False
    post = request.POST
    return "find" in post or bool(post.get("employer_q", "").strip() and not post.get("employer"))


def picker_context(form, query: str, searched: bool) -> dict:
    """The employer chosen (posted, preset or saved) and the registry's matches for `query`."""
    chosen_id = form.data.get("employer") if form.is_bound else form.initial.get("employer")
    chosen = registry_queries.employer_with_form_status(chosen_id) if chosen_id else None
    matches = employer_matches(query) if searched else []
    return {
        "chosen": chosen,
        "employer_q": query,
        "searched": searched,
        "matches": [e for e in matches if chosen is None or e.pk != chosen.pk],
    }


@login_required
@require_GET
def employer_choices(request, group_id: int):
    """The registry's employers matching `employer_q`, as radio choices (an htmx fragment)."""
    group = plan_group(request, group_id, PLANS)
    query = request.GET.get("employer_q", "")
    return render(
        request,
        "casework/plans/_employer_choices.html",
        {
            "group": group,
            "matches": employer_matches(query),
            "employer_q": query.strip(),
            "searched": True,
        },
    )
