"""Today's messages become direct conversations, with their history: who wrote what and
when, what each person had read, what a block withheld, and what was reported."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from dm3p.conversations.models import Post, Report, Thread, ThreadParticipant, ThreadRead
from dm3p.conversations.selectors.access import posts_visible_to
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_conversation, make_message, make_report

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

migration = importlib.import_module("dm3p.conversations.migrations.0007_direct")


def test_a_conversation_becomes_a_thread_with_its_posts_in_order() -> None:
    ann, bea = make_user(name="Ann"), make_user(name="Bea")
    start = timezone.now() - dt.timedelta(days=3)
    first = make_message(sender=ann, recipient=bea, body="Hello Bea.")
    second = make_message(sender=bea, recipient=ann, body="Hello Ann.")
    for index, message in enumerate([first, second]):
        type(message).objects.filter(pk=message.pk).update(
            created_at=start + dt.timedelta(hours=index)
        )

    migration.messages_to_threads(apps)

    thread = Thread.objects.get()
    assert thread.space is None
    assert {p.person_id for p in ThreadParticipant.objects.filter(thread=thread)} == {
        ann.pk,
        bea.pk,
    }
    posts = list(Post.objects.filter(thread=thread).order_by("id"))
    assert [(p.author_id, p.body, p.legacy_message_id) for p in posts] == [
        (ann.pk, "Hello Bea.", first.pk),
        (bea.pk, "Hello Ann.", second.pk),
    ]
    assert [p.created_at for p in posts] == [start, start + dt.timedelta(hours=1)]
    assert (thread.post_count, thread.last_post_id) == (2, posts[1].pk)
    assert thread.last_post_at == start + dt.timedelta(hours=1)


def test_a_message_withheld_by_a_block_stays_its_senders_only() -> None:
    ann, bea = make_user(), make_user()
    make_message(sender=ann, recipient=bea, body="Before the block.")
    make_message(sender=ann, recipient=bea, body="After the block.", delivered=False)

    migration.messages_to_threads(apps)

    def bodies(viewer: object) -> list[str]:
        return [p.body or "" for p in posts_visible_to(viewer=viewer).order_by("id")]

    assert bodies(ann) == ["Before the block.", "After the block."]
    assert bodies(bea) == ["Before the block."]


def test_reading_places_and_reports_follow_the_messages() -> None:
    ann, bea = make_user(), make_user()
    read = make_message(sender=ann, recipient=bea, read_at=timezone.now())
    unread = make_message(sender=ann, recipient=bea)
    report = make_report(reporter=bea, about=ann, message=read)

    migration.messages_to_threads(apps)

    post_read = Post.objects.get(legacy_message_id=read.pk)
    assert Post.objects.get(legacy_message_id=unread.pk).pk > post_read.pk
    assert ThreadRead.objects.get(person=bea).last_read_post_id == post_read.pk
    assert ThreadRead.objects.get(person=ann).last_read_post_id == Thread.objects.get().last_post_id
    report.refresh_from_db()
    assert report.post == post_read
    assert Report.objects.get().message_id == read.pk  # the old link stays


def test_a_deleted_account_is_left_out_and_an_empty_conversation_is_skipped() -> None:
    ann, gone = make_user(), make_user()
    make_message(sender=gone, recipient=ann)
    gone.delete()
    make_conversation()

    migration.messages_to_threads(apps)

    thread = Thread.objects.get()
    assert [p.person_id for p in ThreadParticipant.objects.filter(thread=thread)] == [ann.pk]
    assert Post.objects.get().author is None
