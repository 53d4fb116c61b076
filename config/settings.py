"""Settings, read from the environment.

DM3P_ENV=production turns on the production settings: it refuses to start without a real
SECRET_KEY, FIELD_ENCRYPTION_SALTS and ALLOWED_HOSTS, and sets HSTS and Secure ``__Host-``
cookies. DM3P_DEMO=1 turns on demo mode (scripts/demo and the tests' settings set it): the demo
mailbox page, and a fixed development key and salt. With neither, the site still refuses to
start without a real key and salt, so that no real data is ever encrypted with public ones.
"""

import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import ParseResult

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
# django-environ reads every variable: text, flags, numbers, and database, cache and e-mail URLs.
# A value starting with $ names another variable; write \$ for a dollar sign.
env = environ.Env()
env.escape_proxy = True


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable ("a, b"); unset or empty, the default."""
    return [item for item in env.list(name, cast=str.strip, default=[]) if item] or default


def mailers_from_url(url: ParseResult, *, production: bool, demo: bool) -> dict[str, Any]:
    """Django's MAILERS for EMAIL_URL, read by django-environ. The schemes are the README's:
    smtp:// sends with STARTTLS (port 587 unless given; ``?tls=0`` for a server without it),
    smtps:// with TLS from the first byte (port 465, where django-environ would use STARTTLS),
    console:// prints each e-mail (and keeps it for the demo mailbox in demo mode). Outside
    production any other URL, or none, keeps e-mail in memory."""
    if url.scheme in {"smtp", "smtps"}:
        parsed = environ.Env.email_url_config(url)
        use_ssl = url.scheme == "smtps"
        return {
            "BACKEND": parsed["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": parsed["EMAIL_HOST"] or "localhost",
                "port": parsed["EMAIL_PORT"] or (465 if use_ssl else 587),
                "username": parsed["EMAIL_HOST_USER"] or "",
                "password": parsed["EMAIL_HOST_PASSWORD"] or "",
                "use_ssl": use_ssl,
                "use_tls": not use_ssl and parsed.get("OPTIONS", {}).get("TLS", 1) != 0,
                "timeout": 30,
            },
        }
    if url.scheme == "console":
        return {
            "BACKEND": "dm3p.core.mail.DemoEmailBackend"
            if demo
            else "django.core.mail.backends.console.EmailBackend"
        }
    if production:
        raise ImproperlyConfigured("Set EMAIL_URL (smtp://user:password@host:587) in production.")
    return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


PRODUCTION = env.str("DM3P_ENV", default="development") == "production"
DEBUG = env.bool("DEBUG", default=False) and not PRODUCTION
# Demo mode adds the page that shows the e-mails the site sent, and allows the public
# development key and salt. Only where asked for; never in production.
DEMO_MODE = env.bool("DM3P_DEMO", default=False) and not PRODUCTION

_DEVELOPMENT_SECRET_KEY = "development-only-key-not-for-production-" + "x" * 24
_DEVELOPMENT_SALT = "dm3p-development-salt"
SECRET_KEY = env.str("SECRET_KEY", default=_DEVELOPMENT_SECRET_KEY if DEMO_MODE else "")
# Encryption at rest for sensitive free text (django-fernet-encrypted-fields). Keys derive from
# SECRET_KEY (plus SECRET_KEY_FALLBACKS while rotating) and these salts; list the new salt
# first to rotate, keep the old ones until re-saved.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
SALT_KEY = env_list("FIELD_ENCRYPTION_SALTS", [_DEVELOPMENT_SALT] if DEMO_MODE else [])
if not DEMO_MODE:
    _missing = []
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("django-insecure", "development-only")):
        _missing.append("SECRET_KEY to a long random value (50+ characters)")
    # The newest salt encrypts; older ones (such as a development salt) may stay to decrypt.
    if not SALT_KEY or SALT_KEY[0] == _DEVELOPMENT_SALT:
        _missing.append("FIELD_ENCRYPTION_SALTS to a random value")
    if _missing:
        raise ImproperlyConfigured(
            f"Set {' and '.join(_missing)} in the environment"
            f"{' to run in production' if PRODUCTION else ''}. Make a new value for each with:"
            "\n\n    python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n\n"
            "Keep them safe and unchanged: what the site encrypts with them cannot be read "
            "without them."
            + (
                ""
                if PRODUCTION
                else " To try the site with demo data instead, run scripts/demo (it sets "
                "DM3P_DEMO=1)."
            )
        )
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS (comma-separated host names) to run in production."
    )

# The site's own address, used in e-mails and calendar UIDs; never taken from a request.
_site_url = env.url("SITE_URL", default="http://127.0.0.1:8000")
SITE_URL = _site_url.geturl().rstrip("/")
SITE_DOMAIN = _site_url.hostname or "localhost"
# Replies to conversation e-mails go to reply+TOKEN@ this domain, and reports of failed
# delivery to bounce+TOKEN@ it (every e-mail's envelope sender); its mail server hands both
# to the site. By default the site's own.
DM3P_REPLY_DOMAIN = env.str("DM3P_REPLY_DOMAIN", default=SITE_DOMAIN)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    # Our apps come before Django's admin and allauth so that our templates override theirs.
    "dm3p.core",
    "dm3p.accounts",
    "dm3p.pages",
    "dm3p.members",
    "dm3p.events",
    "dm3p.accommodations",
    "dm3p.circles",
    "dm3p.conversations",
    "django.contrib.admin",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "dm3p.accounts.middleware.MfaSessionMiddleware",
    "dm3p.core.middleware.PrivateCacheMiddleware",
    "dm3p.accounts.middleware.AdminGateMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dm3p.core.context_processors.site",
                "dm3p.members.context_processors.reader_zone",
            ],
        },
    },
]

FORM_RENDERER = "dm3p.core.forms.SiteFormRenderer"

# Database: SQLite (WAL) by default; PostgreSQL through DATABASE_URL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE transactions avoid "database is locked" when the web and the worker write.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # The tests' SQLite database is a file, so that concurrent writers really compete for it
    # (an in-memory database shared between threads locks whole tables instead).
    # One file per test process, so that two test runs never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"dm3p-tests-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis with REDIS_URL (redis:// or rediss://); otherwise the database, shared by every
# process (web servers and workers), so rate limits hold across them.
CACHES = {"default": env.cache_url("REDIS_URL", default="dbcache://dm3p_cache")}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A safety cap only: the matching engine stops by deterministic budgets, well before this.
CIRCLES_MATCH_TIME_LIMIT_S = env.float("CIRCLES_MATCH_TIME_LIMIT_S", default=300.0)

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "dm3p.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pages:member_home"
LOGOUT_REDIRECT_URL = "pages:home"

ACCOUNT_ADAPTER = "dm3p.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_ADAPTER = "dm3p.accounts.mfa.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="DM3P")
# Recording "last seen" would write to the database on every request; the sessions list
# still shows where and when each session started.
USERSESSIONS_TRACK_ACTIVITY = False

# E-mail: EMAIL_URL such as smtp://user:password@host:587, or console:// (mailers_from_url).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"DM3P <no-reply@{SITE_DOMAIN}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies by e-mail over HTTP (POST /mail/inbound/): the secret a mail service proves it
# knows (HTTP Basic password, or the key of an HMAC-SHA256 of the body). Empty: no such URL.
DM3P_INBOUND_MAIL_SECRET = env.str("DM3P_INBOUND_MAIL_SECRET", default="")
MAILERS = {
    "default": mailers_from_url(
        env.url("EMAIL_URL", default="" if PRODUCTION else "console://"),
        production=PRODUCTION,
        demo=DEMO_MODE,
    )
}

LANGUAGE_CODE = "en"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic fills this in production; in development whitenoise serves from the finders.
STATIC_ROOT = (BASE_DIR / "staticfiles") if PRODUCTION else None
STATICFILES_DIRS = [
    ("fonts/opendyslexic", BASE_DIR / "node_modules/@fontsource/opendyslexic/files"),
    ("fonts/atkinson", BASE_DIR / "node_modules/@fontsource/atkinson-hyperlegible-next/files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. The CSP has no 'unsafe-inline': scripts carry the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
# The number of proxies (load balancer, nginx...) in front of the site. Each must set
# X-Forwarded-Proto and X-Forwarded-For, the first one overwriting (not appending to) what the
# client sent. Rate limits count each person by the address the outermost proxy saw
# (dm3p.core.clients); with 0, X-Forwarded-For is ignored.
try:
    TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
except ValueError:
    raise ImproperlyConfigured(
        "TRUSTED_PROXIES must be a whole number: the number of proxies in front of the site."
    ) from None
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("TRUSTED_PROXIES can't be negative.")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Capability URLs (calendar feeds, resume links, allauth keys) are masked in every log line
# (dm3p.core.logs): on the loggers that write request paths, so that every handler gets the
# masked line, and on the handlers, for anything else. gunicorn's access log is masked by
# running it with --logger-class dm3p.core.logs.GunicornLogger (see scripts/demo, README).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_secret_urls": {"()": "dm3p.core.logs.SecretUrlFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["hide_secret_urls"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["hide_secret_urls"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # "Not Found" for every 404 is noise; real errors still reach the log.
        "django.request": {"level": "ERROR", "filters": ["hide_secret_urls"]},
        # runserver's access log.
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["hide_secret_urls"],
        },
    },
}

ACCOUNT_FORMS = {
    "login": "dm3p.accounts.forms.LoginForm",
    "reset_password": "dm3p.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "dm3p.accounts.forms.ResetPasswordKeyForm",
    "change_password": "dm3p.accounts.forms.ChangePasswordForm",
    "add_email": "dm3p.accounts.forms.AddEmailForm",
}
