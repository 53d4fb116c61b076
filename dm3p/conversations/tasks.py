"""Conversations' work for the task worker."""

from django.tasks import task

from dm3p.conversations.services.inbound import inbound_mail_purge
from dm3p.core.periodic import periodic_queue_next


@task()
def inbound_mail_purge_daily() -> int:
    """Delete the e-mails received at reply addresses once kept long enough, every day."""
    deleted = inbound_mail_purge()
    periodic_queue_next(inbound_mail_purge_daily)
    return deleted
