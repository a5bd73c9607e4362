"""Apply French typography to the French catalogues' translations (issue 17, item 15):
no-break spaces before « : ; ! ? » and inside « », and the typographic apostrophe (’).
The rules are portal.lib.typography's; tests/portal/test_typography.py checks them.

    .venv/bin/python scripts/french_typography.py           # every project catalogue
    .venv/bin/python scripts/french_typography.py path.po   # some
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal.lib.typography import fix_french_typography  # noqa: E402

STRING = re.compile(r'^(#~ )?(msgstr(?:\[\d+\])? |)"(.*)"$')


def catalogues() -> list[Path]:
    """The project's French catalogues (allauth's own French is left as allauth wrote it)."""
    return sorted(
        p for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )


def fix_file(path: Path) -> bool:
    lines = path.read_text(encoding="utf-8").split("\n")
    in_msgstr = header = False
    entries = 0
    for index, line in enumerate(lines):
        if line.startswith(("msgid ", "#~ msgid ", "msgctxt ")):
            in_msgstr = False
            if line.startswith("msgid "):
                entries += 1
                header = entries == 1  # the catalogue's header entry
            continue
        match = STRING.match(line)
        if match is None:
            if not line.startswith('"'):
                in_msgstr = False
            continue
        if match.group(2).startswith("msgstr"):
            in_msgstr = True
        if in_msgstr and not header:
            prefix, keyword, text = match.groups()
            lines[index] = f'{prefix or ""}{keyword}"{fix_french_typography(text)}"'
    new = "\n".join(lines)
    changed = new != path.read_text(encoding="utf-8")
    if changed:
        path.write_text(new, encoding="utf-8")
    return changed


def main(paths: list[str]) -> None:
    for path in [Path(p) for p in paths] or catalogues():
        if fix_file(path):
            print(f"fixed {path.relative_to(ROOT) if path.is_absolute() else path}")


if __name__ == "__main__":
    main(sys.argv[1:])
