"""The public job site's home and search (J10). Thin: `jobboard.public.search` reads; the rows
and the form are given to the templates as plain strings (`rows`, `search_form`)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobboard.public import search as job_search
from jobboard.public.rows import row_items
from jobboard.public.search_form import fields, search_form
from portal.lib.page_cache import anonymous_cache


@anonymous_cache
@require_GET
def home(request):
    featured, newest = job_search.home_lists()
    return render(
        request,
        "jobboard/public/home.html",
        {"featured": row_items(featured), "newest": row_items(newest)},
    )


def _page(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _choice_label(form, key: str, value) -> str:
    for choice, label in form.fields[key].choices:
        if isinstance(label, list | tuple):  # an option group
            for inner, inner_label in label:
                if str(inner) == str(value):
                    return str(inner_label)
        elif str(choice) == str(value):
            return str(label)
    return str(value)


@anonymous_cache
@require_GET
def search(request):
    form, version = search_form(request.GET)
    criteria = form.criteria()
    results = job_search.search(criteria, page=_page(request))
    params = job_search.params_of(request.GET)
    # Each active filter, with the link that drops it (shown above the results, and as the
    # suggestion when nothing matches).
    active = [
        (
            form.fields[key].label,
            _choice_label(form, key, getattr(criteria, key)),
            job_search.querystring(params, **{key: None}),
        )
        for key in criteria.active_filters()
    ]
    context = {
        "form": form,  # the layout's error summary reads it
        "fields": fields(form, version),
        "criteria": criteria,
        "results": results,
        "rows": row_items(results.rows),
        "active": active,
        "cap": job_search.CAP,
        "query": job_search.querystring(params),
        "previous_query": job_search.querystring(params, page=results.page - 1),
        "next_query": job_search.querystring(params, page=results.page + 1),
        "drop_query": job_search.querystring(params, q=None),
    }
    return render(request, "jobboard/public/search.html", context)
