import re

from django.core import mail


def last_email_to(address: str):
    for message in reversed(mail.outbox):
        if address in message.to:
            return message
    raise AssertionError(f"no e-mail to {address}; sent: {[m.to for m in mail.outbox]}")


def link_in(text: str, contains: str) -> str:
    """The first absolute or relative link in `text` containing `contains`."""
    for url in re.findall(r"https?://[^\s\"'<>]+", text):
        if contains in url:
            return url
    raise AssertionError(f"no link with {contains!r} in:\n{text}")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
