"""Every page is light enough for a slow or metered connection: its HTML and the site's
own stylesheets it links come to under 60 KB once compressed (as the server sends them).

One screen per page of the registry (tests/site_pages.py): its default state, as the role
that screen shows it to, with the data its setup makes."""

import gzip
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import resolve, reverse

from dm3p.accounts.models import User
from tests.factories import TEST_PASSWORD, user_for_role
from tests.helpers import signed_in
from tests.site_pages import PAGES, Screen, SitePage, sign_in_through_form

pytestmark = pytest.mark.django_db

LIMIT = 60 * 1024  # bytes, compressed

STYLESHEET = re.compile(
    r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>|<link\b[^>]*\bhref=\"[^\"]+\"[^>]*\brel=\"stylesheet\"[^>]*>"
)
HREF = re.compile(r"\bhref=\"([^\"]+)\"")


def _screen(page: SitePage) -> Screen | None:
    """The page's default screen reached by opening its address (not driven by a browser
    step); else its first such screen."""
    plain = [s for s in page.screens if s.act is None and s.arrive in (None, sign_in_through_form)]
    chosen = next((s for s in plain if s.state == "default"), plain[0] if plain else None)
    return replace(chosen, url_name=page.url_name) if chosen else None


SCREENS = [screen for page in PAGES if (screen := _screen(page)) is not None]


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def stylesheets(html: str) -> list[bytes]:
    """The site's own stylesheets the page links, read from the static files."""
    found = []
    for link in STYLESHEET.findall(html):
        match = HREF.search(link)
        assert match is not None, link
        path = urlsplit(match.group(1)).path
        assert path.startswith(settings.STATIC_URL), f"a stylesheet from elsewhere: {path}"
        name = path.removeprefix(settings.STATIC_URL)
        located = finders.find(name)
        assert located, f"no static file {name}"
        found.append(Path(str(located)).read_bytes())
    return found


def _client(screen: Screen, user: User | None) -> Client:
    if user is None:
        return Client()
    if screen.arrive is sign_in_through_form:  # the second step of signing in
        client = Client()
        client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
        return client
    return signed_in(user, confirmed_now=True) if screen.signed_in else Client()


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.id for screen in SCREENS])
def test_page_is_under_60_kb_compressed_with_its_css(screen: Screen) -> None:
    user = user_for_role(screen.role)
    kwargs = screen.setup(user) if screen.setup else {}
    url = f"{reverse(screen.url_name, kwargs=kwargs)}{screen.query}"
    response = _client(screen, user).get(url, follow=True)
    assert response.status_code == screen.status, screen.id
    assert resolve(response.request["PATH_INFO"]).view_name == screen.url_name, screen.id
    html = response.content
    css = stylesheets(html.decode())
    total = compressed(html) + sum(compressed(sheet) for sheet in css)
    assert css, f"{screen.id} links no stylesheet"
    assert total < LIMIT, (
        f"{screen.id} weighs {total / 1024:.1f} KB compressed (HTML {compressed(html)} bytes, "
        f"CSS {[compressed(sheet) for sheet in css]} bytes): over {LIMIT // 1024} KB"
    )


def test_every_page_with_screens_is_weighed() -> None:
    with_screens = {page.url_name for page in PAGES if page.screens}
    weighed = {screen.url_name for screen in SCREENS}
    assert with_screens - weighed == set()
