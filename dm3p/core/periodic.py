"""Work that repeats (such as deleting expired data): the ``PERIODIC_TASKS`` hook
(``dm3p.core.hooks``) holds each task and its interval.

``manage.py schedule_periodic`` queues each one that is not already waiting; each run queues
the next with ``run_after``. The queue lives in the database, so this holds across restarts.
"""

from typing import Any

from django.tasks import Task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dm3p.core.hooks import PERIODIC_TASKS


def _waiting(task: Task[Any, Any]) -> bool:
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()


def periodic_queue_missing() -> list[str]:
    """Queue every periodic task that has no run waiting; returns what was queued."""
    queued = []
    for periodic in PERIODIC_TASKS:
        if not _waiting(periodic.task):
            periodic.task.enqueue()
            queued.append(periodic.task.module_path)
    return queued


def periodic_queue_next(task: Task[Any, Any]) -> None:
    """Called at the end of a periodic task's run: queue its next run."""
    periodic = next(entry for entry in PERIODIC_TASKS if entry.task.module_path == task.module_path)
    if not _waiting(task):
        task.using(run_after=timezone.now() + periodic.every).enqueue()
