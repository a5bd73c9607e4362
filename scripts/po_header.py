"""Give a new French message file a proper header (makemessages leaves a fuzzy template
header, which gettext then ignores) and a blank line after it."""

import re
import sys
from pathlib import Path

HEADER = """# French translations of the portal.
msgid ""
msgstr ""
"Project-Id-Version: portal\\n"
"Report-Msgid-Bugs-To: \\n"
"Language-Team: French\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""

for path in sys.argv[1:]:
    text = Path(path).read_text(encoding="utf-8")
    match = re.match(r'(?s)(?:#[^\n]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*"\n)*', text)
    if not match or "Language: fr" in match.group(0):
        continue
    rest = text[match.end() :].lstrip("\n")
    Path(path).write_text(HEADER + "\n" + rest, encoding="utf-8")
