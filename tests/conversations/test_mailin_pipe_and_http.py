"""How mail reaches the site: a mail server's pipe (``manage.py receive_email``, answering
with sysexits codes) and a mail service's POST to /mail/inbound/ (with a shared secret)."""

import base64
import hashlib
import hmac
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, TestCase

from dm3p.conversations.models import BouncedAddress, InboundEmail, Post
from dm3p.conversations.services.inbound import HARD_BOUNCES_TO_STOP
from dm3p.core.enums import EmailStatus
from dm3p.core.models import OutboundEmail
from dm3p.core.services import email_queue
from tests.clock import ORDINARY
from tests.conversations.mailin import a_replier, delivery_report, reply_message
from tests.emails import emails_to
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

SECRET = "a-long-shared-secret-for-the-mail-service"
URL = "/mail/inbound/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def receive_by_pipe(raw: bytes) -> int:
    """``manage.py receive_email`` with ``raw`` on standard input; its exit status."""
    err = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(SystemExit) as exit:
        call_command("receive_email", stdin=io.BytesIO(raw), stderr=err)
    assert "Traceback" not in err.getvalue()
    return int(exit.value.code or 0)


# The pipe.


def test_a_reply_through_the_pipe_is_posted_and_exits_0() -> None:
    replier = a_replier()
    assert receive_by_pipe(reply_message(replier, "Ask for the staff room.")) == 0
    assert Post.objects.filter(author=replier.person).get().body == "Ask for the staff room."


def test_a_refused_reply_through_the_pipe_exits_0_and_is_answered() -> None:
    replier = a_replier()
    assert receive_by_pipe(reply_message(replier, sender="x@elsewhere.example")) == 0
    assert len(emails_to("x@elsewhere.example")) == 1


def test_an_unknown_reply_address_exits_67() -> None:
    raw = b"From: x@elsewhere.example\nTo: reply+" + b"a" * 32 + b"@dm3p.example.org\n\nHi\n"
    assert receive_by_pipe(raw) == 67
    assert receive_by_pipe(b"From: x@elsewhere.example\nTo: someone@dm3p.example.org\n\nHi\n") == 67


@pytest.mark.parametrize("raw", [b"", b"no headers at all, just words"])
def test_an_unreadable_message_exits_65(raw: bytes) -> None:
    assert receive_by_pipe(raw) == 65


def _run_command(raw: bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "manage.py", "receive_email"],
        input=raw,
        capture_output=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", **env},
        timeout=120,
        check=False,
    )


def test_with_the_database_unreachable_the_mail_server_is_told_to_try_again() -> None:
    raw = b"From: x@elsewhere.example\nTo: reply+" + b"a" * 32 + b"@dm3p.example.org\n\nHi\n"
    # Nothing listens on port 9: the connection is refused at once.
    run = _run_command(raw, DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    assert run.returncode == 75, run.stderr
    assert b"Traceback" not in run.stderr
    assert b"try again later" in run.stderr


def test_the_command_run_by_a_mail_server_answers_65_for_garbage_without_a_traceback() -> None:
    run = _run_command(b"\x00\x01 garbage")
    assert run.returncode == 65
    assert b"Traceback" not in run.stderr


# Bounces.


def test_a_delivery_report_counts_a_bounce_and_repeated_ones_stop_mail() -> None:
    for number in range(HARD_BOUNCES_TO_STOP):
        assert receive_by_pipe(delivery_report("Gone@Example.org")) == 0
        bounced = BouncedAddress.objects.get(address="gone@example.org")
        assert bounced.hard_bounces == number + 1
        assert (bounced.stopped_at is not None) == (number + 1 == HARD_BOUNCES_TO_STOP)
    assert InboundEmail.objects.filter(outcome="bounce").count() == HARD_BOUNCES_TO_STOP
    # Nothing answers a delivery report.
    assert emails_to("MAILER-DAEMON@mx.example.net") == []


def test_a_delay_or_a_temporary_failure_is_no_bounce() -> None:
    receive_by_pipe(delivery_report("late@example.org", status="4.4.1", action="delayed"))
    receive_by_pipe(delivery_report("late@example.org", status="4.2.2"))
    assert not BouncedAddress.objects.exists()


def test_the_outbox_skips_a_stopped_address_but_not_security_email() -> None:
    person = make_user(email="gone@example.org")
    for _ in range(HARD_BOUNCES_TO_STOP):
        receive_by_pipe(delivery_report("gone@example.org"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        email_queue(
            key="test:news",
            kind="member_messages",
            to_address=person.email,
            recipient=person,
            subject="News",
            text_body="Hello",
        )
        email_queue(
            key="test:security",
            kind="security",
            to_address=person.email,
            recipient=person,
            subject="Your password",
            text_body="Reset it",
        )
    assert [str(message.subject) for message in emails_to(person)] == ["Your password"]
    skipped = OutboundEmail.objects.get(key="test:news")
    assert (skipped.status, skipped.text_body) == (EmailStatus.SKIPPED, None)


# Over HTTP.


@pytest.fixture
def with_secret(settings: pytest.FixtureRequest) -> None:
    settings.DM3P_INBOUND_MAIL_SECRET = SECRET  # type: ignore[attr-defined]


def _signature(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post(body: bytes, **headers: str) -> tuple[int, str]:
    client = Client(enforce_csrf_checks=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, body, content_type="message/rfc822", headers=headers)
    return response.status_code, response.content.decode()


@pytest.mark.usefixtures("with_secret")
def test_a_reply_posted_with_the_signature_is_posted() -> None:
    replier = a_replier()
    raw = reply_message(replier, "Ask for the staff room.")
    assert _post(raw, **{"X-DM3P-Signature": _signature(raw)}) == (200, "posted\n")
    assert Post.objects.filter(author=replier.person).get().body == "Ask for the staff room."


@pytest.mark.usefixtures("with_secret")
def test_a_reply_posted_with_basic_authentication_is_posted() -> None:
    replier = a_replier()
    token = base64.b64encode(f"mail:{SECRET}".encode()).decode()
    assert _post(reply_message(replier), Authorization=f"Basic {token}")[0] == 200
    assert Post.objects.filter(author=replier.person).exists()


@pytest.mark.usefixtures("with_secret")
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-DM3P-Signature": "sha256=" + "0" * 64},
        {"X-DM3P-Signature": "wrong"},
        {"Authorization": "Basic " + base64.b64encode(b"mail:wrong").decode()},
        {"Authorization": "Basic not-base64!"},
    ],
)
def test_without_the_secret_nothing_is_posted(headers: dict[str, str]) -> None:
    replier = a_replier()
    raw = reply_message(replier)
    status, _ = _post(raw, **headers)
    assert status == 401
    assert not Post.objects.filter(author=replier.person).exists()
    assert not InboundEmail.objects.exists()


@pytest.mark.usefixtures("with_secret")
def test_a_signature_made_with_another_secret_or_for_another_body_is_refused() -> None:
    replier = a_replier()
    raw = reply_message(replier)
    assert _post(raw, **{"X-DM3P-Signature": _signature(raw, "another")})[0] == 401
    other = reply_message(replier, "Something else")
    assert _post(raw, **{"X-DM3P-Signature": _signature(other)})[0] == 401


def test_without_a_secret_setting_the_address_does_not_exist() -> None:
    replier = a_replier()
    raw = reply_message(replier)
    assert _post(raw, **{"X-DM3P-Signature": _signature(raw, "")})[0] == 404
    assert Client().get(URL).status_code == 404


@pytest.mark.usefixtures("with_secret")
def test_only_post_is_answered() -> None:
    response = Client().get(URL)
    assert (response.status_code, response["Allow"]) == (405, "POST")


@pytest.mark.usefixtures("with_secret")
def test_a_message_over_the_size_limit_is_refused_unread() -> None:
    raw = b"From: x@example.org\nTo: reply+abc@example.org\n\n" + b"x" * (10 * 1024 * 1024)
    assert _post(raw, **{"X-DM3P-Signature": _signature(raw)})[0] == 413
    assert not InboundEmail.objects.exists()


@pytest.mark.usefixtures("with_secret")
def test_unknown_addresses_and_unreadable_mail_are_refused_with_a_2xx() -> None:
    raw = b"From: x@elsewhere.example\nTo: reply+" + b"a" * 32 + b"@dm3p.example.org\n\nHi\n"
    assert _post(raw, **{"X-DM3P-Signature": _signature(raw)}) == (
        200,
        "refused: no such reply address\n",
    )
    garbage = b"no headers"
    assert _post(garbage, **{"X-DM3P-Signature": _signature(garbage)}) == (
        200,
        "refused: not a readable e-mail message\n",
    )
