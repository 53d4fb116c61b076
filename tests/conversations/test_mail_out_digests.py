"""Daily and weekly digests: what a member follows and may still read, posted since their
last digest, thread by thread; none when nothing is new; never twice for the same posts."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dm3p.accounts.models import User
from dm3p.conversations.enums import EmailRhythm, FollowLevel, SpaceAudience
from dm3p.conversations.models import EmailChoice
from dm3p.conversations.services.mail_out import digests_send
from dm3p.conversations.tasks import digests_hourly
from dm3p.core.hooks import PERIODIC_TASKS
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import emails_to, subjects_to, texts_to
from tests.factories import make_user
from tests.factories.conversations import (
    make_block,
    make_email_choice,
    make_post,
    make_space,
    make_space_member,
    make_subscription,
    make_thread,
)
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

DAY = dt.timedelta(days=1)


def member(name: str, rhythm: EmailRhythm = EmailRhythm.DAILY) -> User:
    person = make_user(name=name, email=f"{name.lower()}@example.org")
    profile_ensure(user=person)
    make_email_choice(person=person, rhythm=rhythm, last_digest_at=ORDINARY - DAY)
    return person


def send(capture: Capture) -> int:
    with capture(execute=True):
        return digests_send()


def test_a_daily_digest_lists_new_posts_thread_by_thread(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    reader, writer = member("Rea"), member("Wri", EmailRhythm.AT_ONCE)
    followed = make_thread(title="Night shifts")
    space = make_space(name="Off topic")
    in_space = make_thread(space=space, title="Gardens")
    elsewhere = make_thread(title="Not followed")
    make_subscription(person=reader, thread=followed)
    make_subscription(person=reader, thread=None, space=space)
    for thread, body in [
        (followed, "SHIFT-ONE"),
        (in_space, "GARDEN-ONE"),
        (followed, "SHIFT-TWO"),
        (elsewhere, "ELSEWHERE"),
    ]:
        make_post(thread=thread, author=writer, body=body)
    make_post(thread=followed, author=reader, body="MY-OWN")
    assert send(django_capture_on_commit_callbacks) == 1
    [email] = emails_to(reader)
    text = f"{email.subject}\n{email.body}"
    assert text.startswith("3 new posts in conversations you follow\nSince your last digest:")
    assert text.index("Night shifts (2 new)") < text.index("Wri wrote: SHIFT-ONE")
    assert text.index("SHIFT-ONE") < text.index("SHIFT-TWO")
    assert "Gardens (1 new)" in text
    assert "GARDEN-ONE" in text
    assert "ELSEWHERE" not in text
    assert "MY-OWN" not in text
    assert "/account/conversations-email/" in text
    html = str(email.alternatives[0][0])
    assert html.count("<h2") == 2
    assert "<h1" in html
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Reply-To" not in email.extra_headers
    assert EmailChoice.objects.get(person=reader).last_digest_at == ORDINARY


def test_nothing_new_sends_nothing_and_running_twice_sends_once(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    quiet, busy = member("Qui"), member("Bus")
    thread = make_thread()
    make_subscription(person=busy, thread=thread)
    make_post(thread=thread, body="New")
    assert send(django_capture_on_commit_callbacks) == 1
    assert subjects_to(busy) == ["1 new post in conversations you follow"]
    assert send(django_capture_on_commit_callbacks) == 0
    assert texts_to(quiet) == []
    assert len(texts_to(busy)) == 1
    assert EmailChoice.objects.get(person=quiet).last_digest_at == ORDINARY


def test_weekly_digests_wait_a_week_and_hold_the_whole_week(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    weekly = member("Wee", EmailRhythm.WEEKLY)
    EmailChoice.objects.filter(person=weekly).update(last_digest_at=ORDINARY)
    thread = make_thread()
    make_subscription(person=weekly, thread=thread)
    for day in range(1, 8):
        with time_machine.travel(ORDINARY + day * DAY - dt.timedelta(hours=2)):
            make_post(thread=thread, body=f"DAY-{day}")
        with time_machine.travel(ORDINARY + day * DAY):
            send(django_capture_on_commit_callbacks)
    [email] = texts_to(weekly)
    assert all(f"DAY-{day}" in email for day in range(1, 8))


def test_muted_blocked_and_no_longer_visible_stay_out(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    reader, blocked = member("Rea"), member("Blo")
    space = make_space(audience=SpaceAudience.LISTED)
    make_space_member(space=space, person=blocked)
    left = make_thread(space=space, title="A list I left")
    muted = make_thread(space=make_space(), title="Muted")
    kept = make_thread(title="Kept")
    make_subscription(person=reader, thread=left)
    make_subscription(person=reader, thread=None, space=muted.space)
    make_subscription(person=reader, thread=muted, level=FollowLevel.MUTE)
    make_subscription(person=reader, thread=kept)
    make_block(blocker=reader, blocked=blocked)
    make_post(thread=left, author=blocked, body="LEFT-POST")
    make_post(thread=muted, body="MUTED-POST")
    make_post(thread=kept, author=blocked, body="BLOCKED-POST")
    make_post(thread=kept, body="KEPT-POST")
    send(django_capture_on_commit_callbacks)
    [email] = texts_to(reader)
    assert "KEPT-POST" in email
    assert not any(word in email for word in ("LEFT-POST", "MUTED-POST", "BLOCKED-POST"))


def test_digest_queries_do_not_grow_with_posts_and_threads(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    def queries(posts: int) -> int:
        reader = member(f"R{posts}")
        for _ in range(posts):
            thread = make_thread()
            make_subscription(person=reader, thread=thread)
            make_post(thread=thread)
            make_post(thread=thread)
        with CaptureQueriesContext(connection) as captured:
            assert send(django_capture_on_commit_callbacks) == 1
        return len(captured)

    assert queries(1) == queries(5)


def test_the_digest_task_repeats_every_hour(django_capture_on_commit_callbacks: Capture) -> None:
    [entry] = [entry for entry in PERIODIC_TASKS if entry.task == digests_hourly]
    assert entry.every == dt.timedelta(hours=1)
    reader = member("Rea")
    thread = make_thread()
    make_subscription(person=reader, thread=thread)
    make_post(thread=thread, body="By the task")
    with django_capture_on_commit_callbacks(execute=True):
        digests_hourly.enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    assert "By the task" in texts_to(reader)[0]
