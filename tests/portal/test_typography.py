"""Issue 17 item 15: French typography stays fixed. Every French translation of the project's
catalogues has its no-break spaces (before « : » U+00A0, before « ; ! ? » U+202F, inside « »
U+00A0) and one kind of apostrophe (’); dates read « 1er avril 2026 »; page titles start with
a capital; a label's colon follows the page's language."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, pgettext

from portal.lib.typography import fix_french_typography, french_typography_problems, long_date

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po") if ".venv" not in p.parts
)
TEMPLATES = sorted(p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts)


def translations(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of each active entry (the header and obsolete entries left out)."""
    entries, msgid, msgstr, field = [], None, None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#") or not line.strip():
            if msgid and msgstr:
                entries.append((msgid, msgstr))
            msgid = msgstr = field = None
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            text = line[1:-1]
        else:
            field, text = keyword, rest[1:-1]
        if field == "msgid":
            msgid = (msgid or "") + text
        elif field and field.startswith("msgstr"):
            msgstr = (msgstr or "") + text
    return entries


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(ROOT).parts[0])


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_french_translations_follow_french_typography(path):
    mistakes = [
        f"{msgid!r} → {msgstr!r}: {', '.join(problems)}"
        for msgid, msgstr in translations(path)
        if (problems := french_typography_problems(msgstr))
    ]
    assert not mistakes, "Run scripts/french_typography.py:\n" + "\n".join(mistakes)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Adresse : 12 rue X", "Adresse\u00a0: 12 rue X"),
        ("Téléphone: %(phone)s", "Téléphone\u00a0: %(phone)s"),
        ("Quoi ? Oui ; non !", "Quoi\u202f? Oui\u202f; non\u202f!"),
        ("l'offre « %(title)s »", "l’offre «\u00a0%(title)s\u00a0»"),
        ("Voir https://a.example/x?y=1 à 14:30", "Voir https://a.example/x?y=1 à 14:30"),
        ("<a href='%(url)s'>ici</a> &amp; là", "<a href='%(url)s'>ici</a> &amp; là"),
    ],
)
def test_the_rules_and_their_fix(text, fixed):
    assert fix_french_typography(text) == fixed
    assert french_typography_problems(fixed) == []


def test_the_first_of_a_month_reads_1er_in_french():
    with translation.override("fr"):
        assert long_date(datetime.date(2026, 4, 1)) == "1er avril 2026"
        assert long_date(datetime.date(2027, 3, 15)) == "15 mars 2027"
        assert Template("{% load portal_tags %}{{ d|day }}").render(
            Context({"d": datetime.date(2027, 3, 1)})
        ) == ("1er mars 2027")
    with translation.override("en"):
        assert long_date(datetime.date(2026, 4, 1)) == "April 1, 2026"
    assert long_date(None) == ""


def test_pages_show_dates_in_words_never_iso():
    iso = re.compile(r'\|date:"Y-m-d"')
    offenders = [str(p.relative_to(ROOT)) for p in TEMPLATES if iso.search(p.read_text())]
    assert not offenders


def test_a_label_colon_follows_the_language():
    template = Template("{% load portal_tags %}Adresse{% colon %} 12")
    with translation.override("fr"):
        assert template.render(Context()) == "Adresse\u00a0: 12"
    with translation.override("en"):
        assert template.render(Context()) == "Adresse: 12"


TITLE = re.compile(r"\{% block title %\}\{% translate \"([^\"]+)\"(?: context \"([^\"]+)\")? ?%\}")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_page_titles_start_with_a_capital(language):
    lower = []
    with translation.override(language):
        for path in TEMPLATES:
            for msgid, context in TITLE.findall(path.read_text(encoding="utf-8")):
                text = pgettext(context, msgid) if context else gettext(msgid)
                if text[:1].islower():
                    lower.append(f"{path.relative_to(ROOT)}: {text}")
    assert not lower


def test_the_filter_button_reads_filtrer():
    """Django's admin catalogue says « Filtre » for "Filter"; the buttons carry a context."""
    with translation.override("fr"):
        assert pgettext("button", "Filter") == "Filtrer"
    buttons = [p for p in TEMPLATES if '{% translate "Filter" %}' in p.read_text()]
    assert not buttons


def test_a_date_kept_as_iso_text_reads_in_words_and_other_text_stays():
    # Dates kept in JSON (a consent's signature date, a snapshot) reach templates as text.
    with translation.override("fr"):
        assert long_date("2026-04-01") == "1er avril 2026"
        assert long_date("2026-04-01T10:00:00") == "1er avril 2026"
        assert long_date("pas une date") == "pas une date"
    with translation.override("en"):
        assert long_date("2027-03-15") == "March 15, 2027"
