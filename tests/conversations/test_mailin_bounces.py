"""Only delivery reports about mail the site sent count as bounces: the outbox sends each
e-mail from its recipient's bounce address, and a report counts only when it came back to
the bounce address made for the address it names. Forged reports stop nothing."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import TestCase

from dm3p.accounts.models import User
from dm3p.conversations.models import BouncedAddress, InboundEmail
from dm3p.conversations.services.inbound import (
    HARD_BOUNCES_TO_STOP,
    Outcome,
    Result,
    inbound_mail_receive,
)
from dm3p.core.bounce_addresses import bounce_address_make, bounce_token_fits
from dm3p.core.services import email_queue
from tests.clock import ORDINARY
from tests.conversations.mailin import delivery_report
from tests.emails import emails_to
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def receive(raw: bytes) -> Outcome:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return inbound_mail_receive(raw)


def send_news(person: User, key: str = "test:news") -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        email_queue(
            key=key,
            kind="member_messages",
            to_address=person.email,
            recipient=person,
            subject="News",
            text_body="Hello",
        )


def test_the_outbox_sends_from_the_recipients_bounce_address_and_shows_the_sites() -> None:
    person = make_user(email="Mei.Lin@example.org")
    send_news(person)
    [email] = emails_to(person)
    local, domain = email.from_email.split("@")
    assert domain == settings.DM3P_REPLY_DOMAIN
    assert local.startswith("bounce+")
    assert bounce_token_fits(token=local.removeprefix("bounce+"), address="mei.lin@example.org")
    assert email.message()["From"] == settings.DEFAULT_FROM_EMAIL
    assert "bounce+" not in email.message().as_string().split("\n\n")[0]


def test_a_token_fits_only_the_address_it_was_made_for() -> None:
    address = bounce_address_make(to_address="Mei.Lin@Example.org")
    assert address is not None
    token = address.split("@")[0].removeprefix("bounce+")
    assert bounce_token_fits(token=token, address="mei.lin@example.org")
    assert bounce_token_fits(token=token.upper(), address="MEI.LIN@example.org")
    assert not bounce_token_fits(token=token, address="ana@example.org")
    assert not bounce_token_fits(token=token, address="mei.lin@example.org.evil.example")
    assert bounce_address_make(to_address="ana@example.org") != address


def test_a_report_to_the_plain_site_address_counts_nothing_and_stops_nothing() -> None:
    person = make_user(email="mei@example.org")
    forged = delivery_report("mei@example.org", to=settings.DEFAULT_FROM_EMAIL)
    for _ in range(HARD_BOUNCES_TO_STOP):
        assert receive(forged) == Outcome(Result.BOUNCE, "unproved_bounce")
    assert not BouncedAddress.objects.exists()
    assert (
        list(InboundEmail.objects.values_list("outcome", "reason"))
        == [("bounce", "unproved_bounce")] * HARD_BOUNCES_TO_STOP
    )
    send_news(person)
    assert [str(email.subject) for email in emails_to(person)] == ["News"]


def test_a_report_to_another_addresses_bounce_address_counts_nothing() -> None:
    # The forger has a bounce address of their own, from mail the site sent them.
    own = bounce_address_make(to_address="forger@example.net")
    wrong_token = f"bounce+{'0' * 32}@{settings.DM3P_REPLY_DOMAIN}"
    for to in [own, wrong_token]:
        assert to is not None
        for _ in range(HARD_BOUNCES_TO_STOP):
            receive(delivery_report("mei@example.org", to=to))
    assert not BouncedAddress.objects.exists()
    person = make_user(email="mei@example.org")
    send_news(person)
    assert len(emails_to(person)) == 1


def test_reports_to_the_address_the_outbox_sent_from_count_and_then_stop_mail() -> None:
    person = make_user(email="mei@example.org")
    send_news(person, key="test:news:0")
    envelope_sender = emails_to(person)[0].from_email
    for number in range(HARD_BOUNCES_TO_STOP):
        outcome = receive(delivery_report("mei@example.org", to=envelope_sender))
        assert outcome == Outcome(Result.BOUNCE)
        assert BouncedAddress.objects.get().hard_bounces == number + 1
    assert BouncedAddress.objects.get().stopped_at is not None
    send_news(person, key="test:news:1")
    assert len(emails_to(person)) == 1


def test_a_report_counts_only_the_address_its_bounce_address_was_made_for() -> None:
    # One report naming two addresses, sent to the first one's bounce address.
    raw = delivery_report("mei@example.org").replace(
        b"Final-Recipient: rfc822; mei@example.org\r\n",
        b"Final-Recipient: rfc822; mei@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        b"Final-Recipient: rfc822; ana@example.org\r\n",
    )
    receive(raw)
    assert list(BouncedAddress.objects.values_list("address", "hard_bounces")) == [
        ("mei@example.org", 1)
    ]


def test_a_forwarded_mails_report_counts_by_its_original_recipient() -> None:
    raw = delivery_report(
        "mei@forwarded.example", to=bounce_address_make(to_address="mei@example.org")
    )
    raw = raw.replace(
        b"Final-Recipient: rfc822; mei@forwarded.example\r\n",
        b"Final-Recipient: rfc822; mei@forwarded.example\r\n"
        b"Original-Recipient: rfc822; mei@example.org\r\n",
    )
    assert receive(raw) == Outcome(Result.BOUNCE)
    assert list(BouncedAddress.objects.values_list("address", flat=True)) == ["mei@example.org"]


def test_without_a_reply_domain_mail_goes_from_the_site_and_reports_count_nothing(
    settings: pytest.FixtureRequest,
) -> None:
    settings.DM3P_REPLY_DOMAIN = ""  # type: ignore[attr-defined]
    person = make_user(email="mei@example.org")
    send_news(person)
    [email] = emails_to(person)
    assert email.from_email == email.message()["From"] == settings.DEFAULT_FROM_EMAIL  # type: ignore[attr-defined]
    receive(delivery_report("mei@example.org", to=email.from_email))
    assert not BouncedAddress.objects.exists()


def test_a_report_made_before_the_secret_key_changed_still_counts(
    settings: pytest.FixtureRequest,
) -> None:
    to = bounce_address_make(to_address="mei@example.org")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]  # type: ignore[attr-defined]
    settings.SECRET_KEY = "a-new-secret-key-for-the-site-" + "x" * 40  # type: ignore[attr-defined]
    assert bounce_address_make(to_address="mei@example.org") != to
    receive(delivery_report("mei@example.org", to=to))
    assert BouncedAddress.objects.get().hard_bounces == 1
