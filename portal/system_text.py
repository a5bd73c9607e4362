"""System text: what the system writes for people to read later (issue 17).

A history note, an inbox row or a plan's closing note written by the system is stored as a
message key with its parameters, never as a sentence in one language, and rendered in the
reader's language when read:

    register_messages({"casework.closure_requested": _("Closure requested by %(provider)s.")})
    audit_record(..., note=system_text("casework.closure_requested", provider=org.legal_name))
    {{ event.note_key|system_text }}  or  render_system_text(value, language="en")

A parameter is plain data (a name, a number), another system text (rendered in the same
language), or `localized(fr=..., en=...)`: text a person typed in each language (a posting's
two titles), the reader's language chosen when read, French when the other one is empty.
What a person typed stays as typed: only what the system says goes through here.
"""

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

_messages: dict[str, str | Promise] = {}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
LANGUAGES = "__languages__"  # marks a localized() parameter


def register_messages(messages: dict[str, str | Promise]) -> None:
    """Declare message keys (call from the app's AppConfig.ready() or module import)."""
    _messages.update(messages)


def registered_messages() -> dict[str, str | Promise]:
    return dict(_messages)


def localized(**by_language: str) -> dict[str, Any]:
    """A parameter given in several languages: localized(fr=title_fr, en=title_en)."""
    return {LANGUAGES: {code: text or "" for code, text in by_language.items()}}


def in_each_language(make: Callable[[], str]) -> dict[str, Any]:
    """A parameter built from translated words (labels joined with typed values): `make` is
    called once per language of the site, with that language active."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = make()
    return localized(**texts)


def _stored(value: Any) -> Any:
    if isinstance(value, dict):
        return value  # a nested system_text() or a localized() parameter
    if isinstance(value, Promise):
        # A lazy label (a choice, a role): kept in each language, chosen when read.
        return in_each_language(lambda: str(value))
    if isinstance(value, int | float):
        return value
    return str(value)


def system_text(key: str, **params: Any) -> dict[str, Any]:
    """The stored form of message `key` with `params` (a JSON-ready dict)."""
    if key not in _messages:
        raise KeyError(f"system text {key!r} is not registered (portal.system_text)")
    return {"key": key, "params": {name: _stored(value) for name, value in params.items()}}


def is_system_text(value: Any) -> bool:
    return isinstance(value, dict) and "key" in value


def _param(value: Any, language: str) -> Any:
    if isinstance(value, dict) and LANGUAGES in value:
        texts = value[LANGUAGES]
        return (
            texts.get(language)
            or texts.get(settings.LANGUAGE_CODE)
            or next((t for t in texts.values() if t), "")
        )
    if is_system_text(value):
        return _render(value, language)
    return value


def _render(value: dict, language: str) -> str:
    message = _messages.get(value["key"])
    if message is None:
        return str(value["key"])
    params = {name: _param(v, language) for name, v in (value.get("params") or {}).items()}
    text = str(message)
    if not params:
        return text
    try:
        return text % params
    except (KeyError, ValueError, TypeError):
        # A catalogue out of step with stored rows: show the sentence rather than fail.
        return text


def render_system_text(value: Any, language: str | None = None) -> str:
    """`value` in `language` (default: the active one). A plain string is returned as is
    (what a person typed, or rows written before system text was stored as keys)."""
    if not value:
        return ""
    if not is_system_text(value):
        return str(value)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        return _render(value, language[:2])
