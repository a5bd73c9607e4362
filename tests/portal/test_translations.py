"""C10: the French message files cover every string in the code and templates."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".venv", ".local", ".git", "*_cache", "__pycache__", "node_modules")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is installed by scripts/")
def test_french_messages_are_complete(tmp_path):
    """Extract strings afresh into a copy of the tree (scripts/makemessages, as `make
    messages` does): in every message file nothing may be new, fuzzy or empty."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    env = {**os.environ, "LOCAL_DIR": str(ROOT / ".local"), "PYTHON": sys.executable}
    subprocess.run(
        ["bash", "scripts/makemessages"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    problems = []
    for po in sorted(copy.glob("**/locale/fr/LC_MESSAGES/django.po")):
        result = subprocess.run(
            ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=True,
        )
        if "untranslated" in result.stderr or "fuzzy" in result.stderr:
            todo = subprocess.run(
                ["msgattrib", "--untranslated", "--only-fuzzy", "--no-obsolete", str(po)],
                capture_output=True,
                text=True,
            ).stdout
            untranslated = subprocess.run(
                ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
                capture_output=True,
                text=True,
            ).stdout
            problems.append(f"{po.relative_to(copy)}: {result.stderr}{untranslated}{todo}")
    assert not problems, "Run `make messages` and translate:\n" + "\n".join(problems)
