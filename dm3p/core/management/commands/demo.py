import os
import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from dm3p.core.defaults import defaults_fill
from dm3p.core.demo import demo_steps_in_order
from dm3p.core.hooks import DemoOptions


class Command(BaseCommand):
    help = (
        "Create or refresh the demo site's content and one account per role, on top of "
        "the starting lists and pages that manage.py setup gives every site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="Password for the demo accounts (default: $DEMO_PASSWORD, else a random one).",
        )
        parser.add_argument(
            "--members",
            type=int,
            default=0,
            help="Also generate this many members with realistic profiles (up to 5000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = (
            options["password"] or os.environ.get("DEMO_PASSWORD") or (secrets.token_urlsafe(12))
        )
        members = max(0, min(int(options["members"]), 5000))
        demo = DemoOptions(password=password, members=members)
        # The demo builds on what every new site starts with (manage.py setup).
        defaults_fill()
        self.stdout.write("  done: starting lists and pages (as manage.py setup)")
        for step in demo_steps_in_order():
            with transaction.atomic():
                step.run(demo)
            self.stdout.write(f"  done: {step.name}")
        self.stdout.write("")
        for line in demo.report:
            self.stdout.write(line)
