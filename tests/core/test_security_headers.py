import re

import pytest
from django.test import Client

from tests.html_tree import page_shown, parse

pytestmark = pytest.mark.django_db


def test_public_page_sends_strict_csp(client: Client) -> None:
    response = client.get("/display/")
    directives = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    # Scripts only from this site, or inline ones carrying the request's nonce.
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_signed_in_page_is_never_cached(client_for: object) -> None:
    response = client_for("member").get("/display/")  # type: ignore[operator]
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_visitor_page_may_be_cached_but_varies_by_cookie(client: Client) -> None:
    response = client.get("/display/")
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Cookie" in response.headers["Vary"]


def test_page_has_no_inline_script_or_style(client: Client) -> None:
    html = page_shown(client.get("/accounts/login/"), "Sign in")
    assert "<style" not in html
    assert " style=" not in html
    for script in parse(html).all("script"):
        assert "src" in script.attrs or script.attrs.get("type") == "application/json", script
