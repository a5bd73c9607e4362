"""The one check of every `next` the portal reads (forms, links, allauth's sign-in).

A `next` is followed only when it is a path on this site (or a URL of this very host) with
nothing that a browser or a header would read differently: no scheme other than the page's
own, no other host, no backslash or control character, and not a bare word (Django's
`redirect("word")` would take it for a URL name and fail with a 500). Anything else falls
back to the view's default page."""

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request: HttpRequest, url: object) -> bool:
    if not isinstance(url, str) or not url or len(url) > 2000:
        return False
    if any(ord(c) < 32 or ord(c) == 127 or c == "\\" for c in url):
        return False
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc and not url.startswith("/"):
        return False  # "not a url", "javascript:…" without a slash, a URL name…
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str, value: object = None) -> str:
    """The request's `next` (POST, then query string) or `value` when given, if it is a safe
    local URL; otherwise `default` (a URL, not a URL name)."""
    if value is None:
        value = request.POST.get("next") or request.GET.get("next")
    return value if is_safe_next(request, value) else default  # type: ignore[return-value]
