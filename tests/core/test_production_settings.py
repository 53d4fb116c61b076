"""Settings: production and development refuse to start unsafely, demo mode is only on where
asked for, and production passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

from tests.html_tree import parse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DM3P_ENV": "production",
    "SECRET_KEY": "p" * 30 + "-production-test-key-0123456789abcdef",
    "ALLOWED_HOSTS": "dm3p.example.org",
    "SITE_URL": "https://dm3p.example.org",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587",
    "FIELD_ENCRYPTION_SALTS": "a-random-production-salt",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args: str, **env_changes: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_deploy_check() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    result = manage("check", SECRET_KEY=None)
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr


def test_production_refuses_the_development_secret_key() -> None:
    result = manage("check", SECRET_KEY="development-only-key-not-for-production-" + "x" * 24)
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = manage("check", ALLOWED_HOSTS=None)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_has_no_demo_mailbox_and_secure_cookies() -> None:
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/demo/mail/'); print('demo-mail-page-exists')\n"
        "except Resolver404:\n    print('no-demo-mail-page')\n"
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME,"
        " settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0, settings.DEMO_MODE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "no-demo-mail-page",
        "__Host-sessionid __Host-csrftoken True True False",
    ]


# Development: neither DM3P_ENV=production nor DM3P_DEMO=1.
DEVELOPMENT_ENV: dict[str, str | None] = {
    "DM3P_ENV": None,
    "DM3P_DEMO": None,
    "ALLOWED_HOSTS": None,
    "SITE_URL": None,
    "EMAIL_URL": None,
}
# Shows the demo mailbox's status and page title, on a fresh database.
FETCH_DEMO_MAILBOX = (
    "from django.core.management import call_command; from django.test import Client\n"
    "from django.conf import settings\n"
    "call_command('migrate', verbosity=0)\n"
    "response = Client().get('/demo/mail/')\n"
    "print(response.status_code, settings.DEMO_MODE, settings.MAILERS['default']['BACKEND'])\n"
    "print(response.content.decode())"
)


def test_development_refuses_to_start_without_secret_key_and_salt() -> None:
    result = manage("check", **DEVELOPMENT_ENV, SECRET_KEY=None, FIELD_ENCRYPTION_SALTS=None)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "The site cannot start: Set SECRET_KEY to a long random value (50+ characters) and "
        "FIELD_ENCRYPTION_SALTS to a random value in the environment. Make a new value for "
        "each with:\n\n    python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
    )
    assert "Traceback" not in result.stderr


def test_development_refuses_the_public_development_key() -> None:
    result = manage(
        "check",
        **DEVELOPMENT_ENV,
        SECRET_KEY="development-only-key-not-for-production-" + "x" * 24,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        "The site cannot start: Set SECRET_KEY to a long random value (50+ characters) in "
        "the environment."
    )


def test_development_refuses_the_public_development_salt() -> None:
    result = manage("check", **DEVELOPMENT_ENV, FIELD_ENCRYPTION_SALTS="dm3p-development-salt")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "The site cannot start: Set FIELD_ENCRYPTION_SALTS to a random value in the environment."
    )


def test_development_with_its_own_key_and_salt_starts_without_demo_mailbox() -> None:
    result = manage("shell", "--no-imports", "-c", FETCH_DEMO_MAILBOX, **DEVELOPMENT_ENV)
    assert result.returncode == 0, result.stderr
    first_line, html = result.stdout.split("\n", 1)
    assert first_line == "404 False django.core.mail.backends.console.EmailBackend"
    assert parse(html).one("title").text() == "Page not found – DM3P"


def test_demo_mode_only_where_asked_for_has_the_demo_mailbox() -> None:
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        FETCH_DEMO_MAILBOX,
        **{**DEVELOPMENT_ENV, "DM3P_DEMO": "1", "SECRET_KEY": None},
        FIELD_ENCRYPTION_SALTS=None,
    )
    assert result.returncode == 0, result.stderr
    first_line, html = result.stdout.split("\n", 1)
    assert first_line == "200 True dm3p.core.mail.DemoEmailBackend"
    assert parse(html).one("title").text() == "Demo mailbox – DM3P"
