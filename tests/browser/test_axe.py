"""Every screen of the page registry, loaded once: axe-core (WCAG 2.2 A and AA) in the default
theme at a desktop width, then reflow (WCAG 1.4.10) once the window narrows to 320 CSS px
(only CSS media queries depend on the width, so narrowing the loaded page lays it out as
loading it narrow would)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ViewportSize
from playwright.sync_api import Page as Tab
from pytest_django.live_server_helper import LiveServer

from tests.browser.browsing import (
    ConsoleWatch,
    assert_fits,
    assert_no_axe_violations,
    open_screen,
    run_axe,
)
from tests.site_pages import SCREENS, Screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP: ViewportSize = {"width": 1280, "height": 720}
NARROW: ViewportSize = {"width": 320, "height": 256}


@pytest.fixture(scope="module")
def shared(chromium: Browser, live_server: LiveServer) -> Iterator[tuple[Tab, ConsoleWatch]]:
    """One tab for the whole module: each test leaves the last screen, clears the cookies
    (whoever was signed in is gone) and starts at the desktop width."""
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    tab = context.new_page()
    console = ConsoleWatch()
    console.attach(tab)
    yield tab, console
    context.close()


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.id for screen in SCREENS])
def test_axe_finds_no_problems_and_it_fits_320_px(
    screen: Screen,
    shared: tuple[Tab, ConsoleWatch],
    live_server: LiveServer,
    axe_source: str,
) -> None:
    tab, console = shared
    tab.goto("about:blank")  # the last screen's scripts stop before its data goes
    tab.context.clear_cookies()
    tab.set_viewport_size(DESKTOP)
    console.problems.clear()
    open_screen(tab, live_server.url, screen, console)
    assert_no_axe_violations(tab, axe_source, screen.id)
    tab.set_viewport_size(NARROW)
    assert tab.evaluate("window.innerWidth") == NARROW["width"]
    assert_fits(tab, f"{screen.id} at 320 px")
    console.assert_clean(screen.id)


def test_axe_reports_problems_it_is_shown(tab: Tab, axe_source: str) -> None:
    """The harness itself works: a page with known problems fails."""
    tab.set_content(
        '<html lang="en"><title>Broken</title><main><h1>Broken</h1>'
        '<img src="data:,"><a href="/somewhere"></a></main></html>'
    )
    assert {violation["id"] for violation in run_axe(tab, axe_source)} == {"image-alt", "link-name"}


def test_reflow_check_reports_a_page_too_wide_when_narrowed(tab: Tab) -> None:
    """The harness itself works: narrowing a loaded page lays it out again, and what no
    longer fits is reported."""
    tab.set_content(
        '<html lang="en"><style>@media (min-width: 40rem) { p { width: auto } }'
        " p { width: 600px }</style><p>Wide below 40rem</p></html>"
    )
    assert_fits(tab, "the desktop width")
    tab.set_viewport_size(NARROW)
    with pytest.raises(AssertionError, match="scrolls sideways"):
        assert_fits(tab, "320 px")


def test_console_watch_reports_csp_violations(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """The harness itself works: a script the CSP refuses is reported."""
    tab.goto(base_url)
    with tab.expect_console_message(lambda message: "Content Security Policy" in message.text):
        tab.evaluate(
            "() => { const script = document.createElement('script');"
            " script.textContent = 'window.ran = true'; document.body.append(script); }"
        )
    assert tab.evaluate("window.ran") is None
    assert any("Content Security Policy" in problem for problem in console.problems)
