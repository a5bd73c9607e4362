"""Request limits per client and scope (per client address on the public endpoints), counted
in the shared cache (DRF's SimpleRateThrottle); a refusal says when to retry (Retry-After)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.authentication import client_of, scope_for


class ClientScopeThrottle(SimpleRateThrottle):
    cache_format = "api-throttle:%(scope)s:%(ident)s"

    def __init__(self):  # the rate depends on the view and method: see allow_request()
        pass

    def allow_request(self, request, view):
        self.scope = scope_for(request, view) or "public"
        self.rate = settings.API_THROTTLE_RATES.get(self.scope)
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if request.auth is not None:
            ident = f"client-{client_of(request).pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
