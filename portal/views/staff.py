"""Office staff: one inbox per staff role (C7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.staff import offices_of
from portal.access import review_for_staff
from portal.errors import CoreError
from portal.forms import ReviewDecisionForm
from portal.lib.compiled import CompiledQuery, compiled, instance
from portal.lib.paging import TOTAL, page_of, with_total
from portal.models import Review
from portal.review_kinds import attach_summaries, find_review_kind, get_review_kind
from portal.selectors import audit_history, staff_inbox
from portal.services.reviews import review_decide


def _staff_only(user) -> None:
    if not offices_of(user):
        raise PermissionDenied


@login_required
@require_GET
def inbox(request):
    _staff_only(request.user)
    roles = tuple(offices_of(request.user))
    page = page_of(
        _inbox_query(roles),
        (),
        request.GET.get("page"),
        count=lambda: staff_inbox(roles).count(),
    )
    page.object_list = reviews = _inbox_reviews(list(page.object_list))
    attach_summaries(reviews)
    context = {"page": page, "rows": _inbox_rows(reviews, timezone.localdate())}
    return render(request, "portal/staff/inbox.html", context)


def _inbox_query(roles: tuple[str, ...]) -> CompiledQuery:
    """staff_inbox()'s reviews with their applicant and the total, compiled once per set of
    offices (the offices are in the key: the statement holds them)."""

    def build():
        from accounts.models import User

        return with_total(staff_inbox(roles)).values_list(
            *(f.attname for f in Review._meta.concrete_fields),
            *(f"applicant__{f.attname}" for f in User._meta.concrete_fields),
            TOTAL,
        )

    return compiled(("portal.staff.inbox", roles), build)


def _inbox_reviews(rows: list[tuple]) -> list[Review]:
    """The rows as the ORM's select_related("applicant") gives them."""
    from accounts.models import User

    width = len(Review._meta.concrete_fields)
    applicant = Review._meta.get_field("applicant")
    reviews = []
    for row in rows:
        review = instance(Review, row[:width])
        applicant.set_cached_value(
            review, instance(User, row[width:]) if row[width] is not None else None
        )
        reviews.append(review)
    return reviews


def _inbox_rows(reviews: list[Review], today) -> SafeString:
    """The inbox table's rows, built in Python once per request (as the template's loop gave
    them, whitespace included); every value escaped."""
    if not reviews:
        return mark_safe(  # noqa: S308 (escaped)
            '\n          <tr><td colspan="5" data-testid="inbox-empty">'
            f"{escape(_('Nothing is waiting.'))}</td></tr>\n        "
        )
    late = f' <span class="badge text-bg-danger">{escape(_("Late"))}</span>'
    marker = "987654321"
    link = reverse("staff_review", args=[marker])
    labels: dict[str, str] = {}
    parts = []
    for review in reviews:
        if review.kind not in labels:
            found = find_review_kind(review.kind)
            labels[review.kind] = str(found.label) if found else review.kind
        created = date_format(timezone.localtime(review.created_at), "SHORT_DATE_FORMAT")
        applicant = review.applicant.display_name if review.applicant else ""
        parts.append(
            "\n          <tr>\n"
            f"            <td>{escape(created)}</td>\n"
            f"            <td>{escape(labels[review.kind])}</td>\n"
            f'            <td><a href="{escape(link.replace(marker, str(review.pk)))}">'
            f"{escape(review.display_summary)}</a></td>\n"  # type: ignore[attr-defined]
            f"            <td>{escape(applicant or '—')}</td>\n"
            f"            <td>{escape(date_format(review.due_date, 'SHORT_DATE_FORMAT'))}"
            f"{late if review.due_date < today else ''}</td>\n"
            "          </tr>\n        "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped)


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, review_id: int):
    _staff_only(request.user)
    review = review_for_staff(request.user, review_id)
    kind = get_review_kind(review.kind)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST":
        if review.state != Review.State.OPEN:
            messages.error(request, _("This request has already been decided."))
            return redirect("staff_review", review_id=review.pk)
        if form.is_valid():
            try:
                review_decide(
                    review=review,
                    actor=request.user,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                )
            except CoreError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Decision recorded; the applicant was e-mailed."))
                return redirect("staff_inbox")
    context = {
        "review": review,
        "kind": kind,
        "panel_template": kind.panel_template,
        "form": form,
        "history": list(audit_history(review.subject)),
        **kind.panel_context(review),
    }
    return render(request, "portal/staff/review.html", context)
