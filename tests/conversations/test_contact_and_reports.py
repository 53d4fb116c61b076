import pytest
from django.core import mail
from django.core.cache import cache

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.models import Block, Message, Report
from dm3p.conversations.services.messages import MESSAGES_PER_HOUR
from dm3p.core.models import AuditEntry
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import bodies_to
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.helpers import Capture, run_queued_tasks, signed_in
from tests.html_tree import Page, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str, email: str) -> User:
    user = make_user(name=name, email=email)
    profile_ensure(user=user)
    return user


def test_message_is_emailed_without_the_sender_address_unless_chosen(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(sender).post(
            f"/members/{recipient.pk}/contact/", {"body": "Hello from Ana"}
        )
    assert response["Location"] == f"/members/{recipient.pk}/"
    [email] = bodies_to("ben@example.org")
    assert "Hello from Ana" in email
    assert "ana@example.org" not in email
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(sender).post(
            f"/members/{recipient.pk}/contact/", {"body": "Again", "reveal_email": "on"}
        )
    assert "You can reply to ana@example.org." in bodies_to("ben@example.org")[-1]


def test_message_can_be_read_on_the_site_by_its_two_people_only() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "PRIVATE-NOTE"})
    message = Message.objects.get()
    assert "PRIVATE-NOTE" in signed_in(recipient).get(f"/messages/{message.pk}/").content.decode()
    assert "PRIVATE-NOTE" in signed_in(sender).get(f"/messages/{message.pk}/").content.decode()
    organizer = signed_in(make_user(is_organizer=True))
    assert organizer.get(f"/messages/{message.pk}/").status_code == 404


def test_message_kept_on_site_when_the_recipient_turned_the_emails_off() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    make_email_opt_out(user=recipient, kind="member_messages")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    assert bodies_to("ben@example.org") == []
    assert _conversations_listed(signed_in(recipient).get("/messages/")) == [
        "Conversation with Ana, 1 new"
    ]


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
    assert Message.objects.count() == MESSAGES_PER_HOUR


def test_blocked_sender_is_not_delivered_and_not_told(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "1"})
    assert Block.objects.filter(blocker=recipient, blocked=sender).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    assert response["Location"] == f"/members/{recipient.pk}/"
    assert bodies_to("ben@example.org") == []
    message = Message.objects.get()
    assert (message.sender_id, message.recipient_id, message.delivered) == (
        sender.pk,
        recipient.pk,
        False,
    )
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "0"})
    assert not Block.objects.exists()


def _conversations_listed(response: Page) -> list[str]:
    """The conversations listed on the inbox page, by their links' names."""
    assert response.status_code == 200
    main = parse(response.content).one("main")
    return [link.text() for link in main.all("a") if link.text().startswith("Conversation")]


def test_blocked_sender_still_sees_the_message_in_their_sent_list() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(recipient).post(f"/members/{sender.pk}/block/", {"block": "1"})
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "WITHHELD-TEXT"})
    message = Message.objects.get()
    sender_client = signed_in(sender)
    assert _conversations_listed(sender_client.get("/messages/")) == ["Conversation with Ben"]
    opened = sender_client.get(f"/messages/{message.pk}/")
    assert opened.status_code == 200
    assert "WITHHELD-TEXT" in parse(opened.content).text()
    recipient_client = signed_in(recipient)
    assert _conversations_listed(recipient_client.get("/messages/")) == []
    assert recipient_client.get(f"/messages/{message.pk}/").status_code == 404
    assert recipient_client.get(f"/messages/{message.pk}/report/").status_code == 404
    assert personal_data_export(recipient)["Messages"] == []
    assert [row["text"] for row in personal_data_export(sender)["Messages"]] == ["WITHHELD-TEXT"]


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
    message = Message.objects.get()
    organizer_user = make_user(is_organizer=True, email="olu@example.org")
    organizer = signed_in(organizer_user)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(reporter).post(f"/messages/{message.pk}/report/", {"reason": "Insulting me."})
    report = Report.objects.get()
    assert (report.reporter_id, report.about_id, report.message_id) == (
        reporter.pk,
        reported.pk,
        message.pk,
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


def test_only_the_recipient_can_report_a_message() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Hi"})
    message = Message.objects.get()
    assert signed_in(sender).get(f"/messages/{message.pk}/report/").status_code == 404


def test_deleting_an_account_keeps_sent_messages_for_their_recipients_unsigned() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    signed_in(sender).post(f"/members/{recipient.pk}/contact/", {"body": "Kept for Ben"})
    signed_in(sender).post("/profile/delete/", {"confirm_email": "ana@example.org"})
    message = Message.objects.get()
    assert message.sender_id is None
    page = signed_in(recipient).get(f"/messages/{message.pk}/").content.decode()
    assert "Conversation with a former member" in page
    assert "A former member wrote" in page
    assert "Kept for Ben" in page


def test_message_page_shows_the_reply_address_only_as_the_sender_chose() -> None:
    sender, recipient = member("Ana", "ana@example.org"), member("Ben", "ben@example.org")
    client = signed_in(sender)
    client.post(f"/members/{recipient.pk}/contact/", {"body": "Hidden"})
    client.post(f"/members/{recipient.pk}/contact/", {"body": "Shared", "reveal_email": "on"})
    hidden, shared = Message.objects.order_by("id")
    reader = signed_in(recipient)
    hidden_page = page_shown(reader.get(f"/messages/{hidden.pk}/"), "Conversation with Ana")
    assert "Hidden" in hidden_page
    assert "ana@example.org" not in hidden_page
    assert "mailto:ana@example.org" in reader.get(f"/messages/{shared.pk}/").content.decode()
    assert "ana@example.org" not in page_shown(
        client.get(f"/messages/{shared.pk}/"), "Conversation with Ben"
    )


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
