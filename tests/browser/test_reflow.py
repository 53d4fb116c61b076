"""Reflow (WCAG 1.4.10): every screen fits 320 CSS px without scrolling sideways, and a few
also at 200% zoom. Data tables may scroll inside their own box, as 1.4.10 allows."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Page as Tab
from pytest_django.live_server_helper import LiveServer

from tests.browser.browsing import ConsoleWatch, open_screen
from tests.site_pages import SCREENS, Screen, screen_by_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Elements sticking out past the right edge, except inside a box that scrolls on its own
# (but absolutely positioned ones can escape such a box).
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const contained = element => {
    if (getComputedStyle(element).position === 'absolute') return false;
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter(element => element.getBoundingClientRect().right > width + 0.5 && !contained(element))
    .slice(0, 8)
    .map(element => element.outerHTML.slice(0, 160));
}"""


def assert_fits(tab: Tab, where: str) -> None:
    scroll_width, inner_width = tab.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{where} scrolls sideways: {scroll_width} px of content in a {inner_width} px "
        "window. Too wide:\n" + "\n".join(tab.evaluate(OVERFLOWING))
    )


@pytest.fixture(scope="module")
def narrow(chromium: Browser, live_server: LiveServer) -> Iterator[tuple[Tab, ConsoleWatch]]:
    """One 320 × 256 px tab for the whole module: each test clears its cookies."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 320, "height": 256})
    tab = context.new_page()
    console = ConsoleWatch()
    console.attach(tab)
    yield tab, console
    context.close()


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.id for screen in SCREENS])
def test_reflow_at_320_px(
    screen: Screen, narrow: tuple[Tab, ConsoleWatch], live_server: LiveServer
) -> None:
    tab, console = narrow
    tab.context.clear_cookies()
    console.problems.clear()
    open_screen(tab, live_server.url, screen, console)
    assert_fits(tab, f"{screen.id} at 320 px")
    console.assert_clean(screen.id)


ZOOMED = [
    "pages:home[admin-default]",
    "pages:member_home[member-default]",
    "account_login[anonymous-error]",
    "core:site_settings[admin-error]",
    "core:audit_log[admin-filled]",
    "pages:images[organizer-filled]",
    "admin:accounts_user_changelist[admin-default]",
    "pages:staff_home[organizer-filled]",
]


@pytest.mark.parametrize("screen_id", ZOOMED)
def test_reflow_at_200_percent_zoom(
    screen_id: str, chromium: Browser, base_url: str, console: ConsoleWatch
) -> None:
    """A 1280 px wide screen zoomed to 200%: 640 CSS px, each drawn with two device pixels."""
    context = chromium.new_context(
        base_url=base_url, viewport={"width": 640, "height": 400}, device_scale_factor=2
    )
    try:
        tab = context.new_page()
        console.attach(tab)
        screen = screen_by_id(screen_id)
        open_screen(tab, base_url, screen, console)
        assert tab.evaluate("window.devicePixelRatio") == 2
        assert_fits(tab, f"{screen.id} at 200% zoom")
        console.assert_clean(screen.id)
    finally:
        context.close()
