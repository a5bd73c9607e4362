"""Casework demo (idempotent): the registries' data, then the plans' (each package's demo)."""

from django.db import transaction

from casework.plans import demo as plans_demo
from casework.registry import demo as registry_demo

DEMO_PEOPLE = registry_demo.DEMO_PEOPLE


@transaction.atomic
def seed() -> None:
    registry_demo.seed()
    plans_demo.seed()
