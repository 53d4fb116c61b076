"""The client's address behind proxies (TRUSTED_PROXIES), for every rate limit."""

import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from dm3p.core.clients import client_address
from dm3p.core.ratelimits import client_key
from tests.core.test_production_settings import ROOT
from tests.factories import TEST_PASSWORD, make_user


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxies: the header is the client's own words
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # what the client sent is ignored
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.5", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # shorter than the proxies would make it
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_reads_as_many_proxies_as_trusted(
    proxies: int, forwarded: str, expected: str
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_address(request) == expected


def test_client_key_counts_ipv6_by_network() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::"
    assert client_key("203.0.113.7") == "203.0.113.7"
    assert client_key("") == "unknown"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1)
def test_one_client_behind_the_proxy_can_not_block_everyone_signing_in() -> None:
    cache.clear()
    make_user(email="mei@example.org")
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for attempt in range(40):
        attacker.post(
            "/accounts/login/", {"login": f"guess{attempt}@example.org", "password": "wrong"}
        )
    blocked = attacker.post("/accounts/login/", {"login": "x@example.org", "password": "wrong"})
    assert blocked.status_code == 429
    member = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23")
    response = member.post(
        "/accounts/login/", {"login": "mei@example.org", "password": TEST_PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/home/")


def _setting_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "from django.conf import settings; "
        "print(settings.TRUSTED_PROXIES, settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    return subprocess.run(  # noqa: S603 - our own settings, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.test_settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_trusted_proxies_comes_from_the_environment_for_the_site_and_allauth() -> None:
    assert _setting_with({}).stdout.split() == ["0", "0"]
    assert _setting_with({"TRUSTED_PROXIES": "2"}).stdout.split() == ["2", "2"]
    refused = _setting_with({"TRUSTED_PROXIES": "one"})
    assert refused.returncode != 0
    assert "TRUSTED_PROXIES must be a whole number" in refused.stderr
