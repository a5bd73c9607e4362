from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.email_lock import email_lock_message
from accounts.forms import AlertPreferencesForm, ProfileForm
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
