from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from credentials.services import RegistryImportError, registry_import


class Command(BaseCommand):
    help = "Import the public operator list (CSV). All or nothing: any bad row aborts it."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            report = registry_import(text=text, file_name=path.name)
        except RegistryImportError as error:
            for line, message in error.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError("Nothing imported.") from error
        self.stdout.write(
            f"{report.rows} rows: {report.added} added, {report.changed} changed, "
            f"{report.removed} removed"
        )
