"""A reply by e-mail answers the post whose notification it replies to: the e-mail about a
post carries a Message-ID that names the post to the site only, and the reply's
In-Reply-To brings it back, through the mail server's pipe (``manage.py receive_email``)."""

import io
import re
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.services.posting import post_add
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import emails_to
from tests.factories import make_user
from tests.factories.conversations import make_subscription, make_thread
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str) -> User:
    person = make_user(name=name, email=f"{name.lower()}@example.org")
    profile_ensure(user=person)
    return person


def written(capture: Capture, *, thread: Thread, author: User, body: str) -> Post:
    """A post written as the site writes it, its notification e-mails sent."""
    with capture(execute=True), transaction.atomic():
        post = post_add(thread=thread, author=author, body=body)
    with capture(execute=True):
        run_queued_tasks()
    return post


def reply_to_email(person: User, *, about: Post, text: str) -> bytes:
    """``person``'s mail program answering the last e-mail they got about ``about``'s
    thread: to its Reply-To, with In-Reply-To and References from its headers."""
    [notification] = [
        email.message() for email in emails_to(person) if str(about.body) in str(email.body)
    ]
    reply = EmailMessage()
    reply["From"] = f"{person.display_name} <{person.email}>"
    reply["To"] = notification["Reply-To"]
    reply["Subject"] = f"Re: {notification['Subject']}"
    reply["Message-ID"] = "<reply-1@mail.example.net>"
    reply["In-Reply-To"] = notification["Message-ID"]
    reply["References"] = f"{notification['References']} {notification['Message-ID']}"
    reply.set_content(f"{text}\n\nOn Monday, the site wrote:\n> {about.body}\n")
    return reply.as_bytes()


def receive_by_pipe(raw: bytes) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(SystemExit) as exit:
        call_command("receive_email", stdin=io.BytesIO(raw), stderr=io.StringIO())
    assert exit.value.code in (0, None)


def test_a_reply_by_email_answers_the_post_the_email_was_about(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    ana, mei = member("Ana"), member("Mei")
    thread = make_thread(title="Quiet rooms")
    make_subscription(person=mei, thread=thread)
    written(django_capture_on_commit_callbacks, thread=thread, author=ana, body="Any?")
    asked = written(
        django_capture_on_commit_callbacks, thread=thread, author=ana, body="Tips for naps?"
    )
    receive_by_pipe(reply_to_email(mei, about=asked, text="Ask for the staff room."))
    reply = Post.objects.get(author=mei)
    assert (reply.body, reply.thread, reply.reply_to) == ("Ask for the staff room.", thread, asked)
    # The e-mail named the post to the site alone: an opaque id, not its number.
    [about_asked] = [e for e in emails_to(mei) if "Tips for naps?" in str(e.body)]
    message_id = about_asked.message()["Message-ID"]
    assert re.fullmatch(rf"<post\.[0-9a-f]{{32}}@{re.escape(settings.SITE_DOMAIN)}>", message_id)


def test_a_reply_to_a_post_the_person_can_no_longer_read_answers_no_post(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    ana, mei = member("Ana"), member("Mei")
    thread = make_thread(title="Quiet rooms")
    make_subscription(person=mei, thread=thread)
    asked = written(
        django_capture_on_commit_callbacks, thread=thread, author=ana, body="Tips for naps?"
    )
    raw = reply_to_email(mei, about=asked, text="Ask for the staff room.")
    Post.objects.filter(pk=asked.pk).update(state=PostState.HIDDEN)  # hidden by a moderator
    receive_by_pipe(raw)
    reply = Post.objects.get(author=mei)
    assert (reply.thread, reply.reply_to) == (thread, None)
