"""`manage.py restore backups/<timestamp>`: a backup into an EMPTY database (DATABASE_URL)
and empty media folders (portal.lib.backup; `make restore BACKUP=backups/<timestamp>`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.lib.backup import BackupError, restore, server_major


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and empty media folders."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder made by `manage.py backup`")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not (folder / "manifest.json").exists():
            raise CommandError(f"{folder} is not a backup folder (no manifest.json).")
        tables = connection.introspection.table_names()
        try:
            restore(
                folder=folder,
                db=connection.settings_dict,
                server_major=server_major(),
                tables=len(tables),
                media=Path(settings.MEDIA_ROOT),
                private=Path(settings.PRIVATE_MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {folder} into {connection.settings_dict['NAME']}")
