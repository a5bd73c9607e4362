"""Write locale_allauth/fr/LC_MESSAGES/django.po: allauth's French strings that say
"e-mail", reworded with « courriel » as in the rest of the portal. That folder comes first
in LOCALE_PATHS, so these entries win over allauth's own catalog. Run again after
upgrading allauth: python scripts/allauth_courriel.py"""

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import allauth

SOURCE = Path(allauth.__file__).parent / "locale/fr/LC_MESSAGES/django.po"
TARGET = Path(__file__).resolve().parents[1] / "locale_allauth/fr/LC_MESSAGES/django.po"

# Longest first; the last rule catches the rest (never inside %(email)s, {email}, mailto).
RULES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"[lL][’']e-?mail\b", "le courriel"),
    (r"\b[cC]et e-?mail\b", lambda m: "Ce courriel" if m.group()[0] == "C" else "ce courriel"),
    (r"\b([aA]dresses?) e-?mail\b", r"\1 courriel"),
    (r"(?<![(%{_\w])E-?mails\b(?![)}_])", "Courriels"),
    (r"(?<![(%{_\w])e-?mails\b(?![)}_])", "courriels"),
    (r"(?<![(%{_\w:])E-?mail\b(?![)}_])", "Courriel"),
    (r"(?<![(%{_\w:])e-?mail\b(?![)}_])", "courriel"),
]


def reword(text: str) -> str:
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement, text)
    return text


def main() -> None:
    selected = subprocess.run(  # noqa: S603 - a fixed command on a file of ours
        ["msggrep", "--msgstr", "-i", "-E", "-e", "[eE]-?mail", str(SOURCE)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out, in_msgstr = [], False
    for line in selected.splitlines():
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if line.startswith("#:"):  # source references of allauth, not ours
            continue
        out.append(reword(line) if in_msgstr else line)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
