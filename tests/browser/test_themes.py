"""Each colour theme, and the device settings the site follows, on a few representative
screens: the home page, sign in with errors, a staff form with errors and a table.

axe runs once per palette: the light one is the default, which test_axe.py checks on every
screen; the dark and high-contrast themes here. The device's dark and more-contrast settings
pick those same palettes (checked below without axe), so axe does not run for them again;
forced colours replace the palette, so they get their own axe pass. Reduced motion changes
no colour or layout, only scrolling."""

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
# Light is the default palette, checked by test_axe.py on every screen.
THEMES = ["dark", "contrast"]


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


@pytest.mark.parametrize("screen_id", REPRESENTATIVE)
def test_device_forced_colors_pass_axe(
    screen_id: str, tab: Tab, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    """With the theme left at "Follow my device", the device's forced colours replace ours."""
    _forced_colors(tab)
    screen = screen_by_id(screen_id)
    open_screen(tab, base_url, screen, console)
    assert tab.locator("html").get_attribute("data-theme") == "system"
    assert_no_axe_violations(tab, axe_source, f"{screen.id} with forced colours")
    console.assert_clean(screen.id)


# The site's colours, as the page computes them.
PALETTE = """() => {
  const names = ['--bg', '--surface', '--card', '--text', '--muted', '--link', '--link-visited',
    '--border', '--accent', '--accent-text', '--brand', '--error', '--success', '--focus',
    '--focus-text', '--focus-ring', '--shadow'];
  const probe = document.createElement('span');
  document.body.append(probe);
  const colours = names.map(name => {
    probe.style.color = `var(${name})`;
    return `${name}: ${getComputedStyle(probe).color}`;
  });
  probe.remove();
  return colours;
}"""


@pytest.mark.parametrize(
    ("device_setting", "theme"),
    [(_dark, "dark"), (_more_contrast, "contrast")],
    ids=["dark", "more-contrast"],
)
def test_device_setting_picks_the_same_colours_as_its_theme(
    device_setting: Callable[[Tab], None], theme: str, tab: Tab, base_url: str
) -> None:
    """What axe checked in the theme holds for the device setting: every colour is the same."""
    tab.goto(base_url)
    assert tab.locator("html").get_attribute("data-theme") == "system"
    default: list[str] = tab.evaluate(PALETTE)
    device_setting(tab)
    following_the_device: list[str] = tab.evaluate(PALETTE)
    tab.emulate_media(color_scheme="light", contrast="no-preference")
    tab.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    chosen: list[str] = tab.evaluate(PALETTE)
    assert following_the_device == chosen
    assert following_the_device != default


def test_light_theme_keeps_the_default_colours_on_a_dark_device(tab: Tab, base_url: str) -> None:
    """Choosing light overrides a dark device: the default palette, which test_axe.py checks."""
    tab.goto(base_url)
    default: list[str] = tab.evaluate(PALETTE)
    _dark(tab)
    tab.evaluate("document.documentElement.dataset.theme = 'light'")
    assert tab.evaluate(PALETTE) == default


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
