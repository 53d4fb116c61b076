"""What is new in a person's messages: marked in words in the inbox, the header and on
their home, until they open the conversation; never what a blocked sender wrote."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.models import Message
from dm3p.conversations.services.messages import message_send
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
        link for link in document.one("header").all("a") if link.attrs.get("href") == "/messages/"
    ]
    return link.text()


def inbox_lines(client: Client) -> list[str]:
    return [link.text() for link in page(client, "/messages/").one("main").all("a")]


def messages_panel(client: Client) -> Element:
    return page(client, "/home/").one(**{"aria-labelledby": "panel-messages"})


def test_new_messages_are_counted_in_words_until_the_conversation_is_opened() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    first = message_send(sender=ana, recipient=ben, body="SECRET-ONE", reveal_email=False)
    message_send(sender=ana, recipient=ben, body="SECRET-TWO", reveal_email=False)
    reader = signed_in(ben)
    assert inbox_lines(reader)[0] == "Conversation with Ana, 2 new"
    assert header_messages_link(page(reader, "/messages/")) == "Messages, 2 new"
    panel = messages_panel(reader)
    assert "You have 2 new messages." in panel.text()
    [line] = panel.one("ul").all("li")
    assert line.text() == "From Ana, 2 new The latest on Wednesday 10 June 2026, 11:00 am EDT"
    # Who and when, never what: the home page may be seen over a shoulder.
    assert "SECRET" not in panel.text()
    # The link opens the conversation at the first new message.
    assert line.one("a").attrs["href"] == f"/messages/{first.pk}/#message-{first.pk}"

    thread = page(reader, f"/messages/{first.pk}/").one("main")
    assert [article.one("h2").text().endswith("(new)") for article in thread.all("article")] == [
        True,
        True,
    ]
    assert ("Go to the first new message", f"#message-{first.pk}") in [
        (link.text(), link.attrs["href"]) for link in thread.all("a")
    ]

    assert inbox_lines(reader)[0] == "Conversation with Ana"
    assert header_messages_link(page(reader, "/messages/")) == "Messages"
    panel = messages_panel(reader)
    assert "No new messages." in panel.text()
    assert panel.all("ul") == []
    again = page(reader, f"/messages/{first.pk}/").one("main")
    assert "(new)" not in again.text()
    assert "Go to the first new message" not in again.text()


def test_opening_again_keeps_the_time_first_read() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    message = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    reader = signed_in(ben)
    reader.get(f"/messages/{message.pk}/")
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read == timezone.now()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        reader.get(f"/messages/{message.pk}/")
    message.refresh_from_db()
    assert message.read_at == first_read


def test_only_the_recipient_opening_marks_a_message_read() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    message = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    signed_in(ana).get(f"/messages/{message.pk}/")
    message.refresh_from_db()
    assert message.read_at is None
    # Nor does a failed reply by the recipient (a POST shows the thread without reading it).
    signed_in(ben).post(f"/messages/{message.pk}/", {"body": " "})
    message.refresh_from_db()
    assert message.read_at is None
    assert inbox_lines(signed_in(ben))[0] == "Conversation with Ana, 1 new"


def test_the_senders_own_messages_are_never_new_to_them() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    writer = signed_in(ana)
    assert inbox_lines(writer)[0] == "Conversation with Ben"
    assert header_messages_link(page(writer, "/messages/")) == "Messages"
    assert "No new messages." in messages_panel(writer).text()


def test_messages_withheld_from_a_blocked_sender_never_count() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(ben).post(f"/members/{ana.pk}/block/", {"block": "1"})
    message_send(sender=ana, recipient=ben, body="Withheld", reveal_email=False)
    assert Message.objects.get().delivered is False
    reader = signed_in(ben)
    assert inbox_lines(reader) == ["directory"]
    assert header_messages_link(page(reader, "/messages/")) == "Messages"
    assert "No new messages." in messages_panel(reader).text()


def test_home_lists_each_conversation_with_new_messages_newest_first() -> None:
    ben = member("Ben", "ben@example.org")
    ana, cy = member("Ana", "ana@example.org"), member("Cy", "cy@example.org")
    message_send(sender=ana, recipient=ben, body="One", reveal_email=False)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        message_send(sender=cy, recipient=ben, body="Two", reveal_email=False)
    panel = messages_panel(signed_in(ben))
    assert "You have 2 new messages." in panel.text()
    assert [line.one("a").text() for line in panel.one("ul").all("li")] == [
        "From Cy, 1 new",
        "From Ana, 1 new",
    ]


def test_header_and_inbox_read_a_fixed_number_of_queries_with_new_messages() -> None:
    ben = member("Ben", "ben@example.org")
    make_message(sender=member("Ana", "ana@example.org"), recipient=ben)
    reader = signed_in(ben)
    inbox, profile_page = (
        queries_for_page(reader, "/messages/"),
        queries_for_page(reader, "/account/"),
    )
    for number in range(4):
        make_message(sender=member(f"M{number}", f"m{number}@example.org"), recipient=ben)
    assert queries_for_page(reader, "/messages/") == inbox
    assert queries_for_page(reader, "/account/") == profile_page
    assert header_messages_link(page(reader, "/account/")) == "Messages, 5 new"


def test_export_says_when_the_person_read_what_they_received_only() -> None:
    ana, ben = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    message = message_send(sender=ana, recipient=ben, body="Hi", reveal_email=False)
    assert [row["read_at"] for row in personal_data_export(ben)["Messages"]] == [None]
    signed_in(ben).get(f"/messages/{message.pk}/")
    assert [row["read_at"] for row in personal_data_export(ben)["Messages"]] == [
        ORDINARY.isoformat()
    ]
    # Whether Ben read it is Ben's: Ana's copy doesn't say.
    assert [row["read_at"] for row in personal_data_export(ana)["Messages"]] == [None]


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
