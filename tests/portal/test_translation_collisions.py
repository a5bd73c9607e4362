"""Each app keeps its own French catalog, but Django merges every catalog of a language into
one: a msgid that two catalogs translate differently gets one wording everywhere (LOCALE_PATHS
first, then the apps in INSTALLED_APPS order), so one app silently shows another's French.
This test reads the compiled catalogs (`make pytest` compiles them first) and lists every
such msgid."""

from collections import defaultdict
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
MO = Path("fr", "LC_MESSAGES", "django.mo")

HOW_TO_FIX = (
    "Django merges all French catalogs into one, so only one of these wordings is shown, in "
    "every app. If the meanings differ, give the usage a message context in the app whose "
    'wording should differ (pgettext / pgettext_lazy("job application", "Apply") in Python, '
    '{% translate "Apply" context "job application" %} or {% blocktranslate context "…" %} '
    "in templates), then scripts/makemessages and fill the new entry with scripts/po_fill.py. "
    "If they mean the same thing, give them the same French in both catalogs."
)


def catalogs() -> list[Path]:
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    dirs += sorted(path for path in ROOT.glob("*/locale") if path.is_dir())
    return [directory / MO for directory in dict.fromkeys(dirs)]


def label(key: str | tuple[str, int]) -> str:
    msgid, plural = (key, None) if isinstance(key, str) else key
    context, _sep, msgid = msgid.rpartition("\x04")
    text = f"{context!r} | {msgid!r}" if context else repr(msgid)
    return text if plural is None else f"{text} [plural form {plural}]"


def test_no_msgid_has_two_french_wordings() -> None:
    found = [mo for mo in catalogs() if mo.exists()]
    if not found:
        pytest.skip("no compiled French catalog: run manage.py compilemessages (make pytest does)")
    stale = [mo for mo in found if mo.with_suffix(".po").stat().st_mtime > mo.stat().st_mtime]
    if stale:
        names = ", ".join(str(mo.relative_to(ROOT)) for mo in stale)
        pytest.skip(f"compiled catalog older than its .po, run compilemessages: {names}")
    wordings: dict[str | tuple[str, int], dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for mo in found:
        with mo.open("rb") as handle:
            catalog = GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        locale_dir = mo.parents[2]  # <app>/locale or a LOCALE_PATHS entry
        owner = str(locale_dir.relative_to(ROOT) if locale_dir.is_relative_to(ROOT) else locale_dir)
        for key, text in catalog.items():
            if key != "" and text:
                wordings[key][text].append(owner)
    collisions = [
        f"  {label(key)}: "
        + " / ".join(f"« {text} » ({', '.join(owners)})" for text, owners in texts.items())
        for key, texts in sorted(wordings.items(), key=lambda item: label(item[0]))
        if len(texts) > 1
    ]
    assert not collisions, (
        f"{len(collisions)} msgid(s) translated differently by two catalogs:\n"
        + "\n".join(collisions)
        + "\n"
        + HOW_TO_FIX
    )
