"""Every e-mail the site sends is declared with its shipped words and named placeholders;
organizers reword any of them on Staff → E-mails, bad placeholders are refused when they
save, and "back to the shipped text" forgets their words."""

from pathlib import Path
from typing import cast

import allauth
import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from dm3p.accounts.emails import ALLAUTH_EMAILS, RESET_PASSWORD
from dm3p.circles.emails import CHECK_IN_DUE, CIRCLE_NOT_PLACED
from dm3p.core.emails import declared_email_get
from dm3p.core.hooks import COMMON_PLACEHOLDERS, DECLARED_EMAILS
from dm3p.core.models import AuditEntry, EmailWording, OutboundEmail
from dm3p.core.placeholders import placeholders_used
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import email_wording_problems, email_wording_queue, email_wording_save
from dm3p.events.emails import GATHERING_REMINDER
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.core import make_email_wording
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import error_summary, flashes, parse, textarea_value

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def sample_values(key: str) -> dict[str, object]:
    return {name: f"<{name}>" for name in declared_email_get(key).placeholders if name != "name"}


def test_every_declared_email_renders_its_shipped_words_with_every_placeholder() -> None:
    recipient = make_user(name="Rosa")
    for email in DECLARED_EMAILS:
        assert email_wording_problems(email=email, subject=email.subject, body=email.body) == {}
        used = placeholders_used(email.subject) | placeholders_used(email.body)
        assert set(email.placeholders) | set(COMMON_PLACEHOLDERS) >= used, email.key
        assert set(email.placeholders) <= used, f"{email.key} declares placeholders it never uses"
        queued = email_wording_queue(
            email=email,
            outbox_key=f"test:{email.key}",
            values=sample_values(email.key),
            recipient=recipient,
        )
        assert queued is not None
        written = f"{queued.subject}\n{queued.text_body}"
        for name in used:
            filled = {"name": "Rosa", "site_name": "DM3P"}.get(name, f"<{name}>")
            assert filled in written, (email.key, name)
        assert not any("{" + name + "}" in written for name in email.allowed), email.key
        assert queued.kind == email.kind.key
        assert f'<h1 style="font-size:24px;margin:0 0 16px;">{queued.subject}' in str(
            queued.html_body
        ).replace("&lt;", "<").replace("&gt;", ">")


def test_every_email_allauth_can_send_is_declared() -> None:
    templates = Path(allauth.__file__).parent / "templates"
    prefixes = {
        str(path.relative_to(templates)).removesuffix("_subject.txt")
        for folder in ("account/email", "mfa/email")
        for path in (templates / folder).glob("*_subject.txt")
    }
    assert sorted(prefixes - set(ALLAUTH_EMAILS)) == []


def test_a_missing_value_is_a_mistake_in_the_program() -> None:
    with pytest.raises(ValueError, match=r"needs values for \['check_in_link'\]"):
        email_wording_queue(
            email=CHECK_IN_DUE,
            outbox_key="test",
            values={"round_name": "Spring"},
            recipient=make_user(),
        )


def test_empty_placeholders_take_their_blank_lines_with_them() -> None:
    values = {
        **sample_values(GATHERING_REMINDER.key),
        "join_details": "",
        "more_details": "",
        "how_soon": "tomorrow",
    }
    queued = email_wording_queue(
        email=GATHERING_REMINDER, outbox_key="test", values=values, recipient=make_user()
    )
    assert queued is not None
    assert "When: <when>\n\nAre you coming?" in str(queued.text_body)
    assert "can have your place.\n\nLive captions are on" in str(queued.text_body)


def test_staff_emails_page_lists_every_email_grouped_by_app() -> None:
    organizer = signed_in(make_user(is_organizer=True))
    page = parse(organizer.get("/manage/emails/"))
    links = [link.attrs["href"] for link in page.one("main").all("a")]
    assert links == [f"/manage/emails/{email.key}/" for email in DECLARED_EMAILS]
    assert [heading.text() for heading in page.one("main").all("h2")] == list(
        dict.fromkeys(email.app for email in DECLARED_EMAILS)
    )


def test_staff_emails_page_reads_every_edited_wording_at_once() -> None:
    organizer = signed_in(make_user(is_organizer=True))
    make_email_wording(key=CHECK_IN_DUE.key)
    with_one = queries_for_page(organizer, "/manage/emails/")
    for email in list(DECLARED_EMAILS)[:10]:
        EmailWording.objects.get_or_create(
            key=email.key, defaults={"subject": email.subject, "body": email.body}
        )
    assert queries_for_page(organizer, "/manage/emails/") == with_one


def test_edited_wording_is_used_and_back_to_the_shipped_text_restores_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    organizer = signed_in(make_user(is_organizer=True))
    member = make_user(name="Rosa")
    url = f"/manage/emails/{CIRCLE_NOT_PLACED.key}/"
    response = organizer.post(
        url, {"subject": "{round_name}: next time", "body": "Sorry, {round_name} is full."}
    )
    assert response["Location"] == "/manage/emails/"
    edited_page = parse(organizer.get(url))
    assert textarea_value(edited_page, "body") == "Sorry, {round_name} is full."

    def send(outbox_key: str) -> OutboundEmail:
        with django_capture_on_commit_callbacks(execute=True):
            queued = email_wording_queue(
                email=CIRCLE_NOT_PLACED,
                outbox_key=outbox_key,
                values={"round_name": "Spring circles"},
                recipient=member,
            )
        assert queued is not None
        return queued

    send("edited")
    response = organizer.post(url, {"shipped": "1"})
    assert response["Location"] == url
    assert flashes(organizer.get(url)) == ["“Not placed in a circle” is back to the shipped text."]
    assert EmailWording.objects.count() == 0
    send("shipped")
    run_queued_tasks()
    assert [(message.subject, message.body) for message in mail.outbox] == [
        ("Spring circles: next time", "Sorry, Spring circles is full."),
        (
            "About your circle for Spring circles",
            "Thank you for joining Spring circles. This time we could not place you in a "
            "circle. The organizers will be in touch about what could work for you.",
        ),
    ]
    audited = AuditEntry.objects.filter(action__startswith="email_wording.").order_by("pk")
    assert list(audited.values_list("action", "fields")) == [
        ("email_wording.update", ["body", "subject"]),
        ("email_wording.reset", ["body", "subject"]),
    ]


@pytest.mark.parametrize(
    ("subject", "body", "problems"),
    [
        (
            "Check in",
            "How is {round_nmae} going? {check_in_link}",
            [
                "Message: {round_nmae} can't be used here. You can use: {round_name}, "
                "{check_in_link}, "
                "{site_name}."
            ],
        ),
        (
            "Check in",
            "How is {round_name} going?",
            [
                "Message: Keep {check_in_link}: without it the e-mail is no use to the person "
                "who gets it."
            ],
        ),
        (
            "Check in {round_name:>999}",
            "{check_in_link}",
            [
                "Subject line: {round_name:>999} can't be used here: write placeholders as a "
                "plain name in braces, like {round_name}."
            ],
        ),
    ],
)
def test_bad_placeholders_are_refused_on_saving_with_the_words_kept(
    subject: str, body: str, problems: list[str]
) -> None:
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/emails/{CHECK_IN_DUE.key}/", {"subject": subject, "body": body}
    )
    assert response.status_code == 200
    page = parse(response)
    assert error_summary(page) == problems
    assert page.one("input", name="subject").attrs["value"] == subject
    assert textarea_value(page, "body") == body
    assert EmailWording.objects.count() == 0


def test_the_service_refuses_bad_placeholders_too() -> None:
    with pytest.raises(ServiceRefusal) as refused:
        email_wording_save(
            actor=make_user(is_organizer=True), email=CHECK_IN_DUE, subject="Hi", body="{oops}"
        )
    assert refused.value.field == "body"
    assert EmailWording.objects.count() == 0


def test_unknown_email_is_not_found() -> None:
    organizer = signed_in(make_user(is_organizer=True))
    assert organizer.get("/manage/emails/no_such_email/").status_code == 404


def test_old_address_of_a_membership_email_leads_to_its_page() -> None:
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.get("/manage/membership/emails/application_declined/")
    assert response["Location"] == "/manage/emails/application_declined/"


def test_allauth_email_goes_out_in_the_organizers_words(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(email="mei@example.org")
    make_email_wording(
        key=RESET_PASSWORD.key,
        subject="A new password for {site_name}",
        body="Choose a new password here: {password_reset_url}\n\n{site_long_name}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "mei@example.org"})
    run_queued_tasks()
    [message] = mail.outbox
    assert message.subject == "A new password for DM3P"
    assert message.body.startswith(
        "Choose a new password here: http://testserver/accounts/password/reset/key/"
    )
    assert message.body.endswith("/\n\nDisability in Medicine Mutual Mentorship Program")
    html = str(cast(EmailMultiAlternatives, message).alternatives[0][0])
    assert '<a href="http://testserver/accounts/password/reset/key/' in html


def test_allauth_security_notice_names_the_organizers_address(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    member = make_user(email="mei@example.org", password="an-old-Pass-123")
    client = signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password/change/",
            {
                "oldpassword": "an-old-Pass-123",
                "password1": "a-New-pass-456",
                "password2": "a-New-pass-456",
            },
        )
    run_queued_tasks()
    [message] = [m for m in mail.outbox if m.subject == "Your password has changed"]
    assert message.body == (
        "Hello from DM3P.\n\nSomething about how you sign in to your account has just "
        "changed:\n\nYour password was changed.\n\nIf this was you, there is nothing to do. "
        "If it wasn't, choose a new password straight away from the sign-in page, and write "
        "to the organizers at hello@example.org.\n\nDisability in Medicine Mutual "
        "Mentorship Program\nhttp://127.0.0.1:8000"
    )
