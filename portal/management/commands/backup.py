"""`manage.py backup [--into backups]`: the database and the uploaded files, into
backups/<UTC timestamp>/ (portal.lib.backup; `make backup`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.lib.backup import BackupError, backup, server_major


class Command(BaseCommand):
    help = "Back up the database and the public and private uploads into backups/<timestamp>/."

    def add_arguments(self, parser):
        parser.add_argument("--into", default="backups", help="parent folder (default: backups)")

    def handle(self, *args, **options):
        try:
            folder = backup(
                db=connection.settings_dict,
                server_major=server_major(),
                media=Path(settings.MEDIA_ROOT),
                private=Path(settings.PRIVATE_MEDIA_ROOT),
                into=Path(options["into"]),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
