"""French typography for text put together in code (issue 17, item 15).

French puts a no-break space before « : » (U+00A0) and a narrow no-break space before
« ; ! ? » (U+202F); English puts none. Catalogue strings carry their own spaces (checked by
tests/portal/test_typography.py); these helpers are for a label joined to a value in code or
a template: `{% translate "Address" %}{% colon %} {{ address }}`.
"""

import datetime
import re

from django.utils import formats, timezone, translation

NBSP = "\u00a0"  # before « : », inside « »
NNBSP = "\u202f"  # before « ; ! ? »


def colon() -> str:
    """« : » with its space in French, ":" in English (the active language)."""
    return NBSP + ":" if (translation.get_language() or "fr").startswith("fr") else ":"


def label_colon(label: object, value: object) -> str:
    """ "Adresse : 12 rue X" / "Address: 12 X Street" in the active language."""
    return f"{label}{colon()} {value}"


def long_date(value: datetime.date | datetime.datetime | str | None) -> str:
    """A date in words in the active language: « 1er avril 2026 », « 15 avril 2026 »,
    "April 1, 2026". A date-time is shown on its local day; an ISO string (a date kept in
    JSON) is read first, and any other text is shown as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = datetime.date.fromisoformat(text[:10])
        except ValueError:
            return text
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = formats.date_format(value, "DATE_FORMAT")
    if value.day == 1 and (translation.get_language() or "fr").startswith("fr"):
        text = "1er" + text[1:] if text.startswith("1 ") else text
    return text


# Catalogue rules (checked on every French msgstr by tests/portal/test_typography.py and
# applied by scripts/french_typography.py): no-break spaces before « : ; ! ? » and inside
# « », and the typographic apostrophe. URLs, times (14:30), HTML entities (&amp;) and
# template or format placeholders are left alone.
_SKIP = re.compile(
    r"https?://\S*|mailto:\S*|&\w+;|&#\d+;|\d:\d|%\(\w+\)[sd]|\{[^{}]*\}|<[^<>]*>|\?\w+="
)
_SPACE_BEFORE = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}


def _masked(text: str) -> str:
    """`text` with the parts the rules leave alone replaced by as many "x"."""
    return _SKIP.sub(lambda m: "x" * len(m.group()), text)


def _needs_space(masked: str, index: int) -> bool:
    """Whether the punctuation at `index` lacks its space (a « : » only before a space or
    the end: "x:y" is no colon of a sentence)."""
    char, before = masked[index], masked[index - 1] if index else ""
    after = masked[index + 1] if index + 1 < len(masked) else ""
    if before in (" ", NBSP, NNBSP, "", "\n") or (char in "!?" and before in "!?"):
        return False
    return char != ":" or after in (" ", "", "\n", NBSP)


def french_typography_problems(text: str) -> list[str]:
    masked = _masked(text)
    problems = []
    for index, char in enumerate(masked):
        before = masked[index - 1] if index else ""
        after = masked[index + 1] if index + 1 < len(masked) else ""
        if char in _SPACE_BEFORE and before == " ":
            problems.append(f"ordinary space before « {char} »")
        elif char in _SPACE_BEFORE and _needs_space(masked, index):
            problems.append(f"no space before « {char} »")
        elif char == "«" and after != NBSP:
            problems.append("no no-break space after « « »")
        elif char == "»" and before != NBSP:
            problems.append("no no-break space before « » »")
        elif char == "'":
            problems.append("straight apostrophe (use ’)")
    return problems


def fix_french_typography(text: str) -> str:
    masked = _masked(text)
    out: list[str] = []
    skip_next = False
    for index, char in enumerate(text):
        if skip_next:
            skip_next = False
            continue
        kept = masked[index] == char  # not inside a URL, a placeholder, a tag
        after = text[index + 1] if index + 1 < len(text) else ""
        if kept and char in _SPACE_BEFORE:
            if out and out[-1] == " ":
                out[-1] = _SPACE_BEFORE[char]
            elif _needs_space(masked, index):
                out.append(_SPACE_BEFORE[char])
            out.append(char)
        elif kept and char == "«":
            out.append("«" + NBSP)
            skip_next = after in (" ", NBSP)
        elif kept and char == "»":
            if out and out[-1] in (" ", NNBSP):
                out[-1] = NBSP
            elif not out or out[-1] != NBSP:
                out.append(NBSP)
            out.append(char)
        elif kept and char == "'":
            out.append("’")
        else:
            out.append(char)
    return "".join(out)
