"""Whole pages for anonymous visitors, from the shared cache (issue 19).

A view opts in with `@anonymous_cache()`. `PageCacheMiddleware` (just inside
PrivateCacheMiddleware, before the session) then:

- answers a visitor who sends no session cookie and no pending message with the stored page,
  before the session, the user, CSRF or the view run (one cache round trip, no SQL);
- otherwise stores the page the view made, when nobody is signed in, the answer is 200 and it
  sets no cookie (a page with a CSRF token sets one, so it is never stored: the anonymous
  header has plain language links and no token).

Pages are stored under the scheme, host and full path: the language is the path's prefix
(`/fr/…`, `/en/…`), so a French page never answers an English request. Every stored page
carries the cache "generation"; `invalidate()` bumps it, which drops every stored page at
once (the job board calls it when a posting is published, edited, boosted, ended or expired,
and when a company's card changes). Pages also expire after `SERVER_SECONDS` whatever
happens, for what changes with the date alone (an application deadline passed at midnight).

A stored page answers `Cache-Control: public, max-age=…, s-maxage=…` and an `ETag`, so a
reverse proxy or CDN can keep it too (docs/performance.md says how); `If-None-Match`
gets 304. What must happen on every visit, even one served from the cache (the posting
page's view counter), is a hit hook: the view calls `on_hit(request, name, *args)`, the name
is stored with the page and the middleware runs the hook registered under that name
(`register_hit_hook`) each time the page is served from the cache.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified

GENERATION_KEY = "page-cache:generation"
SERVER_SECONDS = 300  # in our cache: invalidated on change, so as long as the date allows
SHARED_SECONDS = 60  # a proxy or CDN, which we cannot invalidate: one minute late at most
BROWSER_SECONDS = 0  # the visitor's own browser revalidates (ETag: 304 when unchanged)
PUBLIC = f"public, max-age={BROWSER_SECONDS}, s-maxage={SHARED_SECONDS}"

_hooks: dict[str, Callable[..., None]] = {}


def anonymous_cache(view):
    """Mark a view whose anonymous answer is the same for every visitor of its URL."""

    @wraps(view)
    def cached_view(*args, **kwargs):
        return view(*args, **kwargs)

    cached_view.anonymous_cache = True  # type: ignore[attr-defined]
    return cached_view


def register_hit_hook(name: str, hook: Callable[..., None]) -> None:
    _hooks[name] = hook


def on_hit(request, name: str, *args: Any) -> None:
    """Run hook `name` with `args` each time this page is served from the cache (the view
    does the same work itself when it runs)."""
    request.page_cache_hits = [*getattr(request, "page_cache_hits", []), (name, args)]


def invalidate() -> None:
    """Drop every stored page: now, and again once the transaction commits (a page rendered
    meanwhile from the old rows must not outlive it)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet
        cache.add(GENERATION_KEY, 1, timeout=None)
        cache.incr(GENERATION_KEY)


def _eligible(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page-cache:" + hashlib.sha256(address.encode()).hexdigest()


def _etag(content: bytes) -> str:
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


def _answer(request, entry: dict) -> HttpResponse:
    if request.headers.get("If-None-Match") == entry["etag"]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        if not (response.status_code == 304 and name == "Content-Length"):
            response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            for name, args in entry["hits"]:
                _hooks[name](request, *args)  # registered at start-up (an app's ready())
            return _answer(request, entry)
        response = self.get_response(request)
        if self._storable(request, response):
            entry = self._store(request, response, key, generation)
            if request.headers.get("If-None-Match") == entry["etag"]:
                return _answer(request, entry)
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        return (
            match is not None
            and getattr(match.func, "anonymous_cache", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def _store(request, response, key: str, generation) -> dict:
        response["Cache-Control"] = PUBLIC
        response["ETag"] = _etag(response.content)
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "etag": response["ETag"],
            "hits": getattr(request, "page_cache_hits", []),
        }
        cache.set(key, entry, SERVER_SECONDS)
        return entry
