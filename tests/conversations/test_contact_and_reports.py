"""Writing to a member from their profile, blocking and reporting: a person who blocked
someone never gets what they write, and the writer can't tell; reports of members and of
posts in direct conversations reach the organizers, who read a reported post only there."""

import pytest
from django.core import mail
from django.core.cache import cache

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.models import Block, Post, Report, Thread
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.conversations.services.direct import MESSAGES_PER_HOUR
from dm3p.core.models import AuditEntry
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import bodies_to
from tests.factories import make_user
from tests.helpers import Capture, run_queued_tasks, signed_in
from tests.html_tree import Page, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str, email: str) -> User:
    user = make_user(name=name, email=email)
    profile_ensure(user=user)
    return user


def readable_by(person: User) -> list[str]:
    return [post.body or "" for post in posts_visible_to(viewer=person).order_by("id")]


def _conversations_listed(response: Page) -> list[str]:
    """The conversations listed on the direct conversations page, by their links' names."""
    assert response.status_code == 200
    main = parse(response.content).one("main")
    return [link.text() for link in main.all("a") if link.text().startswith("Conversation")]


def test_writing_from_a_profile_opens_the_conversation_of_the_two_people() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    client = signed_in(sender)
    response = client.post(f"/members/{recipient.pk}/contact/", {"body": "Hello from Ana"})
    first = Post.objects.get()
    assert response["Location"] == f"/conversations/threads/{first.thread_id}/#post-{first.pk}"
    client.post(f"/members/{recipient.pk}/contact/", {"body": "Again"})
    thread = Thread.objects.get()  # the same conversation, continued
    assert thread.space is None
    assert {p.person_id for p in thread.participants.all()} == {sender.pk, recipient.pk}
    assert readable_by(recipient) == ["Hello from Ana", "Again"]
    assert _conversations_listed(signed_in(recipient).get("/conversations/direct/")) == [
        "Conversation with Ana, 2 new"
    ]


def test_a_conversation_is_read_by_its_people_only() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "PRIVATE-NOTE"})
    assert readable_by(recipient) == readable_by(sender) == ["PRIVATE-NOTE"]
    organizer = make_user(is_organizer=True)
    assert readable_by(organizer) == []
    assert _conversations_listed(signed_in(organizer).get("/conversations/direct/")) == []


def test_messages_are_rate_limited_and_the_text_is_kept() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    client = signed_in(sender)
    for number in range(MESSAGES_PER_HOUR):
        client.post(f"/members/{recipient.pk}/contact/", {"body": f"Message {number}"})
    response = client.post(f"/members/{recipient.pk}/contact/", {"body": "One too many"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent a lot of messages recently." in html
    assert "One too many</textarea>" in html
    assert Post.objects.count() == MESSAGES_PER_HOUR


def test_blocked_sender_is_not_delivered_and_not_told() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "1"})
    assert Block.objects.filter(blocker=recipient, blocked=sender).exists()
    response = signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    post = Post.objects.get()
    assert response["Location"] == f"/conversations/threads/{post.thread_id}/#post-{post.pk}"
    assert readable_by(recipient) == []
    assert readable_by(sender) == ["Hi"]
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "0"})
    assert not Block.objects.exists()
    assert readable_by(recipient) == []  # what was withheld stays withheld


def test_blocked_sender_still_sees_the_message_in_their_list() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "1"})
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "WITHHELD-TEXT"})
    post = Post.objects.get()
    sender_client = signed_in(sender)
    assert _conversations_listed(sender_client.get("/conversations/direct/")) == [
        "Conversation with Ben"
    ]
    recipient_client = signed_in(recipient)
    assert _conversations_listed(recipient_client.get("/conversations/direct/")) == []
    assert "new" not in parse(recipient_client.get("/home/").content).one("header").text()
    assert recipient_client.get(f"/conversations/posts/{post.pk}/report/").status_code == 404
    assert personal_data_export(recipient)["Direct conversations"] == []
    assert [row["text"] for row in personal_data_export(sender)["Direct conversations"]] == [
        "WITHHELD-TEXT"
    ]


def test_in_a_group_only_the_person_who_blocked_misses_the_post() -> None:
    ana, ben, cy = (member(n, f"{n.lower()}@example.org") for n in ("Ana", "Ben", "Cy"))
    signed_in(cy).post(f"/members/{ana.pk}/block/", {"block": "1"})
    response = signed_in(ana).post(
        "/conversations/direct/new/", {"people": [ben.pk, cy.pk], "body": "To you both"}
    )
    assert response.status_code == 302
    assert readable_by(ben) == readable_by(ana) == ["To you both"]
    assert readable_by(cy) == []


def test_cannot_message_yourself_or_a_non_member() -> None:
    me = member("Ana", "ana@example.org")
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    client = signed_in(me)
    assert client.get(f"/members/{me.pk}/contact/").status_code == 404
    assert client.get(f"/members/{applicant.pk}/contact/").status_code == 404


def test_report_round_trip_keeps_the_reporter_confidential(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    reporter, reported = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(reported).post(f"/members/{reporter.pk}/contact/", {"body": "RUDE-TEXT"})
    post = Post.objects.get()
    organizer_user = make_user(is_organizer=True, email="olu@example.org")
    organizer = signed_in(organizer_user)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reporter).post(
            f"/conversations/posts/{post.pk}/report/", {"reason": "Insulting me."}
        )
    report = Report.objects.get()
    assert (report.reporter_id, report.about_id, report.post_id) == (
        reporter.pk,
        reported.pk,
        post.pk,
    )
    assert bodies_to("ben@example.org") == []  # the person reported hears nothing
    assert "Thank you for telling us." in bodies_to("ana@example.org")[0]
    [alert] = bodies_to("olu@example.org")
    assert f"/manage/reports/{report.pk}/" in alert
    assert "Ana" not in alert
    assert "ana@example.org" not in alert
    detail = organizer.get(f"/manage/reports/{report.pk}/").content.decode()
    assert "RUDE-TEXT" in detail
    assert "Insulting me." in detail
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(f"/manage/reports/{report.pk}/", {"action": "acknowledge"})
        organizer.post(f"/manage/reports/{report.pk}/", {"action": "note", "text": "Spoke to Ben"})
        organizer.post(
            f"/manage/reports/{report.pk}/",
            {
                "action": "close",
                "outcome": "warning",
                "message": "We spoke to them.",
            },
        )
    report.refresh_from_db()
    assert (report.status, report.outcome) == ("closed", "warning")
    to_reporter = bodies_to("ana@example.org")
    assert "An organizer has read your report" in to_reporter[1]
    assert "Outcome: A warning was given." in to_reporter[2]
    assert "We spoke to them." in to_reporter[2]
    [made] = personal_data_export(reporter)["Reports you made"]
    assert made["message_from_organizers"] == "We spoke to them."
    assert bodies_to("ben@example.org") == []
    for email in mail.outbox:
        if email.to != ["ana@example.org"]:
            assert "ana@example.org" not in str(email.body)
    assert list(
        AuditEntry.objects.filter(action__startswith="report.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "report.create",
        "report.view",
        "report.acknowledge",
        "report.note",
        "report.close.warning",
    ]


def test_report_outcome_suspension_suspends_the_member() -> None:
    reporter, reported = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(reporter).post(f"/members/{reported.pk}/report/", {"reason": "Threats."})
    report = Report.objects.get()
    organizer = signed_in(make_user(is_organizer=True))
    organizer.post(f"/manage/reports/{report.pk}/", {"action": "close", "outcome": "suspension"})
    reported.refresh_from_db()
    assert reported.membership_status == MembershipStatus.SUSPENDED


def test_report_needs_a_description() -> None:
    reporter, reported = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    response = signed_in(reporter).post(f"/members/{reported.pk}/report/", {"reason": " "})
    assert "Say what happened." in response.content.decode()
    assert Report.objects.count() == 0


def test_only_someone_else_in_the_conversation_can_report_a_post() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    post = Post.objects.get()
    url = f"/conversations/posts/{post.pk}/report/"
    assert signed_in(sender).get(url).status_code == 404
    assert signed_in(make_user(is_organizer=True)).get(url).status_code == 404
    assert signed_in(recipient).get(url).status_code == 200


def test_deleting_an_account_keeps_sent_posts_for_the_others_unsigned() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Kept for Ben"})
    signed_in(sender).post("/profile/delete/", {"confirm_email": "ana@example.org"})
    post = Post.objects.get()
    assert post.author_id is None
    assert readable_by(recipient) == ["Kept for Ben"]
    [row] = personal_data_export(recipient)["Direct conversations"]
    assert (row["from"], row["direction"]) == ("A former member", "received")


def test_deleting_an_account_removes_what_nobody_else_could_read() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "1"})
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Withheld"})
    signed_in(sender).post("/profile/delete/", {"confirm_email": "ana@example.org"})
    assert Post.objects.count() == 0


@pytest.mark.parametrize("status", [MembershipStatus.DECLINED, MembershipStatus.SUSPENDED])
def test_a_reporter_no_longer_a_member_gets_no_more_report_emails(
    status: MembershipStatus, django_capture_on_commit_callbacks: Capture
) -> None:
    reporter, reported = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reporter).post(f"/members/{reported.pk}/report/", {"reason": "Threats."})
    assert len(bodies_to("ana@example.org")) == 1  # "We received your report"
    User.objects.filter(pk=reporter.pk).update(membership_status=status)
    report = Report.objects.get()
    organizer = signed_in(make_user(is_organizer=True))
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(f"/manage/reports/{report.pk}/", {"action": "acknowledge"})
        response = organizer.post(
            f"/manage/reports/{report.pk}/",
            {"action": "close", "outcome": "warning", "message": "We spoke to them."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.outcome) == ("closed", "warning")
    assert len(bodies_to("ana@example.org")) == 1


def test_report_alerts_go_to_organizers_who_can_still_act(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    make_user(is_organizer=True, email="olu@example.org")
    make_user(is_organizer=True, is_admin=True, email="ada@example.org")
    make_user(
        is_organizer=True, email="sid@example.org", membership_status=MembershipStatus.SUSPENDED
    )
    make_user(is_coordinator=True, email="cora@example.org")
    reporter, reported = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reporter).post(f"/members/{reported.pk}/report/", {"reason": "Threats."})
    run_queued_tasks()
    alerted = sorted(
        address
        for message in mail.outbox
        if message.subject == "A new report needs an organizer"
        for address in message.to
    )
    assert alerted == ["ada@example.org", "olu@example.org"]


def test_the_people_someone_blocked_are_exported_by_the_name_members_know() -> None:
    blocker = make_user(name="Ana")
    blocked = make_user(name="", email="hidden-address@example.org")
    profile_ensure(user=blocked)
    blocked.profile.display_name = "Ben B."
    blocked.profile.save()
    signed_in(blocker).post(f"/members/{blocked.pk}/block/", {"block": "1"})
    assert personal_data_export(blocker)["People you blocked"] == [{"blocked": "Ben B."}]


def test_one_address_reports_any_post_and_returns_to_where_it_was_read() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    post = Post.objects.get()
    client = signed_in(recipient)
    url = f"/conversations/posts/{post.pk}/report/"
    assert "Report this message" in parse(client.get(url).content).one("h1").text()
    response = client.post(url, {"reason": "Insulting me."})
    # A message: back to the conversation, not to a post page that leads elsewhere.
    assert response["Location"] == f"/conversations/threads/{post.thread_id}/"
    assert Report.objects.get().post == post
    assert client.get(f"/conversations/direct/posts/{post.pk}/report/").status_code == 404
