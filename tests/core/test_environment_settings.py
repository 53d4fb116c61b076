"""Settings read from the environment by django-environ keep the meanings the README gives
them: EMAIL_URL's schemes, comma-separated lists, DATABASE_URL and REDIS_URL."""

from urllib.parse import urlparse

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env, env_list, mailers_from_url
from tests.core.test_production_settings import manage

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def smtp_options(url: str) -> dict[str, object]:
    mailer = mailers_from_url(urlparse(url), production=True, demo=False)
    assert mailer["BACKEND"] == SMTP
    options: dict[str, object] = mailer["OPTIONS"]
    return options


def test_email_url_smtp_sends_with_starttls_and_decodes_the_password() -> None:
    assert smtp_options("smtp://mailer%40example.org:se%2Fcr%3Aet@smtp.example.org:587") == {
        "host": "smtp.example.org",
        "port": 587,
        "username": "mailer@example.org",
        "password": "se/cr:et",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 30,
    }


def test_email_url_smtp_without_a_port_uses_587() -> None:
    assert smtp_options("smtp://smtp.example.org")["port"] == 587


def test_email_url_smtp_tls_0_sends_without_tls() -> None:
    options = smtp_options("smtp://127.0.0.1:2525?tls=0")
    assert (options["host"], options["port"], options["username"], options["password"]) == (
        "127.0.0.1",
        2525,
        "",
        "",
    )
    assert (options["use_ssl"], options["use_tls"]) == (False, False)


def test_email_url_smtps_uses_tls_from_the_start_on_port_465() -> None:
    options = smtp_options("smtps://mailer:secret@smtp.example.org")
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_email_url_console_prints_or_fills_the_demo_mailbox() -> None:
    console = urlparse("console://")
    assert mailers_from_url(console, production=False, demo=False) == {
        "BACKEND": "django.core.mail.backends.console.EmailBackend"
    }
    assert mailers_from_url(console, production=False, demo=True) == {
        "BACKEND": "dm3p.core.mail.DemoEmailBackend"
    }


def test_email_url_other_or_none_keeps_mail_in_memory_outside_production() -> None:
    for url in ("", "locmem://"):
        assert mailers_from_url(urlparse(url), production=False, demo=True) == {
            "BACKEND": "django.core.mail.backends.locmem.EmailBackend"
        }


def test_email_url_missing_refuses_to_start_in_production() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"Set EMAIL_URL \(smtp://"):
        mailers_from_url(urlparse(""), production=True, demo=False)


def test_env_list_trims_items_and_falls_back_when_unset_or_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DM3P_TEST_LIST", " a.example.org, b.example.org ,, ")
    assert env_list("DM3P_TEST_LIST", ["default"]) == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("DM3P_TEST_LIST", "")
    assert env_list("DM3P_TEST_LIST", ["default"]) == ["default"]
    monkeypatch.delenv("DM3P_TEST_LIST")
    assert env_list("DM3P_TEST_LIST", ["default"]) == ["default"]


SHOW_DATABASE_AND_CACHE = (
    "from django.conf import settings\n"
    "db = settings.DATABASES['default']; cache = settings.CACHES['default']\n"
    "print(db['ENGINE'], db['HOST'], db['PORT'], db['NAME'], db['USER'], db['PASSWORD'],"
    " db['OPTIONS'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])\n"
    "print(cache['BACKEND'], cache['LOCATION'])\n"
    "print(settings.ALLOWED_HOSTS, settings.MAILERS['default']['OPTIONS']['use_tls'])"
)


def test_database_and_redis_urls_configure_postgresql_and_the_redis_cache() -> None:
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_DATABASE_AND_CACHE,
        DATABASE_URL="postgres://dm3p:pa%40ss@db.example.org:5433/dm3p?sslmode=require",
        REDIS_URL="rediss://cache.example.org:6380/1",
        ALLOWED_HOSTS="dm3p.example.org, www.dm3p.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "django.db.backends.postgresql db.example.org 5433 dm3p dm3p pa@ss "
        "{'sslmode': 'require'} 60 True",
        "django.core.cache.backends.redis.RedisCache rediss://cache.example.org:6380/1",
        "['dm3p.example.org', 'www.dm3p.example.org'] True",
    ]


def test_without_redis_url_the_cache_is_the_database() -> None:
    result = manage("shell", "--no-imports", "-c", SHOW_DATABASE_AND_CACHE, REDIS_URL=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "django.core.cache.backends.db.DatabaseCache dm3p_cache"


def test_a_value_starting_with_an_escaped_dollar_is_kept_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DM3P_TEST_SECRET", r"\$ecret-value")
    monkeypatch.setenv("DM3P_TEST_NAMED", "$DM3P_TEST_SECRET")
    assert env.str("DM3P_TEST_SECRET") == "$ecret-value"
    assert env.str("DM3P_TEST_NAMED") == "$ecret-value"
