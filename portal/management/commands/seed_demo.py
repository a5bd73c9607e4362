import logging
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo import DEMO_PASSWORD, seed_accounts, seed_core


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        with _quiet("portal.security"):  # the demo's staff decisions are not real ones
            accounts = self._seed()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        width = max(len(a.email) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.email.ljust(width)}  {account.kind}")
        self.stdout.write(f"Portal: {settings.SITE_URL}/fr/  ·  {settings.SITE_URL}/en/")

    def _seed(self) -> list:
        accounts = seed_accounts()
        seed_core()
        # Each app with a demo.py module adds its own data with seed() (idempotent too).
        for config in apps.get_app_configs():
            if config.name in {"portal"}:
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            module.seed()
            # An app may list the people it adds (DEMO_PEOPLE), printed with the others.
            accounts += [a for a in getattr(module, "DEMO_PEOPLE", []) if a not in accounts]
        return accounts


@contextmanager
def _quiet(name: str):
    """Only warnings from logger `name` while the block runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
