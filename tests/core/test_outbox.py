import smtplib
from datetime import timedelta
from typing import cast

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dm3p.core.enums import EmailStatus
from dm3p.core.hooks import EMAIL_KINDS, EmailKind
from dm3p.core.models import OutboundEmail
from dm3p.core.services import Attachment, email_queue
from dm3p.core.tasks import MAX_ATTEMPTS, email_outbox_recover, email_send
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

NEWS = EmailKind(key="test-news", label="News", description="News from the organizers.")


@pytest.fixture
def news_kind() -> object:
    EMAIL_KINDS.register(NEWS)
    yield NEWS
    EMAIL_KINDS.unregister(NEWS)


def queue_welcome(key: str = "welcome:1", **extra: object) -> OutboundEmail | None:
    return email_queue(
        key=key,
        kind="security",
        to_address="someone@example.org",
        subject="Welcome",
        text_body="Hello in plain text",
        html_body="<p>Hello in HTML</p>",
        **extra,  # type: ignore[arg-type]
    )


def test_email_queue_sends_once_after_commit(django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queue_welcome()
    assert mail.outbox == []
    assert run_queued_tasks() == 1
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["someone@example.org"], "Welcome", "Hello in plain text")
    ]
    message = cast(EmailMultiAlternatives, mail.outbox[0])
    assert message.alternatives[0][0] == "<p>Hello in HTML</p>"


def test_email_queue_same_key_is_queued_once(django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queue_welcome()
        queue_welcome()
    run_queued_tasks()
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_email_send_task_run_twice_sends_nothing_more(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
    run_queued_tasks()
    from dm3p.core.tasks import email_send

    assert email is not None
    email_send.call(email.pk)
    assert len(mail.outbox) == 1


def test_email_sent_keeps_no_content(django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
    run_queued_tasks()
    assert email is not None
    email.refresh_from_db()
    assert (email.status, email.subject, email.text_body, email.html_body) == (
        EmailStatus.SENT,
        None,
        None,
        None,
    )
    assert email.sent_at is not None


def test_email_not_queued_when_recipient_turned_kind_off(news_kind: object) -> None:
    user = make_user()
    make_email_opt_out(user=user, kind=NEWS.key)
    result = email_queue(
        key="news:1",
        kind=NEWS.key,
        to_address=user.email,
        recipient=user,
        subject="News",
        text_body="Body",
    )
    assert result is None
    assert OutboundEmail.objects.count() == 0


def test_security_email_sent_even_if_opted_out() -> None:
    user = make_user()
    make_email_opt_out(user=user, kind="security")
    assert queue_welcome(recipient=user) is not None


def test_email_queue_unknown_kind_is_refused() -> None:
    with pytest.raises(LookupError):
        email_queue(
            key="x", kind="no-such-kind", to_address="a@example.org", subject="s", text_body="b"
        )


def test_email_attachment_arrives(django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queue_welcome(attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    run_queued_tasks()
    assert mail.outbox[0].attachments[0][:2] == ("event.ics", "BEGIN:VCALENDAR")


def test_email_rolled_back_with_its_transaction(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_welcome()
                raise RuntimeError("the cause failed")
        except RuntimeError:
            pass
    assert OutboundEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_email_smtp_failure_is_retried_later(
    django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: object, messages: object) -> int:
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    assert email is not None
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error == "SMTPServerDisconnected: connection lost"
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry is not None
    assert retry.run_after is not None
    assert retry.run_after > timezone.now() + timedelta(seconds=90)


def test_email_gives_up_after_max_attempts(
    django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: object, messages: object) -> int:
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
    assert email is not None
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)
    run_queued_tasks()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)


def test_email_message_id_same_on_every_attempt(
    django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []

    def refuse(self: object, messages: list[EmailMultiAlternatives]) -> int:
        tried.append(str(messages[0].message()["Message-ID"]))
        raise smtplib.SMTPServerDisconnected("connection lost")

    with django_capture_on_commit_callbacks(execute=True):
        email = queue_welcome()
    assert email is not None
    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        email_send.call(email.pk)
    email_send.call(email.pk)
    email.refresh_from_db()
    sent_id = str(mail.outbox[0].message()["Message-ID"])
    assert sent_id == tried[0] == email.message_id
    assert sent_id.startswith(f"<outbox.{email.pk}.")
    assert sent_id.endswith(f"@{settings.SITE_DOMAIN}>")
    assert "welcome" not in sent_id


def test_email_outbox_recover_queues_only_emails_nothing_will_send(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        waiting = queue_welcome("welcome:waiting")
        stranded = queue_welcome("welcome:stranded")
        retrying = queue_welcome("welcome:retrying")
        sent = queue_welcome("welcome:sent")
    assert waiting is not None
    assert stranded is not None
    assert retrying is not None
    assert sent is not None
    tasks = {task.args_kwargs["args"][0]: task for task in DBTaskResult.objects.all()}
    # The worker sending it died: its task stays "running" for ever.
    tasks[stranded.pk].claim("a-worker-that-died")
    tasks[retrying.pk].run_after = timezone.now() + timedelta(minutes=8)
    tasks[retrying.pk].save()
    tasks[sent.pk].delete()
    OutboundEmail.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT)

    assert email_outbox_recover() == 1
    assert email_outbox_recover() == 0
    assert run_queued_tasks() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["someone@example.org"] * 2
    assert dict(OutboundEmail.objects.values_list("key", "status")) == {
        "welcome:waiting": EmailStatus.SENT,
        "welcome:stranded": EmailStatus.SENT,
        "welcome:retrying": EmailStatus.QUEUED,
        "welcome:sent": EmailStatus.SENT,
    }
