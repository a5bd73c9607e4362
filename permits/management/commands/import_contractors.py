from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from permits.importer import ImportErrors, contractors_import, parse


class Command(BaseCommand):
    help = (
        "Import the city's existing contractors from a CSV (legal_name, email, phone, address, "
        "city, province, postal_code, past_applications) and e-mail each its PIN once. "
        "All or nothing; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--check", action="store_true", help="Validate only.")

    def handle(self, *args, csv_path, check=False, **options):
        try:
            text = Path(csv_path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {csv_path}: {error}") from None
        try:
            rows = parse(text)
            if check:
                self.stdout.write(f"{len(rows)} rows are valid.")
                return
            result = contractors_import(rows=rows)
        except ImportErrors as error:
            raise CommandError("nothing imported:\n" + "\n".join(error.errors)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} accounts created, {result.existing} already there, "
                f"{result.applications} past applications added."
            )
        )
