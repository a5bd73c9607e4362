"""One-click unsubscribe for the job site's mailings (weekly jobs, followed companies, saved
searches, targeted postings): a signed token in a link that works signed out, and the
List-Unsubscribe / List-Unsubscribe-Post headers of RFC 8058 so mail clients offer the button.

Each mailing registers what "unsubscribe" means for it:

    register_unsubscribe("weekly", _("the jobs of the week"), weekly_stop)   # fn(user, arg)

and sends with `notify(..., headers=unsubscribe_headers(user, "weekly"))` and the link
`unsubscribe_url(user, "weekly")` in its body. The token names the user, the mailing and an
optional argument (a group id, a saved search id); it is signed, so a token cannot be turned
into another user's or another mailing's.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

SALT = "jobboard.unsubscribe"


@dataclass(frozen=True)
class Mailing:
    key: str
    label: object  # a lazy translated string
    stop: Callable[..., None]  # stop(user, arg: str)


_MAILINGS: dict[str, Mailing] = {}


def register_unsubscribe(key: str, label, stop: Callable[..., None]) -> None:
    _MAILINGS[key] = Mailing(key, label, stop)


def mailing(key: str) -> Mailing | None:
    return _MAILINGS.get(key)


def unsubscribe_token(user, key: str, arg: str | int = "") -> str:
    return signing.dumps([user.pk, key, str(arg)], salt=SALT, compress=True)


def unsubscribe_url(user, key: str, arg: str | int = "") -> str:
    """Absolute link; the language prefix follows the recipient's language."""
    from django.utils import translation

    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        path = reverse("jobboard:unsubscribe", args=[unsubscribe_token(user, key, arg)])
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_headers(user, key: str, arg: str | int = "") -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user, key, arg)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def unsubscribe_read(token: str):
    """(user, mailing, arg) for a valid token, else None (tampered, unknown user or mailing)."""
    try:
        user_id, key, arg = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    found = mailing(key)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if found is None or user is None:
        return None
    return user, found, arg
