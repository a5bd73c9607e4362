"""Reference data normally written by migrations (types, classes, regions). Transactional
tests flush every table, so tests that may run after one write it again (idempotent)."""

from importlib import import_module

from django.apps import apps


def ensure_reference_data() -> None:
    import_module("credentials.migrations.0002_water_operator_types").forwards(apps, None)
    import_module("matching.migrations.0002_ontario_regions").forwards(apps, None)
