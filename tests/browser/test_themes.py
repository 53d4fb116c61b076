"""Each colour theme, and the device settings the site follows, on a few representative
screens: the home page, sign in with errors, a staff form with errors and a table."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page as Tab

from tests.browser.browsing import (
    ConsoleWatch,
    assert_no_axe_violations,
    choose_display,
    open_screen,
)
from tests.site_pages import screen_by_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPRESENTATIVE = [
    "pages:home[anonymous-default]",
    "pages:member_home[member-default]",
    "account_login[anonymous-error]",
    "core:site_settings[admin-error]",
    "core:audit_log[admin-filled]",
    "pages:staff_home[organizer-filled]",
]
THEMES = ["light", "dark", "contrast"]


@pytest.mark.parametrize("screen_id", REPRESENTATIVE)
@pytest.mark.parametrize("theme", THEMES)
def test_theme_passes_axe(
    theme: str, screen_id: str, tab: Tab, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    screen = screen_by_id(screen_id)
    open_screen(
        tab, base_url, screen, console, prepare=lambda: choose_display(tab, base_url, theme=theme)
    )
    assert tab.locator("html").get_attribute("data-theme") == theme
    assert_no_axe_violations(tab, axe_source, f"{screen.id} in the {theme} theme")
    console.assert_clean(screen.id)


def _dark(tab: Tab) -> None:
    tab.emulate_media(color_scheme="dark")


def _more_contrast(tab: Tab) -> None:
    tab.emulate_media(contrast="more")


def _forced_colors(tab: Tab) -> None:
    tab.emulate_media(forced_colors="active")


def _reduced_motion(tab: Tab) -> None:
    tab.emulate_media(reduced_motion="reduce")


DEVICE_SETTINGS: dict[str, Callable[[Tab], None]] = {
    "dark": _dark,
    "more-contrast": _more_contrast,
    "forced-colors": _forced_colors,
    "reduced-motion": _reduced_motion,
}


@pytest.mark.parametrize("screen_id", REPRESENTATIVE)
@pytest.mark.parametrize("device_setting", DEVICE_SETTINGS)
def test_device_setting_passes_axe(
    device_setting: str,
    screen_id: str,
    tab: Tab,
    base_url: str,
    axe_source: str,
    console: ConsoleWatch,
) -> None:
    """With the theme left at "Follow my device", the device's setting decides."""
    DEVICE_SETTINGS[device_setting](tab)
    screen = screen_by_id(screen_id)
    open_screen(tab, base_url, screen, console)
    assert tab.locator("html").get_attribute("data-theme") == "system"
    assert_no_axe_violations(tab, axe_source, f"{screen.id} with {device_setting}")
    console.assert_clean(screen.id)


def _lightness(colour: str) -> float:
    """ "rgb(26, 23, 20)" -> its average channel, from 0 (black) to 1 (white)."""
    channels = colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]
    return sum(int(channel) for channel in channels) / 3 / 255


def test_device_dark_setting_turns_the_page_dark(tab: Tab, base_url: str) -> None:
    _dark(tab)
    tab.goto(base_url)
    background, text = tab.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    # Whatever the palette's exact shades: a dark page with light words on it.
    assert _lightness(background) < 0.2 < 0.8 < _lightness(text), (background, text)


def test_device_more_contrast_setting_uses_the_high_contrast_palette(
    tab: Tab, base_url: str
) -> None:
    _more_contrast(tab)
    tab.goto(base_url)
    colours = tab.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


def test_device_reduced_motion_setting_stops_smooth_scrolling(tab: Tab, base_url: str) -> None:
    tab.goto(base_url)
    assert tab.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    _reduced_motion(tab)
    assert tab.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
