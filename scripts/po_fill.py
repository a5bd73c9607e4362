"""Fill the empty or fuzzy entries of a .po file from a JSON file {msgid: msgstr} (a list of
two strings for plurals), and list what is still missing. An entry with a message context
(pgettext, `{% translate "…" context "…" %}`) is looked up first as "<context>\u0004<msgid>" (as
gettext keys it), then as the bare msgid.

Usage: python scripts/po_fill.py <app>/locale/fr/LC_MESSAGES/django.po translations.json
"""

import json
import re
import sys
from pathlib import Path

FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$')


def unquote(lines: list[str]) -> str:
    return "".join(json.loads(line) for line in lines)


def quote(text: str) -> str:
    if "\n" in text and len(text) > 60:
        parts = [part for part in re.split(r"(?<=\n)", text) if part]
        return '""\n' + "\n".join(json.dumps(part, ensure_ascii=False) for part in parts)
    return json.dumps(text, ensure_ascii=False)


def parse(lines: list[str]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("#"):
            continue
        match = FIELD.match(line)
        if match:
            current = match.group(1)
            fields[current] = [match.group(2)]
        elif line.startswith('"') and current:
            fields[current].append(line)
    return fields


def fill_block(block: str, translations: dict, missing: list[str]) -> str:
    lines = block.split("\n")
    if not any(line.startswith("msgid ") for line in lines):
        return block
    flags = [line for line in lines if line.startswith("#,")]
    comments = [line for line in lines if line.startswith("#") and line[:2] not in ("#,", "#|")]
    fields = parse(lines)
    msgid = unquote(fields["msgid"])
    fuzzy = any("fuzzy" in flag for flag in flags)
    plural = "msgid_plural" in fields
    if plural:
        current = [unquote(fields.get(f"msgstr[{k}]", ['""'])) for k in range(2)]
    else:
        current = [unquote(fields.get("msgstr", ['""']))]
    key = msgid
    if "msgctxt" in fields and unquote(fields["msgctxt"]) + "\x04" + msgid in translations:
        key = unquote(fields["msgctxt"]) + "\x04" + msgid
    if key in translations and (fuzzy or not all(current)):
        value = translations[key]
        current = (value if isinstance(value, list) else [value, value]) if plural else [value]
        fuzzy = False
    if fuzzy or not all(current):
        context = unquote(fields["msgctxt"]) + " | " if "msgctxt" in fields else ""
        missing.append(context + msgid)
    else:
        flags = [re.sub(r",?\s*fuzzy", "", flag) for flag in flags]
        flags = [flag for flag in flags if flag.strip() not in ("#,", "#")]
    out = comments + flags
    if "msgctxt" in fields:
        out.append("msgctxt " + "\n".join(fields["msgctxt"]))
    out.append("msgid " + "\n".join(fields["msgid"]))
    if plural:
        out.append("msgid_plural " + "\n".join(fields["msgid_plural"]))
        out += [f"msgstr[{k}] " + quote(text) for k, text in enumerate(current)]
    else:
        out.append("msgstr " + quote(current[0]))
    return "\n".join(out)


def main(po_path: str, json_path: str) -> None:
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    blocks = Path(po_path).read_text(encoding="utf-8").split("\n\n")
    missing: list[str] = []
    filled = [blocks[0]] + [fill_block(block, translations, missing) for block in blocks[1:]]
    Path(po_path).write_text("\n\n".join(filled), encoding="utf-8")
    print("missing:", len(missing))
    for msgid in missing:
        print(" ", json.dumps(msgid, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
