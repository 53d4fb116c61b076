"""The task worker: ``manage.py worker``. Run one or more beside the web servers.

It runs django-tasks-db's worker loop and adds what a production site needs from it:

- When the database cannot be reached it says so in one plain line, waits (longer each time,
  up to a limit) and carries on once the database is back, instead of stopping.
- At start, after an outage and every few minutes it queues again the outbox e-mails whose
  sending was cut off (a worker killed mid-send) and the repeating tasks that lost their
  next run, so nothing waits forever.
"""

import contextlib
import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections
from django.utils.crypto import get_random_string
from django.utils.translation import ngettext
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.utils import is_locked_database_exception

from dm3p.core.periodic import periodic_queue_missing
from dm3p.core.tasks import email_outbox_recover

logger = logging.getLogger("dm3p.worker")

# Tasks run between two looks at the clock (for the recovery sweep and a clean stop).
TASKS_PER_ROUND = 50
LONGEST_WAIT_S = 30.0


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(OperationalError, InterfaceError):
            connection.close()


class Command(BaseCommand):
    help = (
        "Run the task worker (sends the outbox's e-mails, runs matching and repeating work). "
        "It waits out database outages and picks up work cut off by a crash."
    )
    # The checks read the database: a worker started while it is down must wait, not stop.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when there is nothing to do (default 1).",
        )
        parser.add_argument(
            "--recover-every",
            type=float,
            default=300.0,
            help="Seconds between looks for e-mails and repeating tasks that nothing will run "
            "(default 300).",
        )
        parser.add_argument(
            "--worker-id",
            default="",
            help="A name for this worker, unique among the workers (default: random).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval: float = options["interval"]
        recover_every: float = options["recover_every"]
        worker_id: str = options["worker_id"] or get_random_string(32)
        logger.info("Worker %s started.", worker_id)
        recover_due = time.monotonic()
        wait = 0.0
        while True:
            worker = Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=TASKS_PER_ROUND,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            # Ctrl+C or SIGTERM: stop after the current task, or at once while waiting.
            worker.configure_signals()
            try:
                if time.monotonic() >= recover_due:
                    self._recover()
                    recover_due = time.monotonic() + recover_every
                if wait:
                    logger.warning("The database is back; the worker carries on.")
                    wait = 0.0
                worker.run()
            except (OperationalError, InterfaceError) as error:
                if (
                    isinstance(error, OperationalError)
                    and error.args
                    and is_locked_database_exception(error)
                ):
                    # SQLite busy with another writer: not an outage; try again shortly.
                    time.sleep(interval)
                    continue
                wait = self._wait_for_database(error, wait)
                recover_due = time.monotonic()
                continue
            if not worker.running:
                return
            if worker._run_tasks < TASKS_PER_ROUND:
                time.sleep(interval)

    def _wait_for_database(self, error: Exception, wait: float) -> float:
        """Say plainly that the database cannot be reached, wait longer each time, and
        return how long it waited."""
        _close_connections()
        wait = min(max(wait * 2, 1.0), LONGEST_WAIT_S)
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        logger.warning(
            "The database cannot be reached (%s: %s). Trying again in %.0f s.",
            type(error).__name__,
            reason,
            wait,
        )
        time.sleep(wait)
        return wait

    def _recover(self) -> None:
        emails = email_outbox_recover()
        repeating = periodic_queue_missing()
        if emails:
            logger.warning(
                ngettext(
                    "Queued again %s e-mail whose sending was cut off.",
                    "Queued again %s e-mails whose sending was cut off.",
                    emails,
                ),
                emails,
            )
        if repeating:
            logger.warning("Queued again repeating work: %s.", ", ".join(repeating))
