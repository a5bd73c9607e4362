"""Public endpoints: no token, limits per client address, and the answers kept in the shared
cache for a short time (API_PUBLIC_CACHE_SECONDS), like the job site's public pages: a hit
costs one cache read, before DRF's machinery runs."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.views import APIView


class CachedPublicView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def _key(self, request) -> str:
        url = request.build_absolute_uri()
        return "api:v1:public:" + hashlib.sha256(url.encode()).hexdigest()

    def dispatch(self, request, *args, **kwargs):
        seconds = settings.API_PUBLIC_CACHE_SECONDS
        cacheable = request.method == "GET" and seconds > 0
        if cacheable:
            body = cache.get(self._key(request))
            if body is not None:
                response = HttpResponse(body, content_type="application/json")
                response["Cache-Control"] = f"public, max-age={seconds}"
                return response
        response = super().dispatch(request, *args, **kwargs)
        if cacheable and response.status_code == 200:
            response.render()
            cache.set(self._key(request), response.content, seconds)
            response["Cache-Control"] = f"public, max-age={seconds}"
        return response
