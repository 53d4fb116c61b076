"""Reflow (WCAG 1.4.10) at 200% zoom on a few screens. Every screen is also checked at 320 CSS
px, on the same page load as its axe check (test_axe.py). Data tables may scroll inside their
own box, as 1.4.10 allows."""

import pytest
from playwright.sync_api import Browser

from tests.browser.browsing import ConsoleWatch, assert_fits, open_screen
from tests.site_pages import screen_by_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
