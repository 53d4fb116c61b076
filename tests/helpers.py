"""Helpers the tests share."""

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from dm3p.accounts.models import User


def run_queued_tasks(limit: int = 100) -> int:
    """Run every task that is due, as the db_worker would, inside the test's transaction.

    (The worker's own loop closes database connections between tasks, which would end the
    test's transaction, so this drives its task runner directly.)
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if result is None:
            break
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def url_patterns(
    resolver: URLResolver | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """The tests' one walk of the site's URLs: every named pattern (Django's admin
    included) with its full name, e.g. ``("events:detail", <URLPattern ...>)``."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def url_names() -> set[str]:
    """The full name of every named URL of the site."""
    return {name for name, _ in url_patterns()}


def queries_for_page(client: Client, url: str) -> int:
    """Database queries one GET of ``url`` makes, once the session is warm."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def signed_in(user: User, *, mfa_passed: bool | None = None, confirmed_now: bool = False) -> Client:
    """The tests' one way to sign in: a new test client with ``user`` signed in.

    ``mfa_passed`` says whether the session passed two-factor authentication. By default it
    did when ``user`` has two-factor set up (as staff made by the factories do), which is
    how signing in through the form leaves them; ``mfa_passed=False`` is a session that
    skipped it (what organizers without it may not see), ``True`` one that passed it.
    ``confirmed_now`` records a password just typed, so pages that ask to confirm it's you
    don't.
    """
    client = Client()
    client.force_login(user, backend="dm3p.accounts.backends.EmailBackend")
    if mfa_passed is None:
        mfa_passed = Authenticator.objects.filter(user=user).exists()
    if mfa_passed or confirmed_now:
        now = time.time()
        password: dict[str, object] = {"method": "password", "at": now, "email": user.email}
        if confirmed_now:
            password["reauthenticated"] = True
        records = [password]
        if mfa_passed:
            records.append({"method": "mfa", "at": now, "type": "totp"})
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        # allauth keeps whose records these are next to them.
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    return client


# pytest-django's django_capture_on_commit_callbacks fixture, as tests type it.
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


# Bookkeeping of who is signed in, not data anyone acted on.
_NOT_STATE = {"sessions.session", "usersessions.usersession"}


def database_state() -> dict[str, tuple[int, str]]:
    """Every model's row count and a hash of all its rows' values, plus the e-mails sent:
    equal before and after a request means the request changed nothing."""
    state: dict[str, tuple[int, str]] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in _NOT_STATE:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        state[label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    state["sent e-mails"] = (len(mail.outbox), "")
    return state
