"""Production settings: refuse to start unsafely, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

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
