"""Work core queues for later: each new outbox e-mail is sent by a task once it commits
(services write the outbox and never import tasks)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from dm3p.core.hooks import DEFAULTS_STEPS, DEMO_STEPS, DefaultsStep, DemoOptions, DemoStep
from dm3p.core.models import OutboundEmail
from dm3p.core.search_index import search_index_fill, search_index_rebuild
from dm3p.core.tasks import email_send


def email_send_queue(sender: Any, instance: OutboundEmail, created: bool, **kwargs: Any) -> None:
    if created:
        transaction.on_commit(lambda: email_send.enqueue(instance.pk))


def search_index_demo(options: DemoOptions) -> None:
    """The demo's search finds all its data, however each step wrote it."""
    counts = search_index_rebuild()
    options.say(f"Search index: {sum(counts.values())} entries.")


def connect() -> None:
    post_save.connect(email_send_queue, sender=OutboundEmail, dispatch_uid="core-email-send")
    # search: after every other step, so search finds what they made.
    DEFAULTS_STEPS.register(DefaultsStep(order=999, name="search index", fill=search_index_fill))
    DEMO_STEPS.register(DemoStep(order=999, name="search index", run=search_index_demo))
