"""Office staff: one inbox per staff role (C7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.staff import offices_of
from portal.access import review_for_staff
from portal.errors import CoreError
from portal.forms import ReviewDecisionForm
from portal.models import Review
from portal.review_kinds import attach_summaries, get_review_kind
from portal.selectors import audit_history, staff_inbox
from portal.services.reviews import review_decide


def _staff_only(user) -> None:
    if not offices_of(user):
        raise PermissionDenied


@login_required
@require_GET
def inbox(request):
    _staff_only(request.user)
    page = Paginator(staff_inbox(offices_of(request.user)), 50).get_page(request.GET.get("page"))
    attach_summaries(list(page))
    return render(request, "portal/staff/inbox.html", {"page": page, "today": timezone.localdate()})


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
