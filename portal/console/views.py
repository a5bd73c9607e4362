"""The offices' console: the queue, an item (take, give, release, decide), the next item,
the supervisor's overview with its CSV, deadlines, and the staff page. Views are thin: the
reads are in queries.py, the writes in services.py."""

import csv
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_bootstrap5.templatetags.django_bootstrap5 import bootstrap_field

from accounts.staff import offices_of
from portal.console import overview_html, queries, queue_html, services
from portal.console.chart import week_chart
from portal.console.forms import DeadlineForm, GiveForm, PeriodForm, StaffOfficeForm
from portal.console.kinds import find_work_kind
from portal.console.models import WorkItem
from portal.console.offices import office_label
from portal.errors import CoreError
from portal.forms import ReviewDecisionForm
from portal.models import Review
from portal.review_kinds import get_review_kind
from portal.selectors import audit_history
from portal.services.reviews import review_decide


def _staff(user) -> dict[str, str]:
    offices = offices_of(user)
    if not offices:
        raise PermissionDenied(_("The console is for office staff."))
    return offices


def _supervisor(user) -> list[str]:
    _staff(user)
    offices = queries.supervised_offices(user)
    if not offices:
        raise PermissionDenied(_("This page is for the office's supervisors."))
    return offices


@login_required
@require_GET
def queue(request):
    offices = _staff(request.user)
    filters = queries.Filters.from_query(request.GET, offices)
    page = queries.queue_page(request.user, filters)
    if page.header is not None:
        request.console_header_counts = page.header  # read by the header's console_nav
    base = {"office": filters.office, "kind": filters.kind, "q": filters.q}
    decided = filters.state == "decided"
    kinds = queries.kinds_for_offices([filters.office] if filters.office else offices)
    rows = queries.queue_rows(page.items, request.user, decided)
    states = [
        (s, label, page.counts.get(s, 0))
        for s, label in (
            ("waiting", _("Waiting")),
            ("overdue", _("Overdue")),
            ("mine", _("Mine")),
            ("unassigned", _("Unassigned")),
            ("decided", _("Decided")),
        )
    ]
    context = {
        "filters": filters,
        "page": page,
        "states": states,
        "rows": rows,
        "rows_html": queue_html.rows(rows, decided),
        "office_options": queue_html.options(
            [(o, office_label(o)) for o in offices], filters.office
        ),
        "kind_options": queue_html.options([(k.key, k.label) for k in kinds], filters.kind),
        "state_tabs": queue_html.state_tabs(states, filters.state, base, page.decided_capped),
        "base_query": base,
        "is_supervisor": bool(queries.supervised_offices(request.user)),
    }
    return render(request, "console/queue.html", context)


@login_required
@require_POST
def next_item(request):
    """Take the oldest unassigned item the person may decide and open it; when another
    reviewer takes it first, try the next one."""
    _staff(request.user)
    for item_id, office in queries.next_candidates(request.user):
        try:
            services.work_take(item=WorkItem(pk=item_id, office=office), actor=request.user)
        except services.Taken:
            continue
        return redirect("console:item", item_id)
    messages.info(request, _("Nothing unassigned is waiting in your offices."))
    return redirect("console:queue")


def _history(item: WorkItem, subject) -> list:
    events = list(audit_history(item))
    if subject is not None:
        events += list(audit_history(subject))
    return sorted(events, key=lambda e: (e.created_at, e.pk), reverse=True)


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request, item_id: int):
    _staff(request.user)
    item = queries.item_for_staff(request.user, item_id)
    kind = find_work_kind(item.kind)
    model = item.subject_type.model_class()
    subject = model._default_manager.filter(pk=item.subject_id).first() if model else None
    if item.state == WorkItem.State.WAITING and kind is not None:
        # A set-based change in the app may have closed it without a signal: catch up.
        if subject is None:
            services.work_gone(kind, item.subject_id)
        elif not kind.is_waiting(subject):
            services.work_sync(kind, subject)
        item = queries.item_for_staff(request.user, item_id)
    mine_or_free = item.assignee_id in (None, request.user.pk)
    context: dict = {"item": item, "kind": kind, "subject": subject}
    if kind is not None and kind.review and isinstance(subject, Review):
        review_kind = get_review_kind(subject.kind)
        form = ReviewDecisionForm(request.POST or None)
        if request.method == "POST":
            response = _decide(request, item, subject, form, mine_or_free)
            if response is not None:
                return response
        context.update(
            review=subject,
            form=form,
            panel_template=review_kind.panel_template,
            **review_kind.panel_context(subject),
        )
    elif request.method == "POST":
        return redirect("console:item", item.pk)
    elif kind is not None and kind.url is not None and subject is not None:
        context["service_url"] = kind.url(subject)
    queries.decorate([item], timezone.localdate())
    context.update(
        mine_or_free=mine_or_free,
        give_form=GiveForm(people=services.colleagues(item.office)),
        history=_history(item, subject),
    )
    return render(request, "console/item.html", context)


def _decide(request, item, review, form, mine_or_free):
    if item.state != WorkItem.State.WAITING or review.state != Review.State.OPEN:
        messages.error(request, _("This request has already been decided."))
        return redirect("console:item", item.pk)
    if not mine_or_free:
        form.add_error(
            None,
            _("%(name)s has taken this item; ask them or a supervisor to give it to you.")
            % {"name": item.assignee.display_name},
        )
        return None
    if not form.is_valid():
        return None
    try:
        review_decide(
            review=review,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except CoreError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, _("Decision recorded; the applicant was e-mailed."))
    return redirect("console:item", item.pk)


@login_required
@require_POST
def item_take(request, item_id: int):
    _staff(request.user)
    item = queries.item_for_staff(request.user, item_id)
    try:
        services.work_take(item=item, actor=request.user)
    except services.Taken as taken:
        messages.error(request, taken.message)
    else:
        messages.success(request, _("The item is yours."))
    return redirect("console:item", item.pk)


@login_required
@require_POST
def item_release(request, item_id: int):
    _staff(request.user)
    item = queries.item_for_staff(request.user, item_id)
    try:
        services.work_release(item=item, actor=request.user)
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The item is back in the office's queue."))
    return redirect("console:item", item.pk)


@login_required
@require_POST
def item_give(request, item_id: int):
    _staff(request.user)
    item = queries.item_for_staff(request.user, item_id)
    people = list(services.colleagues(item.office))
    form = GiveForm(request.POST, people=people)
    if not form.is_valid():
        messages.error(request, _("Choose a colleague of the same office."))
        return redirect("console:item", item.pk)
    to = next(p for p in people if p.pk == form.cleaned_data["to"])
    try:
        services.work_give(item=item, actor=request.user, to=to)
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The item was given to %(name)s.") % {"name": to.display_name})
    return redirect("console:item", item.pk)


# --- Supervisors -----------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    supervised = _supervisor(request.user)
    office = request.GET.get("office", "")
    offices = [office] if office in supervised else supervised
    mine = list(offices_of(request.user))
    data = queries.overview(offices, user=request.user, header_offices=mine)
    # What waits for the person in all their offices: read by the header's console_nav.
    request.console_header_counts = data.pop("header")
    today = timezone.localdate()
    kinds = queries.kinds_for_offices(offices)
    days = services.deadlines(kinds)
    chart = week_chart(data["weeks"])
    # The field's name and id as DeadlineForm(prefix=kind) gives them (no form per kind).
    deadlines = [
        (k, days[k.key], f"{k.key}-business_days", f"id_{k.key}-business_days") for k in kinds
    ]
    context = {
        **data,
        "chart": chart,
        "office_options": queue_html.options(
            [(o, office_label(o)) for o in supervised], office if office in supervised else ""
        ),
        "period_fields": _period_fields(get_language(), today.replace(day=1), today),
        "deadlines": deadlines,
        "deadlines_html": overview_html.deadlines(deadlines, get_token(request)),
    }
    median = _("%(d)s d %(h)s h")  # as the template's blocktranslate did, once per page
    for row in context["rows"]:
        row["office_label"] = office_label(row["office"])
        row["oldest"] = queries.local_format(row["oldest"], "SHORT_DATE_FORMAT") or "—"
        found = row["median"]
        row["median"] = median % {"d": found["days"], "h": found["hours"]} if found else "—"
    for person in context["people"]:
        person["office_label"] = office_label(person["office"])
    context.update(
        rows_html=overview_html.rows(context["rows"]),
        people_html=overview_html.people(context["people"]),
        weeks_html=overview_html.weeks(context["weeks"]),
        chart_ticks=overview_html.chart_ticks(chart),
        chart_lines=overview_html.chart_lines(chart),
        chart_legend=overview_html.chart_legend(chart),
    )
    return render(request, "console/overview.html", context)


@lru_cache(maxsize=8)
def _period_fields(language: str | None, start, end) -> SafeString:
    """The CSV form's two date fields as django-bootstrap5 renders them, once per language
    and day (the same HTML for everyone: no user data)."""
    period = PeriodForm(initial={"start": start, "end": end})
    return format_html(
        '<div class="col-sm-4">{}</div>\n      <div class="col-sm-4">{}</div>',
        bootstrap_field(period["start"]),
        bootstrap_field(period["end"]),
    )


@login_required
@require_POST
def deadline(request, kind_key: str):
    _supervisor(request.user)
    kind = find_work_kind(kind_key)
    if kind is None:
        raise PermissionDenied
    form = DeadlineForm(request.POST, prefix=kind.key)
    if not form.is_valid():
        messages.error(request, _("Give a number of business days between 1 and 60."))
        return redirect("console:overview")
    try:
        changed = services.deadline_set(
            kind=kind, business_days=form.cleaned_data["business_days"], actor=request.user
        )
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The deadline was changed; %(n)s waiting items have a new due date.")
            % {"n": changed},
        )
    return redirect("console:overview")


class _Echo:
    def write(self, value):
        return value


@login_required
@require_GET
def decisions_csv(request):
    supervised = _supervisor(request.user)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a period: a start and an end date, one year at most."))
        return redirect("console:overview")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = queries.decisions_between(supervised, start, end)
    writer = csv.writer(_Echo())
    header = [
        _("Decided"), _("Office"), _("Kind"), _("Item"), _("Reference"), _("Applicant"),
        _("Organisation"), _("E-mail"), _("Decision"), _("Decided by"), _("Note"),
        _("Arrived"), _("Due"),
    ]  # fmt: skip

    def lines():
        yield writer.writerow(header)
        for chunk in _chunks(rows):
            for item in queries.decorate(chunk, timezone.localdate()):
                yield writer.writerow(
                    [
                        timezone.localtime(item.decided_at).strftime("%Y-%m-%d %H:%M"),
                        office_label(item.office),
                        item.kind_label,
                        item.title,
                        item.reference,
                        item.applicant,
                        item.organisation,
                        item.email,
                        item.outcome_label,
                        item.decided_by.display_name if item.decided_by else "",
                        item.note,
                        timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
                        item.due_date.isoformat(),
                    ]
                )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-{start}-{end}.csv"'
    return response


def _chunks(rows, size: int = 1000):
    last = None
    while True:
        page = rows.filter(pk__gt=last) if last else rows
        chunk = list(page.order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


@login_required
@require_http_methods(["GET", "POST"])
def staff_people(request):
    """A supervisor gives and takes away the roles of their offices."""
    supervised = _supervisor(request.user)
    form = StaffOfficeForm(request.POST or None, offices=supervised)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["email"]
        try:
            services.staff_office_set(
                person=person,
                office=form.cleaned_data["office"],
                level=form.cleaned_data["level"],
                actor=request.user,
            )
        except CoreError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The roles of %(name)s were saved.") % {"name": person.display_name}
            )
            return redirect("console:staff")
    people = []
    for person in queries.staff_of_offices(supervised):
        held = offices_of(person)
        people.append(
            {
                "person": person,
                "roles": [(office_label(o), held[o]) for o in supervised if o in held],
            }
        )
    return render(request, "console/staff.html", {"form": form, "people": people})
