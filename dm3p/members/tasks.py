from django.tasks import task

from dm3p.core.periodic import periodic_queue_next
from dm3p.members.services import applications_purge


@task()
def applications_purge_daily() -> int:
    """Delete declined and abandoned applications past the retention period, every day."""
    deleted = applications_purge()
    periodic_queue_next(applications_purge_daily)
    return deleted
