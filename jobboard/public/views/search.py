"""The public job site's home and search (J10). Thin: `jobboard.public.search` reads; the rows
and the form are given to the templates as plain strings (`rows`, `search_form`)."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from jobboard.public import search as job_search
from jobboard.public.rows import row_items
from jobboard.public.search_form import fields, search_form
from jobboard.public.shared_blocks import shared_block
from portal.lib.page_cache import anonymous_cache


@anonymous_cache
@require_GET
def home(request):
    return render(request, "jobboard/public/home.html", shared_block("home", None, _home_lists))


def _rows_html(rows) -> str:
    return render_to_string("jobboard/public/_rows.html", {"rows": row_items(rows)})


def _home_lists() -> dict:
    featured, newest = job_search.home_lists()
    return {
        "featured": _rows_html(featured) if featured else "",
        "newest": _rows_html(newest) if newest else "",
    }


def _results(criteria, page: int) -> tuple[job_search.Results, str]:
    """The page of results (without its rows) and the rows' HTML."""
    results = job_search.search(criteria, page=page)
    rows_html = _rows_html(results.rows) if results.rows else ""
    results.rows = []
    return results, rows_html


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
    page = _page(request)
    results, rows_html = shared_block(
        "search", (repr(criteria), page), lambda: _results(criteria, page)
    )
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
        "rows": rows_html,
        "active": active,
        "cap": job_search.CAP,
        "query": job_search.querystring(params),
        "previous_query": job_search.querystring(params, page=results.page - 1),
        "next_query": job_search.querystring(params, page=results.page + 1),
        "drop_query": job_search.querystring(params, q=None),
    }
    return render(request, "jobboard/public/search.html", context)
