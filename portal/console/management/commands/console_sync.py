from django.core.management.base import BaseCommand

from portal.console.services import work_reconcile


class Command(BaseCommand):
    help = "Bring the offices' work queue in line with what waits in each service."

    def handle(self, *args, **options):
        for key, (opened, closed) in work_reconcile().items():
            self.stdout.write(f"{key}: {opened} opened, {closed} closed")
