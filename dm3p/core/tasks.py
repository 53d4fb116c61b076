import base64
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dm3p.core.bounce_addresses import bounce_address_make
from dm3p.core.enums import EmailStatus
from dm3p.core.hooks import EMAIL_ADDRESS_STOPPED, EMAIL_KINDS
from dm3p.core.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def _address_stopped(email: OutboundEmail) -> bool:
    """Mail to the address bounced again and again, and this is no security e-mail."""
    kind = EMAIL_KINDS.get(email.kind)
    if kind is not None and kind.security:
        return False
    return any(stopped(email.to_address.lower()) for stopped in EMAIL_ADDRESS_STOPPED)


@task()
def email_send(outbound_email_id: int) -> None:
    """Send one outbox e-mail. Safe to run twice: a sent e-mail is never sent again."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=outbound_email_id, status=EmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return
        if _address_stopped(email):
            email.status = EmailStatus.SKIPPED
            email.last_error = "Not sent: mail to this address bounced again and again."
            email.subject = email.text_body = email.html_body = email.attachments = None
            email.save()
            return
        # The envelope sender is the recipient's bounce address, so reports of failed
        # delivery can be proved; people see the site's address in From.
        message = EmailMultiAlternatives(
            subject=email.subject or "",
            body=email.text_body or "",
            from_email=bounce_address_make(to_address=email.to_address),
            to=[email.to_address],
            headers={
                "From": settings.DEFAULT_FROM_EMAIL,
                "Message-ID": email.message_id,
                **json.loads(email.headers or "{}"),
            },
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in json.loads(email.attachments or "[]"):
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment["mimetype"],
            )
        email.attempts += 1
        try:
            message.send()
        except OSError as error:
            email.last_error = f"{type(error).__name__}: {error}"[:300]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
                logger.error(
                    "Gave up sending e-mail %s after %s attempts", email.pk, email.attempts
                )
            email.save(update_fields=["attempts", "last_error", "status"])
            if email.status == EmailStatus.QUEUED:
                retry_at = timezone.now() + timedelta(minutes=2**email.attempts)
                transaction.on_commit(
                    lambda: email_send.using(run_after=retry_at).enqueue(outbound_email_id)
                )
            return
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        # Keep the record that it was sent, not what it said.
        email.subject = email.text_body = email.html_body = email.attachments = None
        email.headers = None
        email.last_error = ""
        email.save()


def email_outbox_recover() -> int:
    """Queue a send for each waiting outbox e-mail that nothing is going to send: its worker
    died while sending it, or its process stopped between the commit and queueing the task.

    Safe beside running workers: an e-mail being sent right now is locked and skipped (on
    SQLite the sender holds the write lock, so this waits for it), a spare task finds the
    e-mail sent and does nothing, and an e-mail waiting for a retry keeps its time.
    Returns how many were queued.
    """
    with transaction.atomic():
        waiting = {
            args_kwargs["args"][0]
            for args_kwargs in DBTaskResult.objects.filter(
                task_path=email_send.module_path, status="READY"
            ).values_list("args_kwargs", flat=True)
        }
        stranded = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(status=EmailStatus.QUEUED)
            .exclude(pk__in=waiting)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in stranded:
            email_send.enqueue(pk)
    return len(stranded)
