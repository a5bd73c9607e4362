"""Reports (S8): a provider's and the ministry's, as a page and as CSV."""

import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework.plans import queries as plan_queries
from casework.plans import report_table
from casework.plans.forms import ReportForm
from casework.plans.models import CloseReason
from casework.plans.views.base import plan_group, tab_perms
from casework.registry.services import is_ministry
from casework.roles import REPORTS
from portal.models import Group


def _period(request) -> tuple[ReportForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    form = ReportForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, today.replace(month=1, day=1), today


def _report_page(request, *, group: Group | None, csv_url: str):
    form, start, end = _period(request)
    rows = plan_queries.plan_report(start=start, end=end, group=group)
    return render(
        request,
        "casework/plans/report.html",
        {
            "group": group,
            "perms": tab_perms(request),
            "form": form,
            "fields": report_table.period_fields(form),
            "head": report_table.head_cells(),
            "caption": report_table.caption(start, end),
            "csv_href": f"{csv_url}?start={start.isoformat()}&end={end.isoformat()}",
            "body": report_table.body_rows(rows, ministry=group is None),
            "total": report_table.total_cells(plan_queries.report_totals(rows)),
            "reasons": CloseReason.choices,
        },
    )


class _Echo:
    def write(self, value):
        return value


def _report_csv(request, *, group: Group | None):
    form, start, end = _period(request)
    rows = plan_queries.plan_report(start=start, end=end, group=group)
    header = [
        _("Provider"),
        _("EO service point id"),
        _("Service point"),
        _("Plans opened"),
        _("Active at the end"),
        *[_("Closed: %(reason)s") % {"reason": label} for _value, label in CloseReason.choices],
        _("Placements started"),
        _("Placements ended"),
        _("Clients served"),
    ]

    def lines():
        yield header
        for row in rows:
            yield [
                row.point.organisation,
                row.point.eo_id,
                row.point.name,
                row.opened,
                row.active,
                *[row.closed[value] for value in CloseReason.values],
                row.placements_started,
                row.placements_ended,
                row.clients_served,
            ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(line) for line in lines()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sjs-report-{start}-{end}.csv"'
    return response


@login_required
@require_http_methods(["GET"])
def report(request, group_id: int):
    group = plan_group(request, group_id, REPORTS)
    return _report_page(
        request, group=group, csv_url=reverse("casework:report_csv", args=[group.pk])
    )


@login_required
@require_http_methods(["GET"])
def report_csv(request, group_id: int):
    return _report_csv(request, group=plan_group(request, group_id, REPORTS))


def _ministry(request) -> None:
    if not is_ministry(request.user):
        raise Http404


@login_required
@require_http_methods(["GET"])
def ministry_report(request):
    _ministry(request)
    return _report_page(request, group=None, csv_url=reverse("casework:ministry_report_csv"))


@login_required
@require_http_methods(["GET"])
def ministry_report_csv(request):
    _ministry(request)
    return _report_csv(request, group=None)
