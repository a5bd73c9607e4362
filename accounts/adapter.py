"""allauth's hooks: its e-mails go through the portal's one e-mail path, in the right language."""

import logging
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.email_lock import email_lock_message
from accounts.models import User
from accounts.seats import SESSION_SEATED, SeatsFull, seat_take, seats_full_message
from portal.lib.redirects import is_safe_next
from portal.notify import queue_email

security_log = logging.getLogger("portal.security")


# The page asked for before sign-up, kept in the session until the e-mail is confirmed.
SIGNUP_NEXT_KEY = "signup_next"


def remember_signup_next(request, url: str) -> None:
    """Keep `url` (a path of this site) to go on to once the new e-mail is confirmed."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        request.session[SIGNUP_NEXT_KEY] = url


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new account speaks the language of the page it signed up on.
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        if request is not None:
            remember_signup_next(request, request.POST.get("next") or request.GET.get("next", ""))
        return super().save_user(request, user, form, commit=commit)

    def get_email_verification_redirect_url(self, email_address):
        # Confirmed, not signed in: the sign-in form leads on to the page asked for before
        # the sign-up (the portal home's service link, the job site's employer entry…).
        url = super().get_email_verification_redirect_url(email_address)
        wanted = self.request.session.pop(SIGNUP_NEXT_KEY, "")
        if wanted and not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{urlencode({'next': wanted})}"
        return url

    def login(self, request, user):
        # S9: the seat is taken once the session has its new key; a full organisation sends
        # the user back to the sign-in form, signed out, with the reason in their language.
        super().login(request, user)
        try:
            seated = seat_take(user=user, session_key=request.session.session_key)
        except SeatsFull as full:
            security_log.warning("sign-in refused seats full user=%s", user.pk)
            super().logout(request)
            # In the page's language, like every message of this visit.
            messages.error(request, seats_full_message(full, user))
            raise ImmediateHttpResponse(redirect(reverse("account_login"))) from None
        request.session[SESSION_SEATED] = seated

    def pre_authenticate(self, request, **credentials):
        # Wrong passwords per account from one address first (ACCOUNT_RATE_LIMITS
        # "login_failed_address_account", the strict limit: whoever mistypes is stopped there,
        # and their colleagues at the same address are not); then allauth's "login_failed",
        # per account from anywhere and a high ceiling per address (docs/rate-limits.md).
        login = credentials.get("email") or credentials.get("username") or ""
        self._address_account_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_address_account",
            key=f"{ratelimit.get_ip(request)}:{login.lower()}",
        )
        if not self._address_account_usage:
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        usage = getattr(self, "_address_account_usage", None)
        if user is not None and usage:
            usage.rollback()  # a right password is not counted (as allauth does)
        return user

    def get_login_redirect_url(self, request):
        # The page's language wins for this visit (signing in from /en/ stays in English);
        # the saved preference is for e-mails and for links into the next visit.
        return reverse("dashboard")

    def is_safe_url(self, url) -> bool:
        # The portal's one rule for every `next` (portal.lib.redirects).
        return is_safe_next(allauth_context.request, url)

    def get_logout_redirect_url(self, request):
        # The home page in the language the user was reading, not the browser's default.
        return reverse("home")

    def can_delete_email(self, email_address) -> bool:
        # C1: a locked sign-in e-mail stays (the e-mail page also refuses with a message).
        if email_lock_message(email_address.user):
            return False
        return super().can_delete_email(email_address)

    def confirm_email(self, request, email_address) -> bool:
        # A change started before the account was tied to an organisation is not completed.
        user = email_address.user
        if email_address.email.lower() != user.email.lower():
            reason = email_lock_message(user)
            if reason:
                messages.error(request, reason)
                return False
        return super().confirm_email(request, email_address)

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.language if user else translation.get_language()
        # allauth's e-mails greet "Hello from {site name}": the portal's name, in the
        # recipient's language, never the host name of the Sites framework.
        ctx = {**context, "email": email, "current_site": self._portal_site()}
        if self.request is not None:
            ctx.setdefault("request", self.request)
        with translation.override(language or settings.LANGUAGE_CODE):
            message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        queue_email(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=str(html),
            template=template_prefix,
            language=language or settings.LANGUAGE_CODE,
            recipient=user,
        )

    def _portal_site(self) -> SimpleNamespace:
        domain = (
            self.request.get_host()
            if self.request is not None
            else urlsplit(settings.SITE_URL).netloc
        )
        return SimpleNamespace(name=settings.SITE_NAME, domain=domain)
