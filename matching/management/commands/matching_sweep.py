from django.core.management.base import BaseCommand

from matching.services import eligibility_sweep


class Command(BaseCommand):
    help = "Run the eligibility sweep now (it also runs daily through Celery beat)."

    def handle(self, *args, **options):
        counts = eligibility_sweep()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
