"""Conversations' work for the task worker."""

from django.tasks import task

from dm3p.conversations.services.inbound import inbound_mail_purge
from dm3p.conversations.services.mail_out import digests_send, post_notifications_send
from dm3p.core.periodic import periodic_queue_next


@task()
def post_notify(post_id: int) -> int:
    """E-mail those who chose to hear at once about a new post."""
    return post_notifications_send(post_id=post_id)


@task()
def digests_hourly() -> int:
    """Send the daily and weekly digests that are due."""
    sent = digests_send()
    periodic_queue_next(digests_hourly)
    return sent


@task()
def inbound_mail_purge_daily() -> int:
    """Delete the e-mails received at reply addresses once kept long enough, every day."""
    deleted = inbound_mail_purge()
    periodic_queue_next(inbound_mail_purge_daily)
    return deleted
