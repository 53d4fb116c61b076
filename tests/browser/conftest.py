"""Fixtures for the browser tests: one Chromium per session, a new context per test."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Browser, BrowserContext, sync_playwright
from playwright.sync_api import Page as Tab
from pytest_django.live_server_helper import LiveServer

from tests.browser.browsing import ConsoleWatch

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> None:
    """Fail in CI, where a missing browser must not pass unnoticed; skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true, so this fails instead of skipping)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        _missing(
            "Chromium is not installed: the browser tests need Debian's chromium "
            "(apt-get install chromium fonts-liberation), or run pytest -m 'not browser'."
        )
        return
    # Playwright's sync API keeps an event loop in this thread while the browser is open;
    # Django refuses database calls there unless told the code really is synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_PATH.exists():
        _missing(f"axe-core is not installed at {AXE_PATH}: run npm ci (scripts/test does).")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """allauth counts sign-in attempts in the cache, which outlives each test's database."""
    cache.clear()


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, live_server: LiveServer) -> LiveServer:
    """pytest-django's live server, started only once the test database exists, so that it
    shares the in-memory SQLite database with the tests instead of opening its own."""
    return live_server


@pytest.fixture
def base_url(live_server: LiveServer) -> str:
    return live_server.url


@pytest.fixture
def context(chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = chromium.new_context(base_url=base_url)
    yield context
    context.close()


@pytest.fixture
def console() -> ConsoleWatch:
    return ConsoleWatch()


@pytest.fixture
def tab(context: BrowserContext, console: ConsoleWatch) -> Tab:
    tab = context.new_page()
    console.attach(tab)
    return tab
