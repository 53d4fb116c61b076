"""Who hears about a new post by e-mail at once, and what the e-mail carries: the post, a
link, reply and unsubscribe headers. Never the writer, never someone who muted the thread,
blocked the writer, or can no longer see the thread; only posts others can read."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.enums import EmailRhythm, FollowLevel, PostState, SpaceAudience
from dm3p.conversations.models import Mention, Post, Thread
from dm3p.conversations.services.posting import post_add
from dm3p.conversations.services.reply_addresses import reply_token_find
from dm3p.core.models import OutboundEmail
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import emails_to, texts_to
from tests.factories import make_user
from tests.factories.conversations import (
    make_block,
    make_email_choice,
    make_space,
    make_space_member,
    make_subscription,
    make_thread,
    make_thread_participant,
)
from tests.factories.core import make_email_opt_out
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

Write = Callable[..., Post]


def member(name: str) -> User:
    person = make_user(name=name, email=f"{name.lower()}@example.org")
    profile_ensure(user=person)
    return person


@pytest.fixture
def write(django_capture_on_commit_callbacks: Capture) -> Write:
    """Write a post as the site does (mentioning ``mentions``), then let the worker tell
    people: it queues the e-mails, which ``emails_to`` then sends."""

    def written(*, mentions: tuple[User, ...] = (), **fields: object) -> Post:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            post = post_add(**fields)  # type: ignore[arg-type]
            for person in mentions:
                Mention.objects.create(post=post, person=person)
        with django_capture_on_commit_callbacks(execute=True):
            run_queued_tasks()
        return post

    return written


def test_mentioned_replied_to_and_followers_each_hear_once(write: Write) -> None:
    ana, ben, cai, dee, eve = (member(name) for name in ("Ana", "Ben", "Cai", "Dee", "Eve"))
    space = make_space(name="Night shift")
    thread = make_thread(space=space, title="Resting on call")
    make_subscription(person=cai, thread=thread)
    make_subscription(person=dee, thread=None, space=space)
    make_subscription(person=ben, thread=thread)
    first = write(thread=thread, author=ben, body="Where do you rest?")
    write(thread=thread, author=ana, body="In the car, @Eve too.", reply_to=first, mentions=(eve,))
    assert texts_to(eve) == [
        f"Ana in “Resting on call”\nAna mentioned you in {space.name}.\n\n"
        "In the car, @Eve too.\n\n"
        f"Read it on the site: {settings.SITE_URL}/conversations/posts/{first.pk + 1}/\n\n"
        "Reply to this e-mail to answer in the thread; your reply is posted there under your "
        "name."
    ]
    [to_ben] = texts_to(ben)  # replied to and following: one e-mail
    assert f"Ana replied to your post in {space.name}." in to_ben
    assert f"Ana wrote in {space.name}, in a thread or space you follow." in texts_to(cai)[-1]
    assert len(texts_to(dee)) == 2  # follows the space: both posts
    assert texts_to(ana) == []  # the writer hears nothing of her own post


def test_the_e_mail_carries_reply_threading_and_unsubscribe_headers(write: Write) -> None:
    ana, ben = member("Ana"), member("Ben")
    thread = make_thread()
    first = write(thread=thread, author=ben, body="First")
    write(thread=thread, author=ana, body="Second", reply_to=first)
    [email] = emails_to(ben)
    headers = email.extra_headers
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/unsubscribe/")
    assert unsubscribe[-1] == ">"
    local, domain = headers["Reply-To"].split("@")
    assert domain == settings.DM3P_REPLY_DOMAIN
    found = reply_token_find(local.removeprefix("reply+"))
    assert found is not None
    assert (found.person, found.thread) == (ben, thread)
    assert headers["Message-ID"].endswith(f"@{settings.SITE_DOMAIN}>")
    assert headers["In-Reply-To"] in headers["References"]
    assert [mimetype for _, mimetype in email.alternatives] == ["text/html"]
    html = str(email.alternatives[0][0])
    assert "<h1" in html
    assert "Second" in html
    # Sent: what it said and the secret reply address are no longer kept.
    outbox = OutboundEmail.objects.get(recipient=ben)
    assert (outbox.text_body, outbox.headers) == (None, None)


def test_message_ids_are_stable_per_post_and_person_and_replies_point_at_the_parent(
    write: Write,
) -> None:
    ana, ben, cai = member("Ana"), member("Ben"), member("Cai")
    thread = make_thread()
    for person in (ana, ben, cai):
        make_subscription(person=person, thread=thread)
    first = write(thread=thread, author=ana, body="One")
    write(thread=thread, author=cai, body="Two", reply_to=first)
    ben_first, ben_second = emails_to(ben)
    assert ben_second.extra_headers["In-Reply-To"] == ben_first.extra_headers["Message-ID"]
    [ana_second] = emails_to(ana)
    assert ana_second.extra_headers["Message-ID"] != ben_second.extra_headers["Message-ID"]


def test_direct_conversation_tells_the_others_unless_they_blocked_the_writer(
    write: Write,
) -> None:
    ana, ben, cai = member("Ana"), member("Ben"), member("Cai")
    thread = make_thread(space=None, title="Hello")
    for person in (ana, ben, cai):
        make_thread_participant(thread=thread, person=person)
    make_block(blocker=cai, blocked=ana)
    write(thread=thread, author=ana, body="Hi both")
    [email] = texts_to(ben)
    assert email.startswith("Ana wrote to you: “Hello”\nHi both")
    assert texts_to(cai) == []
    assert texts_to(ana) == []
    assert OutboundEmail.objects.get().kind == "member_messages"


def test_outsiders_of_a_direct_conversation_hear_nothing_even_if_mentioned(write: Write) -> None:
    ana, ben, outsider = member("Ana"), member("Ben"), member("Out")
    thread = make_thread(space=None)
    for person in (ana, ben):
        make_thread_participant(thread=thread, person=person)
    write(thread=thread, author=ana, body="About @Out", mentions=(outsider,))
    assert texts_to(outsider) == []
    assert len(texts_to(ben)) == 1


def test_muted_other_rhythms_opted_out_and_held_posts_tell_nobody(write: Write) -> None:
    ana = member("Ana")
    muted, daily, silent, opted_out = (member(name) for name in ("Mu", "Da", "Si", "Op"))
    thread = make_thread()
    make_subscription(person=muted, thread=None, space=thread.space)
    make_subscription(person=muted, thread=thread, level=FollowLevel.MUTE)
    for person in (daily, silent, opted_out):
        make_subscription(person=person, thread=thread)
    make_email_choice(person=daily, rhythm=EmailRhythm.DAILY)
    make_email_choice(person=silent, rhythm=EmailRhythm.NOTHING)
    make_email_opt_out(user=opted_out, kind="conversations")
    write(thread=thread, author=ana, body="Hello", mentions=(muted,))
    follower = member("Fo")
    make_subscription(person=follower, thread=thread)
    write(thread=thread, author=ana, body="Held", state=PostState.HELD)
    assert OutboundEmail.objects.count() == 0
    for person in (muted, daily, silent, opted_out, follower):
        assert texts_to(person) == []


def test_people_who_can_no_longer_see_the_thread_hear_nothing(write: Write) -> None:
    ana, listed, dropped, suspended = member("Ana"), member("Li"), member("Dr"), member("Su")
    space = make_space(audience=SpaceAudience.LISTED)
    for person in (ana, listed, suspended):
        make_space_member(space=space, person=person)
    thread = make_thread(space=space)
    for person in (listed, dropped, suspended):
        make_subscription(person=person, thread=thread)
    User.objects.filter(pk=suspended.pk).update(membership_status=MembershipStatus.SUSPENDED)
    write(thread=thread, author=ana, body="Listed only", mentions=(dropped,))
    assert len(texts_to(listed)) == 1
    assert texts_to(dropped) == []
    assert texts_to(suspended) == []


def test_a_content_note_keeps_the_post_out_of_the_e_mail(write: Write) -> None:
    ana, ben = member("Ana"), member("Ben")
    thread = make_thread()
    make_subscription(person=ben, thread=thread)
    write(thread=thread, author=ana, body="HOSPITAL-DETAILS", content_note="a hospital stay")
    [email] = texts_to(ben)
    assert "Content note: a hospital stay." in email
    assert "HOSPITAL-DETAILS" not in email


def test_telling_twice_sends_once(
    write: Write, django_capture_on_commit_callbacks: Capture
) -> None:
    from dm3p.conversations.services.mail_out import post_notifications_send

    ana, ben = member("Ana"), member("Ben")
    thread = make_thread()
    make_subscription(person=ben, thread=thread)
    post = write(thread=thread, author=ana, body="Once")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_notifications_send(post_id=post.pk) == 1  # the outbox already has it
    assert len(texts_to(ben)) == 1
    assert OutboundEmail.objects.count() == 1


def _queries_to_tell(thread: Thread, followers: int) -> int:
    from dm3p.conversations.services.mail_out import post_notifications_send

    for _ in range(followers):
        make_subscription(person=make_user(), thread=thread)
    post = post_add(thread=thread, author=make_user(), body="Hello all")
    with CaptureQueriesContext(connection) as queries:
        assert post_notifications_send(post_id=post.pk) == followers
    return len(queries)


def test_queries_grow_only_by_a_fixed_number_per_person_told() -> None:
    one = _queries_to_tell(make_thread(), 1)
    two = _queries_to_tell(make_thread(), 2)
    six = _queries_to_tell(make_thread(), 6)
    per_person = two - one
    assert six == one + 5 * per_person
    assert per_person <= 20
