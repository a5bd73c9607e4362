"""The employer's performance page (J9): views, apply clicks and shares of the group's
postings over a period, as totals, a chart and a table, and its CSV export."""

import csv
import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_bootstrap5.forms import render_field, render_form_errors

from billing.queries import cart_items
from jobboard import roles
from jobboard.postings.access import group_for_user
from jobboard.postings.models import Posting
from jobboard.statistics import chart
from jobboard.statistics import services as stats
from jobboard.statistics.forms import PerformanceForm
from portal.lib.compiled import CompiledQuery, combined
from portal.lib.typography import long_date

S = Posting.State
_MAX_FIELDS = 500
# The period's date boxes as django-bootstrap5 renders them, per language, field and value
# (the same for every employer: rendering them through the templates cost ~1 ms each).
_fields: dict[tuple, str] = {}
_day_labels: dict[str | None, dict] = {}


def _date_field(form, name: str) -> str:
    bound = form[name]
    if bound.errors:
        return render_field(bound)
    key = (translation.get_language(), name, str(bound.value()))
    html = _fields.get(key)
    if html is None:
        if len(_fields) >= _MAX_FIELDS:
            _fields.clear()
        html = _fields[key] = render_field(bound)
    return html


def _day_labels_of(language: str | None) -> dict:
    """`long_date(day)` per day (escaped), kept per language: the period's days are the same for
    everyone (the caller fills it with the active language's labels)."""
    labels = _day_labels.get(language)
    if labels is None or len(labels) >= _MAX_FIELDS:
        labels = _day_labels[language] = {}
    return labels


def _day_label(labels: dict, day: datetime.date) -> str:
    label = labels.get(day)
    if label is None:
        label = labels[day] = escape(long_date(day))
    return label


def _day_rows(labels: dict, days: list[dict]) -> str:
    """The day-by-day table's rows in one go: the labels are escaped once and kept, the
    figures are integers (issue 19: ~120 escapes per page less than format_html_join)."""
    html = "".join(
        f'<tr><th scope="row">{_day_label(labels, d["day"])}</th>'
        f'<td class="text-end">{int(d["views"])}</td><td class="text-end">{int(d["clicks"])}</td>'
        f'<td class="text-end">{int(d["shares"])}</td></tr>'
        for d in days
    )
    return mark_safe(html)  # noqa: S308 (labels escaped, figures are integers)


def _choices_and_cart(group_id: int):
    """The group's non-archived postings for the list of choices, each row with the cart's
    item count for the menu (one row of NULLs and the count when there is no posting)."""
    postings = (
        Posting.objects.filter(group_id=group_id)
        .exclude(state=S.ARCHIVED)
        .values_list("id", "title_fr", "title_en", "updated_at")
    )
    return combined(
        "SELECT ({}), p.id, p.title_fr, p.title_en FROM (SELECT 1) AS one"
        " LEFT JOIN ({}) AS p ON TRUE ORDER BY p.updated_at DESC, p.id DESC",
        cart_items(group_id),
        postings,
    )


# Compiled once (issue 19): one statement for the choices and the menu's cart count.
_CHOICES = CompiledQuery(_choices_and_cart, 1)


def _performance_input(request, group_id: int):
    group, perms = group_for_user(request.user, group_id, roles.VIEW_DASHBOARD)
    english = translation.get_language() == "en"
    untitled = str(_("Untitled posting"))
    # (id, label) tuples, not model instances: a group may have thousands of postings.
    found = _CHOICES.rows(group.pk)
    cart = (found[0][0] or 0) if found else 0  # the employer menu's cart link shows it
    postings = [
        (pk, f"{(title_en if english and title_en else title_fr) or untitled} (#{pk})")
        for _cart, pk, title_fr, title_en in found
        if pk is not None
    ]
    form = PerformanceForm(request.GET, postings=postings)
    today = timezone.localdate()
    start, end, chosen = today - datetime.timedelta(days=29), today, None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        chosen = form.cleaned_data["posting"] or None
    return group, perms, form, postings, start, end, chosen, cart


@login_required
@require_GET
def performance(request, group_id: int):
    group, perms, form, postings, start, end, chosen, cart = _performance_input(request, group_id)
    # The group's non-archived postings only: another group's id never gets here (the form
    # refuses it), and the query scopes the figures to the group anyway.
    figures = stats.group_performance(group.pk, chosen, start, end)
    drawn = chart.line_chart(figures["days"])
    labels = _day_labels_of(translation.get_language())
    query = urlencode({"start": start.isoformat(), "end": end.isoformat(), "posting": chosen or ""})
    context = {
        "group": group,
        "perms": perms,
        "form": form,
        "start": start,
        "end": end,
        "chosen": next((label for pk, label in postings if pk == chosen), ""),
        # The options written in one go (a template loop over 2,000 postings costs ~100 ms).
        "posting_options": format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((pk, " selected" if pk == chosen else "", label) for pk, label in postings),
        ),
        "figures": figures,
        "cart_count": cart,
        "form_errors": render_form_errors(form, type="non_fields") if form.errors else "",
        "start_field": _date_field(form, "start"),
        "end_field": _date_field(form, "end"),
        # The day-by-day table written in one go (escaped), not by a loop with a filter per row.
        "day_rows": _day_rows(labels, figures["days"]),
        "chart": drawn,
        "chart_marks": chart.marks(drawn),
        "chart_legend": chart.legend(drawn),
        "csv_url": reverse("jobboard:performance_csv", args=[group.pk]) + "?" + query,
    }
    return render(request, "jobboard/statistics/performance.html", context)


class _Echo:
    def write(self, value):
        return value


@login_required
@require_GET
def performance_csv(request, group_id: int):
    group, _perms, _form, _postings, start, end, chosen, _cart = _performance_input(
        request, group_id
    )
    # Ids of the group's non-archived postings only (of the chosen one, if any).
    ids = Posting.objects.filter(group=group).exclude(state=S.ARCHIVED)
    if chosen:
        ids = ids.filter(pk=chosen)
    english = translation.get_language() == "en"
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so spreadsheet programs read the accents
        yield writer.writerow(
            [
                _("Day"),
                _("Posting number"),
                _("Posting"),
                _("Views"),
                _("Apply clicks"),
                _("Shares"),
            ]
        )
        for day, pk, title_fr, title_en, views, clicks, shares in stats.export_rows(
            ids.values("pk"), start, end
        ):
            title = (title_en if english and title_en else title_fr) or ""
            yield writer.writerow([day.isoformat(), pk, title, views, clicks, shares])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = f"performance-{group.pk}-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
