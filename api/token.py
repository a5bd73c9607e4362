"""The OAuth token endpoint, with request limits (issue 21): django-oauth-toolkit's TokenView is
a plain Django view, outside DRF's throttles, and every request checks a client secret (a
slow password hash), so unlimited requests cost the server and let a secret be guessed.

Two limits, counted in the shared cache, each refusing with 429 and Retry-After:
- per client id *and* address ("token-client"): a partner asks a token an hour, so a client
  retrying in a loop is stopped; the count is keyed on the address too, so nobody can lock a
  partner out by sending requests with its client id from elsewhere;
- per address ("token-address"): many client ids tried from one address.
A limit only refuses the requests it counts: another client, or the same client from another
address, keeps its own counts.
"""

import base64
import binascii
import hashlib

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from oauth2_provider.views import TokenView
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

# Defaults when API_THROTTLE_RATES does not name them.
RATES = {"token-client": "30/min", "token-address": "120/min"}


class _Limit(SimpleRateThrottle):
    """One counter of the shared cache (DRF's sliding window), under a key given."""

    def __init__(self, scope: str, ident: str):
        self.scope = scope
        self.rate = settings.API_THROTTLE_RATES.get(scope, RATES[scope])
        self.num_requests, self.duration = self.parse_rate(self.rate)
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        self.cache_key = f"api-throttle:{scope}:{digest}"

    def get_cache_key(self, request, view):
        return self.cache_key


def client_id_of(request) -> str:
    """The client id the request names (HTTP Basic, else the form), "" without one."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return decoded.partition(":")[0][:200]
    return str(request.POST.get("client_id", ""))[:200]


def _refused(wait: float | None) -> JsonResponse:
    seconds = max(1, round(wait or 1))
    return JsonResponse(
        {"code": "throttled", "message": str(Throttled(seconds).detail)},
        status=429,
        headers={
            "Retry-After": str(seconds),
            "Content-Language": translation.get_language() or "fr",
        },
    )


class ThrottledTokenView(TokenView):  # csrf_exempt like TokenView (its dispatch)
    def post(self, request, *args, **kwargs):
        where = BaseThrottle().get_ident(request)  # the address (NUM_PROXIES as the API's)
        address = _Limit("token-address", where)
        pair = _Limit("token-client", f"{client_id_of(request)}\n{where}")
        for limit in (address, pair):  # a refusal by the first is not counted by the second
            if not limit.allow_request(request, self):
                return _refused(limit.wait())
        return super().post(request, *args, **kwargs)
