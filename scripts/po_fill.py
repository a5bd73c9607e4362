"""Fill the empty or fuzzy entries of a .po file from a JSON file {msgid: msgstr} (a list of
two strings for plurals), and list what is still missing.

Usage: python scripts/po_fill.py <app>/locale/fr/LC_MESSAGES/django.po translations.json"""

import json
import re
import sys

po_path, tr_path = sys.argv[1], sys.argv[2]
tr = json.load(open(tr_path))
text = open(po_path, encoding="utf-8").read()
blocks = text.split("\n\n")
missing = []


def unquote(lines):
    return "".join(json.loads(l) for l in lines)


def quote(s):
    if "\n" in s and len(s) > 60:
        parts = re.split(r"(?<=\n)", s)
        return '""\n' + "\n".join(json.dumps(p, ensure_ascii=False) for p in parts if p)
    return json.dumps(s, ensure_ascii=False)


out = []
for i, b in enumerate(blocks):
    lines = b.split("\n")
    if i == 0 or not any(l.startswith("msgid ") for l in lines):
        out.append(b)
        continue
    # parse
    flags = [l for l in lines if l.startswith("#,")]
    comments = [
        l for l in lines if l.startswith("#") and not l.startswith("#,") and not l.startswith("#|")
    ]
    cur = None
    fields = {}
    for l in lines:
        if l.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', l)
        if m:
            cur = m.group(1)
            fields[cur] = [m.group(2)]
        elif l.startswith('"') and cur:
            fields[cur].append(l)
    msgid = unquote(fields.get("msgid", ['""']))
    fuzzy = any("fuzzy" in f for f in flags)
    plural = "msgid_plural" in fields
    if plural:
        strs = [unquote(fields.get(f"msgstr[{k}]", ['""'])) for k in range(2)]
        if msgid in tr and (fuzzy or not all(strs)):
            val = tr[msgid]
            strs = val if isinstance(val, list) else [val, val]
            fuzzy = False
        if not all(strs) or fuzzy:
            missing.append(msgid)
        new = comments + (
            [f for f in flags if "fuzzy" not in f and f.strip() != "#,"] if not fuzzy else flags
        )
        if "msgctxt" in fields:
            new.append("msgctxt " + "\n".join(fields["msgctxt"]))
        new.append("msgid " + "\n".join(fields["msgid"]))
        new.append("msgid_plural " + "\n".join(fields["msgid_plural"]))
        for k, s in enumerate(strs):
            new.append(f"msgstr[{k}] " + quote(s))
    else:
        msgstr = unquote(fields.get("msgstr", ['""']))
        if msgid in tr and (fuzzy or not msgstr):
            msgstr = tr[msgid]
            fuzzy = False
        if not msgstr or fuzzy:
            missing.append(msgid)
        keep_flags = [re.sub(r",?\s*fuzzy", "", f) for f in flags] if not fuzzy else flags
        keep_flags = [f for f in keep_flags if f.strip() not in ("#,", "#")]
        new = comments + keep_flags
        if "msgctxt" in fields:
            new.append("msgctxt " + "\n".join(fields["msgctxt"]))
        new.append("msgid " + "\n".join(fields["msgid"]))
        new.append("msgstr " + quote(msgstr))
    out.append("\n".join(new))
open(po_path, "w", encoding="utf-8").write("\n\n".join(out))
print("missing:", len(missing))
for m in missing:
    print(" ", json.dumps(m, ensure_ascii=False))
