from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dm3p.core.backup import BackupError, site_restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database, and the uploaded files, with a backup made by "
        "the backup command."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="The backup file.")
        parser.add_argument(
            "--yes-replace-everything",
            action="store_true",
            help="Confirm that the database's and MEDIA_ROOT's current contents may be replaced.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes_replace_everything"]:
            raise CommandError(
                "Restoring replaces everything in the database and the uploaded files. Stop "
                "the site, then run again with --yes-replace-everything."
            )
        try:
            site_restore(source=Path(options["source"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and uploaded files from {options['source']}")
