import datetime as dt
import logging
import re
import shlex
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.log import log_message
from gunicorn.config import Config

from dm3p.core.logs import secrets_masked
from tests.helpers import url_patterns

pytestmark = pytest.mark.django_db

TOKEN = "Sx4mP1e-Cap4bility_T0ken-that-opens-a-door-AAAA"
DEMO_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "demo"
# Every address whose path holds a secret; new ones must be masked in dm3p.core.logs.
CAPABILITY_URL_NAMES = {
    "events:private_feed",
    "members:apply_resume",
    "members:apply_status_link",
    "accounts:welcome_start",
    "account_confirm_email",
    "account_reset_password_from_key",
    "events:answer_link",
    "accommodations:for_event_by_link",
    "conversations:unsubscribe",
}


def test_capability_urls_are_the_ones_the_log_filter_knows() -> None:
    with_secrets = {
        name
        for name, pattern in url_patterns()
        if re.search(r"token|<key>|\(\?P<key>", str(pattern.pattern))
        and not str(pattern.pattern).endswith("<slug:key>/")  # e-mail template names
    }
    assert with_secrets == CAPABILITY_URL_NAMES


def test_capability_urls_are_masked() -> None:
    urls = [
        reverse("events:private_feed", kwargs={"token": TOKEN}),
        reverse("members:apply_resume", kwargs={"token": TOKEN}),
        reverse("members:apply_status_link", kwargs={"token": TOKEN}),
        reverse("accounts:welcome_start", kwargs={"token": TOKEN}),
        reverse("account_confirm_email", kwargs={"key": TOKEN}),
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1a", "key": TOKEN}),
        reverse("events:answer_link", kwargs={"token": TOKEN}),
        reverse("accommodations:for_event_by_link", kwargs={"token": TOKEN}),
        reverse("conversations:unsubscribe", kwargs={"token": TOKEN}),
    ]
    assert [secrets_masked(f"GET {url} HTTP/1.1") for url in urls] == [
        "GET /events/feed/[hidden].ics HTTP/1.1",
        "GET /apply/resume/[hidden]/ HTTP/1.1",
        "GET /apply/status/[hidden]/ HTTP/1.1",
        "GET /account/welcome/start/[hidden]/ HTTP/1.1",
        "GET /accounts/confirm-email/[hidden]/ HTTP/1.1",
        "GET /accounts/password/reset/key/[hidden]/ HTTP/1.1",
        "GET /events/answer/[hidden]/ HTTP/1.1",
        "GET /events/answer/[hidden]/access/ HTTP/1.1",
        "GET /unsubscribe/[hidden]/ HTTP/1.1",
    ]


def test_search_words_and_secret_query_values_are_masked() -> None:
    assert secrets_masked("/manage/people/?q=jane%40example.org&page=2") == (
        "/manage/people/?q=[hidden]&page=2"
    )
    assert secrets_masked("/events/feed.ics?token=abc") == "/events/feed.ics?token=[hidden]"


def test_ordinary_addresses_are_logged_as_they_are() -> None:
    for url in [
        "/events/feed.ics",
        "/events/12/event.ics",
        "/accounts/password/reset/key/done/",
        "/apply/status/",
        "/account/welcome/",
    ]:
        assert secrets_masked(url) == url


def test_feed_request_with_a_token_is_logged_with_the_token_masked(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="django.request")
    response = client.get(f"/events/feed/{TOKEN}.ics")
    assert response.status_code == 404
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages == ["Not Found: /events/feed/[hidden].ics"]
    assert TOKEN not in caplog.text


def test_runserver_access_log_masks_the_token(caplog: pytest.LogCaptureFixture) -> None:
    server_log = logging.getLogger("django.server")
    server_log.addHandler(caplog.handler)  # it does not pass records up to the root logger
    try:
        log_message(
            server_log,
            '"%s" %s %s',
            f"GET /apply/resume/{TOKEN}/ HTTP/1.1",
            "200",
            "2048",
            status_code=200,
        )
    finally:
        server_log.removeHandler(caplog.handler)
    assert [r.getMessage() for r in caplog.records] == [
        '"GET /apply/resume/[hidden]/ HTTP/1.1" 200 2048'
    ]


def demo_gunicorn_arguments() -> list[str]:
    script = DEMO_SCRIPT.read_text().replace("\\\n", " ")
    line = next(line for line in script.splitlines() if "bin/gunicorn" in line)
    return shlex.split(line)[1:]


def test_demo_server_access_log_masks_the_token(caplog: pytest.LogCaptureFixture) -> None:
    config = Config()
    parsed = config.parser().parse_args(demo_gunicorn_arguments())
    for name, value in vars(parsed).items():
        if value is not None and name != "args":
            config.set(name.lower(), value)
    access_log = logging.getLogger("gunicorn.access")
    own_handlers = list(access_log.handlers)
    gunicorn_logger = config.logger_class(config)
    access_log.addHandler(caplog.handler)
    try:
        path = f"/events/feed/{TOKEN}.ics"
        gunicorn_logger.access(
            SimpleNamespace(status="200 OK", response_length=512, headers=(), sent=512),
            SimpleNamespace(headers=()),
            {
                "REQUEST_METHOD": "GET",
                "RAW_URI": path,
                "PATH_INFO": path,
                "QUERY_STRING": "",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
            },
            dt.timedelta(milliseconds=20),
        )
    finally:
        for handler in list(access_log.handlers):
            if handler not in own_handlers:
                access_log.removeHandler(handler)
        access_log.filters.clear()
    assert [r.getMessage() for r in caplog.records] == [
        '127.0.0.1 "GET /events/feed/[hidden].ics" 200 512'
    ]
