"""Work core queues for later: each new outbox e-mail is sent by a task once it commits
(services write the outbox and never import tasks)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from dm3p.core.models import OutboundEmail
from dm3p.core.tasks import email_send


def email_send_queue(sender: Any, instance: OutboundEmail, created: bool, **kwargs: Any) -> None:
    if created:
        transaction.on_commit(lambda: email_send.enqueue(instance.pk))


def connect() -> None:
    post_save.connect(email_send_queue, sender=OutboundEmail, dispatch_uid="core-email-send")
