from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.email_lock import email_lock_message
from accounts.forms import AlertPreferencesForm, ProfileForm
from accounts.models import Seat, SeatLimit
from accounts.seats import live_seats, seat_end
from portal.access import group_for_manager
from portal.alerts import alert_choices, alert_preferences_save


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    choices = alert_choices(user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        alerts_form = AlertPreferencesForm(request.POST, choices=choices)
        if form.is_valid() and alerts_form.is_valid():
            form.save()
            alert_preferences_save(user=user, choices=alerts_form.cleaned_data)
            with translation.override(user.language):
                messages.success(request, _("Your profile has been saved."))
                return redirect(reverse("profile"))
    else:
        form = ProfileForm(instance=user)
        alerts_form = AlertPreferencesForm(choices=choices)
    return render(request, "accounts/profile.html", {"form": form, "alerts_form": alerts_form})


@login_required
@require_http_methods(["GET"])
def seats(request, group_id: int):
    """S9: who holds the organisation's seats now, for a manager of one of its groups."""
    group, _membership = group_for_manager(request.user, group_id)
    organisation = group.organisation
    limit = SeatLimit.objects.filter(organisation=organisation).first()
    holders = list(live_seats(organisation.pk))
    return render(
        request,
        "accounts/seats.html",
        {
            "group": group,
            "organisation": organisation,
            "limit": limit,
            "holders": holders,
            "in_use": len({seat.user_id for seat in holders}),
            "current_key": request.session.session_key,
        },
    )


@login_required
@require_http_methods(["POST"])
def seat_end_view(request, group_id: int, seat_id: int):
    group, _membership = group_for_manager(request.user, group_id)
    seat = get_object_or_404(
        Seat.objects.select_related("user", "organisation"),
        pk=seat_id,
        organisation=group.organisation,
    )
    if seat.session_key == request.session.session_key:
        messages.error(request, _("This is your own session: sign out instead."))
    else:
        seat_end(seat=seat, actor=request.user)
        messages.success(
            request, _("The session of %(name)s has ended.") % {"name": seat.user.display_name}
        )
    return redirect("seats", group_id=group.pk)


@login_required
@require_http_methods(["GET", "POST"])
def email(request):
    """allauth's e-mail page, refusing every change while the sign-in e-mail is locked (C1)."""
    from allauth.account.views import email as allauth_email

    reason = email_lock_message(request.user)
    if reason:
        if request.method == "POST":
            messages.error(request, reason)
            return redirect(reverse("account_email"))
        storage = messages.get_messages(request)
        already_said = any(str(message) == reason for message in storage)
        if hasattr(storage, "used"):
            storage.used = False  # keep the queued messages for the page
        if not already_said:
            messages.warning(request, reason)
    return allauth_email(request)
