"""Speaking over HTTP to a web server the tests started (see Services.web in helpers.py), as
a browser would: pages fetched without following redirects, and signed-in people posting
forms with their session and CSRF cookies, one at a time or many at the same moment."""

import http.client
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.crypto import get_random_string

from dm3p.accounts.models import User
from tests.html_tree import parse

REQUEST_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        """Where a redirect leads ("" if it is not one)."""
        return self.headers.get("Location", "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, *, cookie: str = "") -> Answer:
    """GET ``url`` as a browser would, without following redirects."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with _opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, dict(error.headers), error.read().decode())


def page_text(body: str, tag: str) -> str:
    """The text inside every ``tag`` element of an HTML page, whitespace collapsed."""
    return " ".join(element.text() for element in parse(body).all(tag))


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


def form_post(base: str, browser: Browser, path: str, fields: Mapping[str, object]) -> Answer:
    """POST a form to the server at ``base`` as a browser would; the answer, not followed."""
    body = urlencode({**fields, "csrfmiddlewaretoken": browser.csrf_secret}, doseq=True).encode()
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": browser.cookie,
            },
        )
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read().decode())
    finally:
        connection.close()


def posts_at_once(
    base: str, posts: Sequence[tuple[Browser, str, Mapping[str, object]]]
) -> list[Answer]:
    """Send every post at the same moment, one thread each; their answers, in order."""
    start = threading.Barrier(len(posts))

    def send(post: tuple[Browser, str, Mapping[str, object]]) -> Answer:
        start.wait(timeout=REQUEST_TIMEOUT_S)
        return form_post(base, *post)

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))
