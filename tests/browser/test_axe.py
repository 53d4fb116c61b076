"""axe-core (WCAG 2.2 A and AA) on every screen of the page registry, in the default theme."""

import pytest
from playwright.sync_api import Page as Tab

from tests.browser.browsing import ConsoleWatch, assert_no_axe_violations, open_screen, run_axe
from tests.site_pages import SCREENS, Screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.id for screen in SCREENS])
def test_axe_finds_no_problems(
    screen: Screen, tab: Tab, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    open_screen(tab, base_url, screen, console)
    assert_no_axe_violations(tab, axe_source, screen.id)
    console.assert_clean(screen.id)


def test_axe_reports_problems_it_is_shown(tab: Tab, axe_source: str) -> None:
    """The harness itself works: a page with known problems fails."""
    tab.set_content(
        '<html lang="en"><title>Broken</title><main><h1>Broken</h1>'
        '<img src="data:,"><a href="/somewhere"></a></main></html>'
    )
    assert {violation["id"] for violation in run_axe(tab, axe_source)} == {"image-alt", "link-name"}


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
