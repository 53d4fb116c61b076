from typing import Any

from django.core.management.base import BaseCommand

from dm3p.core.defaults import defaults_fill


class Command(BaseCommand):
    help = (
        "Give a new site its starting lists (professions, stages, topics, kinds of support, "
        "ways of communicating) and public pages. Run it after every migrate: it fills only "
        "lists that are still empty, so it never changes what organizers edited."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, added in defaults_fill():
            if added:
                self.stdout.write(f"  {name}: added {added}")
            else:
                self.stdout.write(f"  {name}: already there, left as it is")
