"""Replying to a notification e-mail posts the reply in its thread, as the person the reply
address was made for; anything else is refused with one clear e-mail back, or set aside."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import TestCase

from dm3p.accounts.enums import MembershipStatus
from dm3p.conversations.enums import SpaceAudience
from dm3p.conversations.models import InboundEmail, InboundOutcome, Post, Thread
from dm3p.conversations.services.inbound import Outcome, Result, inbound_mail_purge
from dm3p.conversations.services.inbound import inbound_mail_receive as receive
from dm3p.conversations.services.message_ids import post_message_id
from dm3p.conversations.services.reply_addresses import reply_token_find, reply_token_issue
from tests.clock import ORDINARY
from tests.conversations.mailin import a_replier, reply_message
from tests.emails import bodies_to, subjects_to
from tests.factories import make_user
from tests.factories.conversations import make_inbound_email, make_thread

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def inbound_mail_receive(raw: bytes) -> Outcome:
    """Received, and what waits for the commit (sending e-mail) queued."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return receive(raw)


def _bodies_in(thread: Thread) -> list[str]:
    return [post.body or "" for post in Post.objects.filter(thread=thread).order_by("pk")]


def test_a_reply_is_posted_as_its_person_answering_the_post_it_was_about() -> None:
    replier = a_replier()
    outcome = inbound_mail_receive(reply_message(replier, "Ask for the staff room."))
    assert outcome.result == Result.POSTED
    post = outcome.post
    assert post is not None
    assert (post.author, post.thread, post.body) == (
        replier.person,
        replier.thread,
        "Ask for the staff room.",
    )
    assert post.reply_to == replier.post
    replier.thread.refresh_from_db()
    assert (replier.thread.post_count, replier.thread.last_post_id) == (2, post.pk)
    stored = InboundEmail.objects.get()
    assert (stored.outcome, stored.post) == (InboundOutcome.POSTED, post)
    assert stored.raw.encode("latin-1") == reply_message(replier, "Ask for the staff room.")


def test_quoted_text_and_the_signature_are_left_out() -> None:
    replier = a_replier()
    text = (
        "Ask for the staff room.\n\n"
        "- it is quiet\n- it has a couch\n\n"
        "-- \nMei Lin, MD\nResident\n\n"
        "On Tue, Jun 9, 2026 at 10:00 AM DM3P <reply+x@dm3p.example.org> wrote:\n"
        "> Any tips?\n> Ana\n"
    )
    inbound_mail_receive(reply_message(replier, text))
    assert _bodies_in(replier.thread)[-1] == (
        "Ask for the staff room.\n\n- it is quiet\n- it has a couch"
    )


def test_a_phone_signature_and_an_outlook_quote_are_left_out() -> None:
    replier = a_replier()
    text = (
        "Thank you!\n\nSent from my iPhone\n\n"
        "-----Original Message-----\nFrom: DM3P\nSent: Tuesday\n\nAny tips?\n"
    )
    inbound_mail_receive(reply_message(replier, text))
    assert _bodies_in(replier.thread)[-1] == "Thank you!"


def test_an_html_only_reply_is_turned_into_text() -> None:
    replier = a_replier()
    html = (
        "<html><head><style>p {color: red}</style></head><body>"
        "<p>Ask for the <b>staff room</b> &amp; a chair.</p><p>Good luck</p>"
        "<blockquote>Any tips?</blockquote></body></html>"
    )
    inbound_mail_receive(reply_message(replier, html=html))
    assert _bodies_in(replier.thread)[-1] == "Ask for the staff room & a chair.\n\nGood luck"


def test_a_reply_with_only_quoted_text_is_refused_and_the_sender_told() -> None:
    replier = a_replier()
    text = "On Tue, Jun 9, 2026 at 10:00 AM DM3P wrote:\n> Any tips?\n"
    assert inbound_mail_receive(reply_message(replier, text)).result == Result.REFUSED
    assert _bodies_in(replier.thread) == ["Any tips?"]
    assert "only quoted text" in bodies_to(replier.person)[0]


def test_a_reply_from_another_address_is_refused_without_telling_anything() -> None:
    replier = a_replier()
    outcome = inbound_mail_receive(
        reply_message(replier, "Hello", sender="Someone <someone@elsewhere.example>")
    )
    assert (outcome.result, outcome.reason) == (Result.REFUSED, "sender")
    assert _bodies_in(replier.thread) == ["Any tips?"]
    [body] = bodies_to("someone@elsewhere.example")
    assert "Reply from the address you use on the site" in body
    for secret in ("Quiet rooms", "Any tips", "Mei", "Ana"):
        assert secret not in body
    assert subjects_to("someone@elsewhere.example") == ["Your reply was not posted"]
    assert bodies_to(replier.person) == []


def test_refusals_to_one_address_are_limited() -> None:
    replier = a_replier()
    for _ in range(5):
        raw = reply_message(replier, "Hello", sender="someone@elsewhere.example")
        assert inbound_mail_receive(raw).result == Result.REFUSED
    assert len(bodies_to("someone@elsewhere.example")) == 3
    assert InboundEmail.objects.filter(outcome=InboundOutcome.REFUSED).count() == 5


def test_a_reply_to_a_thread_the_person_can_no_longer_see_is_refused() -> None:
    replier = a_replier(audience=SpaceAudience.ORGANIZERS)
    assert inbound_mail_receive(reply_message(replier)).result == Result.REFUSED
    assert _bodies_in(replier.thread) == ["Any tips?"]
    assert "you can no longer see this conversation" in bodies_to(replier.person)[0]


def test_a_suspended_member_can_no_longer_post_by_email() -> None:
    replier = a_replier()
    replier.person.membership_status = MembershipStatus.SUSPENDED
    replier.person.save(update_fields=["membership_status"])
    outcome = inbound_mail_receive(reply_message(replier))
    assert (outcome.result, outcome.reason) == (Result.REFUSED, "not_visible")
    assert _bodies_in(replier.thread) == ["Any tips?"]


def test_a_reply_to_a_locked_thread_is_refused() -> None:
    replier = a_replier()
    Thread.objects.filter(pk=replier.thread.pk).update(locked=True)
    assert inbound_mail_receive(reply_message(replier)).result == Result.REFUSED
    assert _bodies_in(replier.thread) == ["Any tips?"]
    assert "the thread is locked" in bodies_to(replier.person)[0]


@pytest.mark.parametrize(
    "headers",
    [{"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"}, {"Precedence": "list"}],
)
def test_mail_sent_by_a_machine_is_set_aside_and_never_answered(headers: dict[str, str]) -> None:
    replier = a_replier()
    raw = reply_message(replier, "I am out of the office.", sender="x@elsewhere.example")
    message = raw.replace(
        b"Subject:", b"".join(f"{k}: {v}\n".encode() for k, v in headers.items()) + b"Subject:"
    )
    assert inbound_mail_receive(message).result == Result.IGNORED
    assert _bodies_in(replier.thread) == ["Any tips?"]
    assert bodies_to("x@elsewhere.example") == []


def test_auto_submitted_no_is_a_person_writing() -> None:
    replier = a_replier()
    raw = reply_message(replier, headers={"Auto-Submitted": "no"})
    assert inbound_mail_receive(raw).result == Result.POSTED


def test_an_unknown_or_expired_reply_address_is_unknown() -> None:
    replier = a_replier()
    raw = reply_message(replier).replace(
        replier.address.encode(), b"reply+" + b"x" * 32 + b"@d.org"
    )
    assert inbound_mail_receive(raw).result == Result.UNKNOWN_ADDRESS
    assert InboundEmail.objects.count() == 0


def test_the_post_replied_to_is_only_a_hint_within_the_thread() -> None:
    replier = a_replier()
    elsewhere = a_replier(email="ben@example.org")
    # The id of the e-mail about a post in another thread, as this person would get it.
    other = post_message_id(post_id=elsewhere.post.pk, person=replier.person)
    raw = reply_message(replier, headers={"In-Reply-To": other})
    outcome = inbound_mail_receive(raw)
    assert outcome.post is not None
    assert (outcome.post.thread, outcome.post.reply_to) == (replier.thread, None)


@pytest.mark.parametrize("raw", [b"", b"   \n", b"just some words with no headers"])
def test_what_is_not_an_email_is_unreadable(raw: bytes) -> None:
    assert inbound_mail_receive(raw).result == Result.UNREADABLE


def test_received_emails_are_deleted_after_two_weeks() -> None:
    old = make_inbound_email()
    InboundEmail.objects.filter(pk=old.pk).update(received_at=ORDINARY - dt.timedelta(days=15))
    recent = make_inbound_email()
    assert inbound_mail_purge() == 1
    assert list(InboundEmail.objects.all()) == [recent]


def test_someone_elses_token_from_their_own_address_posts_nothing() -> None:
    replier = a_replier()
    other = make_user(email="other@example.org")
    raw = reply_message(replier, sender="other@example.org")
    assert inbound_mail_receive(raw).result == Result.REFUSED
    assert not Post.objects.filter(author=other).exists()


def test_a_reply_too_long_for_a_post_is_refused() -> None:
    replier = a_replier()
    outcome = inbound_mail_receive(reply_message(replier, "word " * 5000))
    assert (outcome.result, outcome.reason) == (Result.REFUSED, "too_long")
    assert "longer than" in bodies_to(replier.person)[0]


def test_mail_from_no_single_sender_is_set_aside_unanswered() -> None:
    replier = a_replier()
    raw = reply_message(replier, sender="a@elsewhere.example, b@elsewhere.example")
    assert inbound_mail_receive(raw).result == Result.IGNORED
    assert bodies_to("a@elsewhere.example") == []


def test_a_charset_python_does_not_know_is_read_as_utf8() -> None:
    replier = a_replier()
    raw = reply_message(replier, "Thanks, café.")
    raw = raw.replace(b'charset="utf-8"', b'charset="x-nope"').replace(b"=utf-8", b"=x-nope")
    outcome = inbound_mail_receive(raw)
    assert outcome.post is not None
    assert (outcome.post.body or "").startswith("Thanks, caf")


def test_a_reply_to_an_older_notification_still_arrives() -> None:
    person = make_user()
    thread = make_thread()
    first = reply_token_issue(person=person, thread=thread)
    assert reply_token_issue(person=person, thread=thread) == first
    assert reply_token_issue(person=make_user(), thread=thread) != first
    found = reply_token_find(first)
    assert found is not None
    assert found.person == person
