"""Real processes for the fault tests: a small SMTP server, the task worker and the web server
as subprocesses on the test's database, and a way to cut that database off from them.

Every wait here is bounded; processes are killed by their own id when a test ends.
"""

import email
import email.policy
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from io import BufferedIOBase
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from dm3p.core.models import OutboundEmail
from dm3p.core.services import email_queue

# Generous bounds for a loaded two-core machine; a healthy run takes a fraction of them.
START_TIMEOUT_S = 60.0
WAIT_TIMEOUT_S = 60.0


def wait_until(
    condition: Callable[[], bool], *, what: str, timeout: float = WAIT_TIMEOUT_S
) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}.")
        time.sleep(0.05)


# The SMTP server ---------------------------------------------------------------------------


@dataclass
class Received:
    """One message the SMTP server accepted (answered 250 to)."""

    message_id: str
    subject: str
    to: str


@dataclass
class Hold:
    """Stops the next SMTP session that reaches ``point`` until released.

    - "greeting": before the server's 220 greeting; on release the session just closes.
    - "data": the message is in, but before the server's 250 (not accepted); on release the
      message is dropped and the session closes.
    - "quit": after the 250 (accepted, recorded), before answering QUIT; on release it
      answers 221, so a live client carries on.
    """

    point: str
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    message_id: str = ""

    def wait_reached(self, timeout: float = WAIT_TIMEOUT_S) -> None:
        if not self.reached.wait(timeout):
            raise AssertionError(f"Timed out waiting for an SMTP session to reach {self.point}.")


class SmtpServer:
    """A minimal SMTP server on a free loopback port that records the messages it accepts.

    It speaks just enough of the protocol for Python's smtplib: EHLO/HELO, MAIL, RCPT, DATA,
    RSET, NOOP and QUIT, without TLS or authentication.
    """

    def __init__(self) -> None:
        self.received: list[Received] = []
        self._lock = threading.Condition()
        self._holds: list[Hold] = []
        self._every_hold: list[Hold] = []
        self._together = 0
        server = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 120

            def handle(self) -> None:
                server._session(self.rfile, self.wfile)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?tls=0"

    def hold_next(self, point: str) -> Hold:
        hold = Hold(point=point)
        with self._lock:
            self._holds.append(hold)
            self._every_hold.append(hold)
        return hold

    def start_together(self, sessions: int) -> None:
        """The first ``sessions`` sessions wait at the greeting until all of them are open."""
        with self._lock:
            self._together = sessions

    def message_ids(self) -> list[str]:
        with self._lock:
            return [message.message_id for message in self.received]

    def close(self) -> None:
        with self._lock:
            for hold in self._every_hold:
                hold.released.set()
            self._together = 0
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def _take_hold(self, point: str) -> Hold | None:
        with self._lock:
            for hold in self._holds:
                if hold.point == point:
                    self._holds.remove(hold)
                    return hold
        return None

    def _stop_at(self, point: str, message_id: str = "") -> Hold | None:
        hold = self._take_hold(point)
        if hold is not None:
            hold.message_id = message_id
            hold.reached.set()
            hold.released.wait(WAIT_TIMEOUT_S * 2)
        return hold

    def _wait_for_company(self) -> None:
        with self._lock:
            if self._together > 0:
                self._together -= 1
                self._lock.notify_all()
                self._lock.wait_for(lambda: self._together == 0, timeout=WAIT_TIMEOUT_S)

    def _session(self, rfile: BufferedIOBase, wfile: BufferedIOBase) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode("ascii") + b"\r\n")
            wfile.flush()

        self._wait_for_company()
        if self._stop_at("greeting") is not None:
            return
        reply("220 127.0.0.1 test mail server")
        while True:
            line = rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip().upper()
            if command.startswith("EHLO"):
                reply("250-127.0.0.1")
                reply("250-8BITMIME")
                reply("250 SMTPUTF8")
            elif command.startswith(("HELO", "MAIL", "RCPT", "RSET", "NOOP")):
                reply("250 OK")
            elif command == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data(rfile)
                message = email.message_from_bytes(data, policy=email.policy.default)
                received = Received(
                    message_id=str(message["Message-ID"]),
                    subject=str(message["Subject"]),
                    to=str(message["To"]),
                )
                if self._stop_at("data", received.message_id) is not None:
                    return
                with self._lock:
                    self.received.append(received)
                reply("250 OK: queued")
                self._stop_at("quit", received.message_id)
            elif command == "QUIT":
                reply("221 Bye")
                return
            else:
                reply("502 Command not implemented")

    @staticmethod
    def _read_data(rfile: BufferedIOBase) -> bytes:
        lines = []
        while True:
            line = rfile.readline()
            if not line or line == b".\r\n":
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


# Processes ---------------------------------------------------------------------------------

PROJECT = Path(settings.BASE_DIR)
PYTHON = sys.executable


class Service:
    """A subprocess of the project (worker or web server) with its output in a file. It leads
    a process group of its own, so its children (gunicorn's workers) go with it."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        log_dir: Path,
        *,
        base: str = "",
        pass_fds: tuple[int, ...] = (),
    ) -> None:
        self.name = name
        self.base = base  # a web server's address, http://127.0.0.1:port
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py/gunicorn, fixed args
            argv,
            cwd=PROJECT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            pass_fds=pass_fds,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to it and its children, as when a machine loses power: no clean-up."""
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT_TIMEOUT_S)

    def stop(self) -> None:
        """SIGTERM and wait; SIGKILL if it does not stop in time."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


class Services:
    """Starts processes with the site's settings for the tests (see service_env) and stops
    every one of them at the end."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.started: list[Service] = []

    def worker(self, name: str) -> Service:
        service = Service(
            name,
            [PYTHON, "manage.py", "worker", "--interval", "0.1", "--worker-id", name],
            self.env,
            self.log_dir,
        )
        self.started.append(service)
        return service

    def web(self, name: str = "web", *, workers: int = 1, threads: int = 1) -> Service:
        """gunicorn on a loopback port of its own, as the site runs in production (DEBUG
        off); returns once it answers."""
        # The test binds the socket and hands it over, so no other process can take the port.
        listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        env = {
            **self.env,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": base,
            "CSRF_TRUSTED_ORIGINS": base,
            "MEDIA_ROOT": str(self.log_dir / f"{name}-media"),
        }
        argv = [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            f"--bind=fd://{listener.fileno()}",
            f"--workers={workers}",
            f"--threads={threads}",
            f"--worker-class={'gthread' if threads > 1 else 'sync'}",
            "--preload",
            "--timeout=60",
            "--graceful-timeout=5",
            "--backlog=512",
        ]
        with listener:
            service = Service(
                name, argv, env, self.log_dir, base=base, pass_fds=(listener.fileno(),)
            )
        self.started.append(service)

        def answering() -> bool:
            assert service.alive(), f"The web server stopped:\n{service.log()}"
            try:
                urllib.request.urlopen(base + "/static/core/site.css", timeout=5)  # noqa: S310
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False
            return True

        wait_until(answering, what="the web server to answer", timeout=START_TIMEOUT_S)
        return service

    def stop_all(self) -> None:
        for service in self.started:
            service.stop()


def service_env(*, database_url: str, email_url: str = "locmem://") -> dict[str, str]:
    """The site's settings for processes the tests start: development mode (plain http) with
    DEBUG off, in demo mode as the tests are, on the given database and mail server, with the
    test process's keys, so sessions and encrypted fields made here are valid there."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        EMAIL_URL=email_url,
        DM3P_ENV="development",
        # The tests' own settings: demo mode allows their development key and salt.
        DM3P_DEMO="1",
        DEBUG="0",
        PYTHONUNBUFFERED="1",
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_SALTS=",".join(settings.SALT_KEY),
        LOG_LEVEL="WARNING",
    )
    return env


def queue_emails(count: int) -> dict[str, int]:
    """Queue ``count`` e-mails for the workers to send; returns their outbox ids by
    Message-ID."""
    for number in range(count):
        email_queue(
            key=f"fault-test:{number}",
            kind="security",
            to_address=f"person{number}@example.org",
            subject=f"Message {number}",
            text_body=f"Hello, number {number}.",
        )
    return {email.message_id: email.pk for email in OutboundEmail.objects.all()}


# The database, and cutting it off ------------------------------------------------------------


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def database_url(*, host: str | None = None, port: int | None = None) -> str:
    """A DATABASE_URL for the test's own database, optionally through another host/port."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(params['NAME']).resolve()}"
    user = quote(params.get("USER") or "", safe="")
    password = quote(params.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return (
        f"postgres://{credentials}{host or params.get('HOST') or '127.0.0.1'}:"
        f"{port or params.get('PORT') or 5432}/{quote(params['NAME'], safe='')}"
    )


class TcpProxy:
    """Forwards a loopback port to PostgreSQL; ``cut`` drops every connection and refuses new
    ones (the servers then see the database as unreachable) until ``restore``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._open = True
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refuse = not self._open
            if refuse:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with self._lock:
                    self._sockets.discard(end)
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def cut(self) -> None:
        with self._lock:
            self._open = False
            sockets = list(self._sockets)
        for end in sockets:
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        with self._lock:
            self._open = True

    def close(self) -> None:
        self._running = False
        self.cut()
        self._listener.close()


class Outage:
    """The test's database as the servers reach it, and a switch to cut them off from it.

    PostgreSQL: they connect through a TCP proxy that drops and refuses connections.
    SQLite: they open the database through a symlink that is swapped for a directory, so
    opening it fails ("unable to open database file") while the file itself is untouched.
    """

    def __init__(self, tmp_path: Path) -> None:
        self._proxy: TcpProxy | None = None
        self._link: Path | None = None
        if is_postgresql():
            params = connection.settings_dict
            self._proxy = TcpProxy(
                (params.get("HOST") or "127.0.0.1", int(params.get("PORT") or 5432))
            )
            self.database_url = database_url(host="127.0.0.1", port=self._proxy.port)
        else:
            self._target = Path(connection.settings_dict["NAME"])
            self._link = tmp_path / "site.sqlite3"
            self._link.symlink_to(self._target)
            self.database_url = f"sqlite:///{self._link}"

    def cut(self) -> None:
        if self._proxy is not None:
            self._proxy.cut()
        else:
            assert self._link is not None
            self._link.unlink()
            self._link.mkdir()

    def restore(self) -> None:
        if self._proxy is not None:
            self._proxy.restore()
        else:
            assert self._link is not None
            shutil.rmtree(self._link)
            self._link.symlink_to(self._target)

    def close(self) -> None:
        if self._proxy is not None:
            self._proxy.close()


@contextmanager
def running(tmp_path: Path, *, database_url: str, smtp: SmtpServer) -> Iterator[Services]:
    """Services on the test database and SMTP server, all stopped when the block ends."""
    services = Services(service_env(database_url=database_url, email_url=smtp.url), tmp_path)
    try:
        yield services
    finally:
        services.stop_all()
