"""The database unreachable while the web server and the worker run: pages answer a plain
"briefly unavailable" page (503) with nothing of the error in it, and the worker waits and
carries on once the database is back."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from dm3p.core.enums import EmailStatus
from dm3p.core.models import OutboundEmail
from dm3p.core.services import email_queue
from tests.factories import make_user
from tests.faults.browsing import fetch, page_text
from tests.faults.helpers import Outage, SmtpServer, running, wait_until
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db(transaction=True)

UNAVAILABLE = "The site is briefly unavailable"


def test_database_unreachable_pages_answer_503_and_worker_resumes(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    client = signed_in(make_user())
    session_cookie = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    pages = [
        (reverse("pages:home"), ""),
        (reverse("account_login"), ""),
        (reverse("accounts:overview"), session_cookie),
    ]
    before = email_queue(
        key="outage-test:before",
        kind="security",
        to_address="someone@example.org",
        subject="Sent before the outage",
        text_body="Hello.",
    )
    assert before is not None
    outage = Outage(tmp_path)
    try:
        with running(tmp_path, database_url=outage.database_url, smtp=smtp) as services:
            web = services.web()
            base = web.base
            worker = services.worker("worker")
            wait_until(
                lambda: smtp.message_ids() == [before.message_id],
                what="the worker to send an e-mail while the database is up",
            )
            for path, cookie in pages:
                answer = fetch(base + path, cookie=cookie)
                assert (path, answer.status) == (path, 200)
                assert UNAVAILABLE not in answer.body

            outage.cut()
            email = email_queue(
                key="outage-test:during",
                kind="security",
                to_address="someone@example.org",
                subject="Sent after the outage",
                text_body="Hello.",
            )
            assert email is not None
            for path, cookie in pages:
                answer = fetch(base + path, cookie=cookie)
                assert (path, answer.status) == (path, 503)
                assert answer.headers["Retry-After"] == "60"
                assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
                assert page_text(answer.body, "title") == UNAVAILABLE
                assert page_text(answer.body, "h1") == UNAVAILABLE
                for leak in ("Traceback", "Error", "sqlite", "psycopg", "File ", ".py"):
                    assert leak not in answer.body
            wait_until(
                lambda: "The database cannot be reached" in worker.log(),
                what="the worker to notice the database is unreachable",
            )
            assert worker.alive(), worker.log()
            assert smtp.message_ids() == [before.message_id]
            assert "Traceback" not in worker.log()

            outage.restore()
            wait_until(
                lambda: smtp.message_ids() == [before.message_id, email.message_id],
                what="the queued e-mail to be sent once the database is back",
            )
            wait_until(
                lambda: OutboundEmail.objects.get(pk=email.pk).status == EmailStatus.SENT,
                what="the e-mail to be marked sent",
            )
            assert worker.alive(), worker.log()
            assert "The database is back" in worker.log()
            for path, cookie in pages:
                assert fetch(base + path, cookie=cookie).status == 200
            assert web.alive(), web.log()
    finally:
        outage.close()


def test_worker_started_while_database_unreachable_waits_then_sends(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    email = email_queue(
        key="outage-test:start",
        kind="security",
        to_address="someone@example.org",
        subject="Sent once the database is up",
        text_body="Hello.",
    )
    assert email is not None
    outage = Outage(tmp_path)
    try:
        outage.cut()
        with running(tmp_path, database_url=outage.database_url, smtp=smtp) as services:
            worker = services.worker("worker")
            wait_until(
                lambda: "The database cannot be reached" in worker.log() or not worker.alive(),
                what="the worker to find the database unreachable",
            )
            assert worker.alive(), worker.log()
            outage.restore()
            wait_until(
                lambda: smtp.message_ids() == [email.message_id],
                what="the e-mail to be sent once the database is up",
            )
            assert worker.alive(), worker.log()
    finally:
        outage.close()
