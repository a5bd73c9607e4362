"""A memo that lives for one request (issue 19): the user's memberships and permissions are
read once and reused by every helper that needs them (the group switcher, the access helpers,
the template tags).

`RequestMemoMiddleware` opens an empty memo when a request starts and drops it when the
response leaves; outside a request (tasks, shell, tests calling a helper directly) there is no
memo and every call reads the database, as before. A write that changes what the memo holds
(a membership saved, permissions synced) calls `forget()`, so a page that changes roles and
renders in the same request reads the new ones.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Any, Any] | None] = ContextVar("portal_request_memo", default=None)


def remembered(key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per request for `key`; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget() -> None:
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
