"""Employer pages of the boosts (J7): the posting's boosts page (featured, extension,
targeted send) and the targeted send (recipient count and price before the cart)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobboard import roles
from jobboard.boosts import services as boosts
from jobboard.boosts.models import TargetedSend
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.access import group_for_user, posting_in_group


@login_required
@require_GET
def posting_boosts(request, group_id: int, posting_id: int):
    group, perms = group_for_user(request.user, group_id, roles.BUY)
    posting = posting_in_group(group, posting_id)
    today = timezone.localdate()
    send = TargetedSend.objects.filter(posting=posting).first()
    balances = boosts.boost_balances(group)
    context = {
        "group": group,
        "posting": posting,
        "active": posting.state == services.S.ACTIVE and posting.live,
        "may_apply": roles.MANAGE_POSTINGS in perms,
        "featured_credits": balances[services.FEATURED],
        "extension_credits": balances[services.EXTENSION],
        "featured_now": bool(posting.featured_until and posting.featured_until >= today),
        "featured_days": boosts.featured_days_left(posting, today),
        "needs_extension": boosts.needs_extension_for_featured(posting, today),
        "send": send,
    }
    return render(request, "jobboard/boosts/boosts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def targeted(request, group_id: int, posting_id: int):
    group, _perms = group_for_user(request.user, group_id, roles.BUY)
    posting = posting_in_group(group, posting_id)
    send = TargetedSend.objects.filter(posting=posting).first()
    if request.method == "POST":
        try:
            if send is not None and request.POST.get("again"):
                boosts.targeted_to_cart(send=send, posting=posting)
            else:
                boosts.targeted_confirm(
                    posting=posting, scope=request.POST.get("scope", ""), actor=request.user
                )
        except JobboardError as error:
            messages.error(request, error.message)
            return redirect("jobboard:targeted", group.pk, posting.pk)
        messages.success(request, _("The targeted send is in your cart at the price shown."))
        return redirect("billing:checkout", group_id=group.pk)
    active = posting.state == services.S.ACTIVE and posting.live
    quote = boosts.targeted_quote(posting) if active and send is None else None
    context = {
        "group": group,
        "posting": posting,
        "active": active,
        "send": send,
        "quote": quote,
        "base_cents": quote["base_cents"] if quote else 0,
        "per_cents": boosts.TARGETED_PER_RECIPIENT_CENTS,
    }
    return render(request, "jobboard/boosts/targeted.html", context)
