from django.tasks import task

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
