"""A real gunicorn for tests: started on a loopback port, pointed at the test database, and
spoken to over HTTP as a browser would (session and CSRF cookies, form posts)."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils.crypto import get_random_string

from dm3p.accounts.models import User

BASE_DIR = Path(settings.BASE_DIR)
START_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 60.0


def tests_database_url() -> str:
    """DATABASE_URL for the database the tests run on (pytest-django's test database)."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    if connection.vendor == "postgresql":
        user = quote(str(settings_dict.get("USER") or ""), safe="")
        password = quote(str(settings_dict.get("PASSWORD") or ""), safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        port = settings_dict.get("PORT") or 5432
        host = settings_dict.get("HOST") or "127.0.0.1"
        return f"postgres://{credentials}{host}:{port}/{quote(str(settings_dict['NAME']))}"
    raise NotImplementedError(connection.vendor)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@dataclass(frozen=True)
class Answer:
    status: int
    location: str


def _environment(port: int, media_root: Path) -> dict[str, str]:
    """The site's settings for the server: development mode (plain http) with DEBUG off, in
    demo mode as the tests are, the test database, and the test process's keys, so sessions
    made here are valid there."""
    site = f"http://127.0.0.1:{port}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DM3P_ENV": "development",
        "DEBUG": "0",
        # The tests' own settings: demo mode allows their development key and salt.
        "DM3P_DEMO": "1",
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_SALTS": ",".join(settings.SALT_KEY),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": site,
        "CSRF_TRUSTED_ORIGINS": site,
        "DATABASE_URL": tests_database_url(),
        "EMAIL_URL": "locmem://",
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }


def _answers(port: int) -> bool:
    http_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        http_connection.request("GET", "/")
        return http_connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        http_connection.close()


def gunicorn_start(*, log: Path, workers: int = 4, threads: int = 4) -> Server:
    """Start gunicorn on a loopback port of its own; return once it answers."""
    # The test binds the socket and hands it over, so no other process can take the port.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(256)
    port = listener.getsockname()[1]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed program and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind=fd://{listener.fileno()}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--worker-class=gthread",
                "--preload",
                "--timeout=60",
                "--graceful-timeout=5",
                "--backlog=512",
            ],
            cwd=BASE_DIR,
            env=_environment(port, media_root=log.parent / "media"),
            stdout=output,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
            start_new_session=True,
        )
    listener.close()
    server = Server(process=process, port=port, log=log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            gunicorn_stop(server)
            raise RuntimeError(f"gunicorn did not start:\n{server.log_tail()}")
        time.sleep(0.2)
    return server


def gunicorn_stop(server: Server) -> None:
    """Stop the server and its workers at once: they share a process group of their own, and
    nothing is left for them to finish once a test has its answers."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)


@dataclass(frozen=True)
class Browser:
    """Cookies of one signed-in person: a session made directly in the session store, and a
    CSRF secret set as the cookie and sent back with each form, as the site's pages do."""

    session_key: str
    csrf_secret: str

    @property
    def cookie(self) -> str:
        return (
            f"{settings.SESSION_COOKIE_NAME}={self.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf_secret}"
        )


def signed_in_browser(user: User) -> Browser:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "dm3p.accounts.backends.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return Browser(session_key=store.session_key, csrf_secret=get_random_string(32))


def form_post(server: Server, browser: Browser, path: str, fields: Mapping[str, object]) -> Answer:
    """POST a form as a browser would; the answer's status and redirect, not followed."""
    body = urlencode({**fields, "csrfmiddlewaretoken": browser.csrf_secret}, doseq=True).encode()
    http_connection = http.client.HTTPConnection(
        "127.0.0.1", server.port, timeout=REQUEST_TIMEOUT_S
    )
    try:
        http_connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": browser.cookie,
            },
        )
        response = http_connection.getresponse()
        response.read()
        return Answer(status=response.status, location=response.getheader("Location") or "")
    finally:
        http_connection.close()


def page_get(server: Server, path: str) -> tuple[int, str]:
    """GET a page without signing in: its status and text."""
    http_connection = http.client.HTTPConnection(
        "127.0.0.1", server.port, timeout=REQUEST_TIMEOUT_S
    )
    try:
        http_connection.request("GET", path)
        response = http_connection.getresponse()
        return response.status, response.read().decode()
    finally:
        http_connection.close()


def posts_at_once(
    server: Server, posts: Sequence[tuple[Browser, str, Mapping[str, object]]]
) -> list[Answer]:
    """Send every post at the same moment, one thread each; their answers, in order."""
    start = threading.Barrier(len(posts))

    def send(post: tuple[Browser, str, Mapping[str, object]]) -> Answer:
        start.wait(timeout=REQUEST_TIMEOUT_S)
        return form_post(server, *post)

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))
