"""C10: the French message file covers every string in the code and templates."""

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
    """Extract strings afresh into a copy of the tree: nothing may be new, fuzzy or empty."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    env = {**os.environ, "LOCAL_DIR": str(ROOT / ".local")}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-location",
            "--ignore=tests",
            "--ignore=bench",
            "--ignore=.venv",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    po = copy / "locale/fr/LC_MESSAGES/django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)], capture_output=True, text=True
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)], capture_output=True, text=True
    ).stdout
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (
        result.stderr + "\nRun `make messages` and translate:\n" + untranslated + fuzzy
    )
