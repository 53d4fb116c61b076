from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dm3p.core.search_index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Build the search index afresh from everything the site holds (or only the kinds "
        "named, such as posts). Safe to run at any time; searches made meanwhile see the "
        "old index until it is done."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kinds", nargs="*", help="Only these kinds (posts, pages, ...).")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = search_index_rebuild(kinds=options["kinds"] or None)
        for kind, count in counts.items():
            self.stdout.write(f"  {kind}: {count} indexed")
