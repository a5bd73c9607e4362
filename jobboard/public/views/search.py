"""The public job site's home and search (J10). Thin: `jobboard.public.search` reads."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobboard.public import search as job_search
from portal.lib.page_cache import anonymous_cache


@anonymous_cache
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


@anonymous_cache
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
