"""What is new in a person's direct conversations: marked in words in their list, the header
and on their home, until they read on; never what a blocked sender wrote."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.models import Message, Post, Thread, ThreadRead
from dm3p.conversations.services.direct import direct_write
from dm3p.conversations.services.posting import post_add
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_message
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str, email: str) -> User:
    user = make_user(name=name, email=email)
    profile = profile_ensure(user=user)
    profile.time_zone = "America/New_York"
    profile.save(update_fields=["time_zone"])
    return user


def page(client: Client, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200
    return parse(response.content)


def header_messages_link(document: Element) -> str:
    [link] = [
        link
        for link in document.one("header").all("a")
        if link.attrs.get("href") == "/conversations/direct/"
    ]
    return link.text()


def list_lines(client: Client) -> list[str]:
    main = page(client, "/conversations/direct/").one("main")
    return [link.text() for link in main.all("a") if link.text().startswith("Conversation")]


def messages_panel(client: Client) -> Element:
    return page(client, "/home/").one(**{"aria-labelledby": "panel-messages"})


def read_all(person: User, thread: Thread) -> None:
    """What the thread page does when the person reads the conversation."""
    thread.refresh_from_db()
    ThreadRead.objects.update_or_create(
        person=person, thread=thread, defaults={"last_read_post_id": thread.last_post_id}
    )


def test_new_posts_are_counted_in_words_until_the_conversation_is_read() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = direct_write(sender=ana, others=[ben], body="SECRET-ONE")
    direct_write(sender=ana, others=[ben], body="SECRET-TWO")
    reader = signed_in(ben)
    assert list_lines(reader) == ["Conversation with Ana, 2 new"]
    assert header_messages_link(page(reader, "/account/")) == "Messages, 2 new"
    panel = messages_panel(reader)
    assert "You have 2 new messages." in panel.text()
    [line] = panel.one("ul").all("li")
    assert line.text() == "With Ana, 2 new The latest on Wednesday 10 June 2026, 11:00 am EDT"
    # Who and when, never what: the home page may be seen over a shoulder.
    assert "SECRET" not in panel.text()
    # The link opens the conversation at the first new post.
    link = f"/conversations/threads/{first.thread_id}/#post-{first.pk}"
    assert line.one("a").attrs["href"] == link

    read_all(ben, first.thread)
    assert list_lines(reader) == ["Conversation with Ana"]
    assert header_messages_link(page(reader, "/account/")) == "Messages"
    panel = messages_panel(reader)
    assert "No new messages." in panel.text()
    assert panel.all("ul") == []


def test_the_writers_own_posts_are_never_new_to_them() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    direct_write(sender=ana, others=[ben], body="Hi")
    writer = signed_in(ana)
    assert list_lines(writer) == ["Conversation with Ben"]
    assert header_messages_link(page(writer, "/account/")) == "Messages"
    assert "No new messages." in messages_panel(writer).text()


def test_posts_withheld_from_someone_who_blocked_the_writer_never_count() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(ben).post(f"/members/{ana.pk}/block/", {"block": "1"})
    direct_write(sender=ana, others=[ben], body="Withheld")
    reader = signed_in(ben)
    assert list_lines(reader) == []
    assert header_messages_link(page(reader, "/account/")) == "Messages"
    assert "No new messages." in messages_panel(reader).text()


def test_a_reply_from_someone_blocked_is_withheld_too() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = direct_write(sender=ben, others=[ana], body="Hello Ana")
    signed_in(ben).post(f"/members/{ana.pk}/block/", {"block": "1"})
    post_add(thread=first.thread, author=ana, body="WITHHELD-REPLY")
    assert list_lines(signed_in(ben)) == ["Conversation with Ana"]
    assert list_lines(signed_in(ana)) == ["Conversation with Ben"]
    assert [row["text"] for row in personal_data_export(ben)["Direct conversations"]] == [
        "Hello Ana"
    ]


def test_home_lists_each_conversation_with_new_posts_newest_first() -> None:
    ben = member("Ben", "ben@example.org")
    ana, cy = member("Ana", "ana@example.org"), member("Cy", "cy@example.org")
    direct_write(sender=ana, others=[ben], body="One")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        direct_write(sender=cy, others=[ben], body="Two")
    panel = messages_panel(signed_in(ben))
    assert "You have 2 new messages." in panel.text()
    assert [line.one("a").text() for line in panel.one("ul").all("li")] == [
        "With Cy, 1 new",
        "With Ana, 1 new",
    ]


def test_header_list_and_home_read_a_fixed_number_of_queries_with_new_posts() -> None:
    ben = member("Ben", "ben@example.org")
    direct_write(sender=member("Ana", "ana@example.org"), others=[ben], body="Hi")
    reader = signed_in(ben)
    counts = [queries_for_page(reader, url) for url in ("/conversations/direct/", "/home/")]
    for number in range(4):
        other = member(f"M{number}", f"m{number}@example.org")
        direct_write(sender=other, others=[ben, ana_like(number)], body="Hello")
    assert [queries_for_page(reader, url) for url in ("/conversations/direct/", "/home/")] == (
        counts
    )
    assert header_messages_link(page(reader, "/account/")) == "Messages, 5 new"


def ana_like(number: int) -> User:
    return member(f"Other {number}", f"other{number}@example.org")


def test_export_lists_what_the_person_wrote_and_got() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    thread = direct_write(sender=ana, others=[ben], body="Hi").thread
    post_add(thread=thread, author=ben, body="Hello")
    rows = personal_data_export(ben)["Direct conversations"]
    assert [(r["direction"], r["from"], r["with"], r["text"]) for r in rows] == [
        ("received", "Ana", "Ana", "Hi"),
        ("sent", "Ben", "Ana", "Hello"),
    ]
    assert Post.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_migration_counts_earlier_messages_as_read_and_goes_back() -> None:
    ana, ben = make_user(), make_user()
    make_message(sender=ana, recipient=ben)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("conversations", "0002_conversations")])
        executor = MigrationExecutor(connection)
        executor.migrate([("conversations", "0003_message_read_at")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    message = Message.objects.get()
    assert message.read_at == message.created_at
    # And on to direct conversations, where it is read too.
    post = Post.objects.get(legacy_message_id=message.pk)
    assert ThreadRead.objects.get(person=ben).last_read_post_id == post.pk
