"""Direct conversations between two or more members: starting one, adding someone (who
reads the history), the list of them, and the old message links leading to the new place."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.models import Conversation, Message, Post, Report, Thread
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.conversations.services.direct import direct_write
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_message
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import error_summary, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

migration = __import__("importlib").import_module("dm3p.conversations.migrations.0007_direct")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str, email: str = "") -> User:
    user = make_user(name=name, email=email or f"{name.lower()}@example.org")
    profile_ensure(user=user)
    return user


def readable_by(person: User) -> list[str]:
    return [post.body or "" for post in posts_visible_to(viewer=person).order_by("id")]


def test_a_group_conversation_is_started_with_several_members() -> None:
    ana, ben, cy = member("Ana"), member("Ben"), member("Cy")
    client = signed_in(ana)
    form = parse(client.get(f"/conversations/direct/new/?to={ben.pk}").content)
    ticked = [box.attrs["value"] for box in form.all("input") if "checked" in box.attrs]
    assert ticked == [str(ben.pk)]
    response = client.post(
        "/conversations/direct/new/",
        {"people": [ben.pk, cy.pk], "title": "Boards study group", "body": "Shall we?"},
    )
    thread = Thread.objects.get()
    post = Post.objects.get()
    assert response["Location"] == f"/conversations/threads/{thread.pk}/#post-{post.pk}"
    assert (thread.title, thread.space) == ("Boards study group", None)
    assert {p.person_id for p in thread.participants.all()} == {ana.pk, ben.pk, cy.pk}
    listed = parse(signed_in(cy).get("/conversations/direct/").content).one("main")
    assert "Conversation with Ana and Ben, 1 new" in listed.text()
    # Writing to one of them alone starts the conversation of just the two.
    direct_write(sender=ana, others=[ben], body="Just us")
    assert Thread.objects.count() == 2
    assert readable_by(cy) == ["Shall we?"]


def test_starting_needs_someone_and_words_and_keeps_what_was_typed() -> None:
    member("Ben")
    client = signed_in(member("Ana"))
    response = client.post("/conversations/direct/new/", {"body": "Kept text", "title": ""})
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("title").text().startswith("Error:")
    assert error_summary(page) == ["Who to write to: Choose at least one person."]
    assert "Kept text</textarea>" in response.content.decode()
    assert Post.objects.count() == 0


def test_only_members_can_be_chosen() -> None:
    applicant = make_user(name="Apu", membership_status=MembershipStatus.APPLICANT)
    client = signed_in(member("Ana"))
    assert "Apu" not in client.get("/conversations/direct/new/").content.decode()
    response = client.post("/conversations/direct/new/", {"people": [applicant.pk], "body": "Hi"})
    assert response.status_code == 200
    assert Post.objects.count() == 0


def test_someone_added_reads_the_history_and_is_told_so_first() -> None:
    ana, ben, cy = member("Ana"), member("Ben"), member("Cy")
    thread = direct_write(sender=ana, others=[ben], body="EARLIER").thread
    client = signed_in(ana)
    url = f"/conversations/direct/{thread.pk}/add/"
    confirm = parse(client.get(url).content).one("main").text()
    assert "the whole conversation so far" in confirm
    response = client.post(url, {"person": cy.pk})
    assert error_summary(parse(response.content)) == [
        "I understand they will read the whole conversation so far: Tick the box to say you "
        "understand."
    ]
    assert readable_by(cy) == []
    response = client.post(url, {"person": cy.pk, "confirm": "on"})
    assert response["Location"] == f"/conversations/threads/{thread.pk}/"
    assert readable_by(cy) == ["EARLIER"]
    # Someone outside the conversation can't add anyone, nor see the page.
    assert signed_in(member("Dee")).get(url).status_code == 404


def test_nobody_is_added_where_someone_blocked_them_or_they_blocked_someone() -> None:
    ana, ben, cy = member("Ana"), member("Ben"), member("Cy")
    thread = direct_write(sender=ana, others=[ben], body="FROM-ANA").thread
    direct_write(sender=ben, others=[ana], body="FROM-BEN")
    signed_in(cy).post(f"/members/{ana.pk}/block/", {"block": "1"})
    refused = signed_in(ben).post(
        f"/conversations/direct/{thread.pk}/add/", {"person": cy.pk, "confirm": "on"}
    )
    assert "can't be added to this conversation" in parse(refused.content).text()
    assert readable_by(cy) == []


def test_the_list_makes_as_many_queries_for_one_conversation_as_for_many_and_has_pages() -> None:
    ben = member("Ben")
    direct_write(sender=member("Ana"), others=[ben], body="Hi")
    reader = signed_in(ben)
    one = queries_for_page(reader, "/conversations/direct/")
    for number in range(30):
        direct_write(sender=member(f"M{number}"), others=[ben], body="Hello")
        cache.clear()  # the writing limit is per person; these are many people anyway
    assert queries_for_page(reader, "/conversations/direct/") == one
    first = parse(reader.get("/conversations/direct/").content).one("main")
    assert len(first.one("ul", class_="card-list").all("li")) == 25
    assert "Page 1 of 2" in first.text()
    second = parse(reader.get("/conversations/direct/?page=2").content).one("main")
    assert len(second.one("ul", class_="card-list").all("li")) == 6


def test_old_message_links_lead_to_the_post_for_those_who_may_read_it() -> None:
    ana, ben = member("Ana"), member("Ben")
    message = make_message(sender=ana, recipient=ben, body="From before")
    withheld = make_message(sender=ana, recipient=ben, body="Withheld", delivered=False)
    migration.messages_to_threads(__import__("django.apps").apps.apps)
    post = Post.objects.get(legacy_message_id=message.pk)
    where = f"/conversations/threads/{post.thread_id}/#post-{post.pk}"
    assert signed_in(ben).get(f"/messages/{message.pk}/")["Location"] == where
    assert signed_in(ana).get(f"/messages/{message.pk}/")["Location"] == where
    assert signed_in(ben).get(f"/messages/{withheld.pk}/").status_code == 404
    assert signed_in(ana).get(f"/messages/{withheld.pk}/").status_code == 302
    assert signed_in(member("Cy")).get(f"/messages/{message.pk}/").status_code == 404
    organizer = signed_in(make_user(is_organizer=True))
    assert organizer.get(f"/messages/{message.pk}/").status_code == 404
    assert signed_in(ben).get("/messages/")["Location"] == "/conversations/direct/"
    # Reporting an old message reports its post.
    report_page = signed_in(ben).get(f"/messages/{message.pk}/report/")
    assert report_page["Location"] == f"/conversations/posts/{post.pk}/report/"
    assert signed_in(ana).get(f"/messages/{message.pk}/report/").status_code == 404
    signed_in(ben).post(report_page["Location"], {"reason": "Rude."})
    report = Report.objects.get()
    assert (report.post_id, report.message_id, report.about_id) == (post.pk, message.pk, ana.pk)


def test_someone_no_longer_a_member_cannot_write() -> None:
    ana, ben = member("Ana"), member("Ben")
    User.objects.filter(pk=ben.pk).update(membership_status=MembershipStatus.DECLINED)
    client = signed_in(User.objects.get(pk=ben.pk))
    assert client.get("/conversations/direct/").status_code == 404
    assert client.post(f"/members/{ana.pk}/contact/", {"body": "Hi"}).status_code == 404
    assert Post.objects.count() == 0


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
