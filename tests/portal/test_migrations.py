"""The migrations match the models and stay one line per app (issue 16)."""

from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

PROJECT_APPS = ["portal", "accounts", "credentials", "matching", "jobboard", "licensing"]
PROJECT_APPS += ["permits", "casework", "billing"]


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    # --check exits with status 1 when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("label", PROJECT_APPS)
def test_each_app_has_one_line_of_migrations(label):
    folder = Path(apps.get_app_config(label).path) / "migrations"
    names = sorted(p.stem for p in folder.glob("0*.py"))
    numbers = Counter(name[:4] for name in names)
    assert names and names[0] == "0001_initial"
    assert [n for n, count in numbers.items() if count > 1] == [], names
    assert not [name for name in names if "merge" in name], names
