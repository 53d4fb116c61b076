"""Answering a message where it is read: a conversation between two people, in order."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.models import Conversation, Message
from dm3p.conversations.services.messages import message_send
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import bodies_to
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import error_summary, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str, email: str, zone: str = "America/New_York") -> User:
    user = make_user(name=name, email=email)
    profile = profile_ensure(user=user)
    profile.time_zone = zone
    profile.save(update_fields=["time_zone"])
    return user


def _thread(html: str | bytes) -> list[tuple[str, str]]:
    """Each message of the thread shown: its heading and its text."""
    articles = parse(html).one("main").all("article")
    return [(article.one("h2").text(), article.one("div").text()) for article in articles]


def test_reply_appears_in_the_thread_for_both_newest_last(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    ana = member("Ana", "ana@example.org")
    ben = member("Ben", "ben@example.org", zone="Asia/Kolkata")
    first = message_send(sender=ana, recipient=ben, body="Could we meet?", reveal_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(ben).post(f"/messages/{first.pk}/", {"body": "Yes, on Tuesday."})
    reply = Message.objects.get(sender=ben)
    assert response["Location"] == f"/messages/{reply.pk}/#message-{reply.pk}"
    assert reply.recipient == ana
    assert reply.conversation == first.conversation
    assert Conversation.objects.count() == 1
    [email] = bodies_to("ana@example.org")
    assert "Yes, on Tuesday." in email
    assert f"/messages/{reply.pk}/" in email
    # Each reads it in their own zone: 3:00 pm UTC.
    for_ana = page_shown(signed_in(ana).get(f"/messages/{first.pk}/"), "Conversation with Ben")
    assert _thread(for_ana) == [
        ("You wrote, Wednesday 10 June 2026, 11:00 am EDT", "Could we meet?"),
        ("Ben wrote, Wednesday 10 June 2026, 11:00 am EDT (new)", "Yes, on Tuesday."),
    ]
    for_ben = page_shown(signed_in(ben).get(f"/messages/{reply.pk}/"), "Conversation with Ana")
    assert _thread(for_ben) == [
        ("Ana wrote, Wednesday 10 June 2026, 8:30 pm IST", "Could we meet?"),
        ("You wrote, Wednesday 10 June 2026, 8:30 pm IST", "Yes, on Tuesday."),
    ]
    assert (
        parse(for_ana).one("main").all("time")[0].attrs["datetime"] == "2026-06-10T11:00:00-04:00"
    )


def test_a_new_message_through_the_profile_joins_the_same_conversation() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    message_send(sender=ana, recipient=ben, body="One", reveal_email=False)
    signed_in(ben).post(f"/members/{ana.pk}/contact/", {"body": "Two"})
    assert Conversation.objects.count() == 1
    last = Message.objects.get(sender=ben)
    page = signed_in(ana).get(f"/messages/{last.pk}/")
    assert [text for _, text in _thread(page.content)] == ["One", "Two"]


def test_a_blocked_senders_reply_is_never_delivered(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ben, recipient=ana, body="Hello Ana", reveal_email=False)
    signed_in(ben).post(f"/members/{ana.pk}/block/", {"block": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(ana).post(f"/messages/{first.pk}/", {"body": "WITHHELD-REPLY"})
    assert response.status_code == 302
    reply = Message.objects.get(sender=ana)
    assert reply.delivered is False
    assert bodies_to("ben@example.org") == []
    # Ana sees her reply as sent; Ben never sees it, and can't open it.
    assert "WITHHELD-REPLY" in signed_in(ana).get(f"/messages/{reply.pk}/").content.decode()
    ben_client = signed_in(ben)
    assert "WITHHELD-REPLY" not in ben_client.get(f"/messages/{first.pk}/").content.decode()
    assert ben_client.get(f"/messages/{reply.pk}/").status_code == 404
    assert "WITHHELD-REPLY" not in ben_client.get("/messages/").content.decode()


def test_reply_emailed_only_when_the_other_wants_message_emails(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    make_email_opt_out(user=ana, kind="member_messages")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(ben).post(f"/messages/{first.pk}/", {"body": "On the site only"})
    assert bodies_to("ana@example.org") == []
    assert "On the site only" in signed_in(ana).get(f"/messages/{first.pk}/").content.decode()


def test_empty_reply_is_refused_and_nothing_is_sent() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    response = signed_in(ben).post(f"/messages/{first.pk}/", {"body": "   "})
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("title").text().startswith("Error:")
    assert "Write your reply." in page.text()
    assert Message.objects.count() == 1


def test_no_reply_to_someone_no_longer_a_member() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    User.objects.filter(pk=ana.pk).update(membership_status=MembershipStatus.SUSPENDED)
    client = signed_in(ben)
    page = page_shown(client.get(f"/messages/{first.pk}/"), "Conversation with Ana")
    assert "Send reply" not in page
    response = client.post(f"/messages/{first.pk}/", {"body": "Still there?"})
    assert "no longer a member" in response.content.decode()
    assert "Still there?</textarea>" in response.content.decode()
    assert Message.objects.count() == 1


def test_someone_outside_the_conversation_cannot_reply() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    other = signed_in(member("Cy", "cy@example.org"))
    assert other.post(f"/messages/{first.pk}/", {"body": "Me too"}).status_code == 404
    assert Message.objects.count() == 1


def test_thread_and_inbox_make_as_many_queries_for_one_message_as_for_many() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    reader = signed_in(ben)
    one_thread = queries_for_page(reader, f"/messages/{first.pk}/")
    one_inbox = queries_for_page(reader, "/messages/")
    for number in range(4):
        message_send(sender=ben, recipient=ana, body=f"Reply {number}", reveal_email=False)
        other = member(f"Member {number}", f"m{number}@example.org")
        message_send(sender=other, recipient=ben, body="Hello", reveal_email=False)
    assert queries_for_page(reader, f"/messages/{first.pk}/") == one_thread
    assert queries_for_page(reader, "/messages/") == one_inbox
    assert len(parse(reader.get("/messages/").content).one("main").all("li")) == 5


@pytest.mark.django_db(transaction=True)
def test_migration_groups_existing_messages_by_pair_and_goes_back() -> None:
    ana, ben, cy = make_user(), make_user(), make_user()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("conversations", "0001_initial")])
        old = executor.loader.project_state([("conversations", "0001_initial")]).apps
        old_message = old.get_model("conversations", "Message")
        for sender, recipient in [(ana, ben), (ben, ana), (cy, ana), (None, ben)]:
            old_message.objects.create(
                sender_id=sender.pk if sender else None, recipient_id=recipient.pk, body="Hi"
            )
        executor = MigrationExecutor(connection)
        executor.migrate([("conversations", "0002_conversations")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    pairs = {message.pk: message.conversation_id for message in Message.objects.order_by("pk")}
    first, second, third, fourth = pairs.values()
    assert first == second
    assert len({first, third, fourth}) == 3
    assert Conversation.objects.count() == 3
    executor = MigrationExecutor(connection)
    executor.migrate([("conversations", "0001_initial")])
    try:
        old = executor.loader.project_state([("conversations", "0001_initial")]).apps
        assert old.get_model("conversations", "Message").objects.count() == 4
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_someone_no_longer_a_member_cannot_reply() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    User.objects.filter(pk=ben.pk).update(membership_status=MembershipStatus.DECLINED)
    response = signed_in(User.objects.get(pk=ben.pk)).post(
        f"/messages/{first.pk}/", {"body": "Still here"}
    )
    # They are told why, and what they wrote stays on the page for them to keep.
    assert response.status_code == 200
    assert error_summary(parse(response)) == [
        "Only members can send messages. What you wrote is still here, if you want to keep it."
    ]
    assert "Still here" in response.content.decode()
    assert Message.objects.count() == 1
