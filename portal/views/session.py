"""The session-timeout warning's two endpoints (static/js/session_timeout.js).

`session_status` tells how many seconds are left without renewing the session (the timeout
middleware does not count it as activity); `session_renew` is « Rester connecté·e »: it
starts the idle timeout again. Without JavaScript the renew form posts normally and comes
back to the page it was sent from."""

from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import session_remaining, session_touch


def _state(request, status: int = 200) -> JsonResponse:
    signed_in = request.user.is_authenticated
    return JsonResponse(
        {"signed_in": signed_in, "remaining": session_remaining(request) if signed_in else 0},
        status=status,
    )


@never_cache
@require_GET
def session_status(request):
    return _state(request)


@never_cache
@require_POST
def session_renew(request):
    if not request.user.is_authenticated:
        return _state(request, status=401)
    session_touch(request)
    if request.headers.get("accept", "").startswith("application/json"):
        return _state(request)
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    return HttpResponseRedirect(back)
