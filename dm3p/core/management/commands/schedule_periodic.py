from typing import Any

from django.core.management.base import BaseCommand

from dm3p.core.periodic import periodic_queue_missing


class Command(BaseCommand):
    help = "Queue the repeating background work (run after each deploy; safe to repeat)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in periodic_queue_missing():
            self.stdout.write(f"Queued {path}")
