"""The public job site (J10): the home, the search (with its Atom feed) and the signed-in
user's saved searches. Views are thin: `jobboard.search` reads, `jobboard.saved_searches`
writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobboard import saved_searches
from jobboard import search as job_search
from jobboard.errors import JobboardError
from jobboard.seeker_models import SavedSearch


@require_GET
def home(request):
    featured, newest = job_search.home_lists()
    return render(request, "jobboard/public/home.html", {"featured": featured, "newest": newest})


def _page(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _choice_labels(form) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for key in job_search.FILTER_KEYS:
        flat: dict[str, str] = {}
        for value, label in form.fields[key].choices:
            if isinstance(label, list | tuple):  # an option group
                flat.update({str(v): str(lab) for v, lab in label})
            else:
                flat[str(value)] = str(label)
        labels[key] = flat
    return labels


@require_GET
def search(request):
    form = job_search.SearchForm(request.GET or None)
    criteria = form.criteria()
    results = job_search.search(criteria, page=_page(request))
    params = job_search.params_of(request.GET)
    labels = _choice_labels(form)
    # Each active filter, with the link that drops it (shown above the results, and as the
    # suggestion when nothing matches).
    active = [
        (
            form.fields[key].label,
            labels[key].get(str(getattr(criteria, key)), str(getattr(criteria, key))),
            job_search.querystring(params, **{key: None}),
        )
        for key in criteria.active_filters()
    ]
    context = {
        "form": form,
        "criteria": criteria,
        "results": results,
        "active": active,
        "cap": job_search.CAP,
        "query": job_search.querystring(params),
        "previous_query": job_search.querystring(params, page=results.page - 1),
        "next_query": job_search.querystring(params, page=results.page + 1),
        "drop_query": job_search.querystring(params, q=None),
    }
    return render(request, "jobboard/public/search.html", context)


@login_required
@require_POST
def saved_search_create(request):
    query = QueryDict(request.POST.get("query", ""))
    try:
        saved_searches.saved_search_create(
            user=request.user,
            label=request.POST.get("label", ""),
            params=job_search.params_of(query),
        )
    except JobboardError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Search saved: you will receive an e-mail when new postings match it.")
        )
    target = reverse("jobboard:search")
    return redirect(f"{target}?{query.urlencode()}" if query else target)


@login_required
@require_GET
def saved_search_list(request):
    rows = [
        (found, job_search.querystring(found.params))
        for found in SavedSearch.objects.filter(user=request.user).order_by("-created_at")
    ]
    return render(request, "jobboard/public/saved_searches.html", {"rows": rows})


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    if not saved_searches.saved_search_delete(user=request.user, pk=pk):
        raise Http404
    messages.success(request, _("The saved search was deleted."))
    return redirect("jobboard:saved_searches")
