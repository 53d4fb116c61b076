from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dm3p.core.backup import BackupError, site_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) to one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "destination",
            nargs="?",
            help="File to write (default: backups/dm3p-<date and time>.tar).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        destination = Path(options["destination"] or f"backups/dm3p-{stamp}.tar")
        try:
            written = site_backup(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database and uploaded files to {written}")
