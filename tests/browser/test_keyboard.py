"""The keyboard alone: the skip link, signing in with two-factor authentication, a form's
error path, a visible focus indicator on every tab stop, and the header's tab order."""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import Page as Tab

from dm3p.accounts.models import User
from tests.browser.browsing import (
    NOTHING,
    ConsoleWatch,
    focused,
    open_screen,
    press_tab_until,
    tab_stops,
)
from tests.factories import TEST_PASSWORD, user_for_role
from tests.site_pages import current_totp_code, screen_by_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    open_screen(tab, base_url, screen_by_id("pages:home[anonymous-default]"), console)
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Skip to main content"'
    box = tab.locator(":focus").bounding_box()
    assert box is not None
    assert box["y"] >= 0, "the skip link stays off screen when focused"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Apply to join"', "Tab goes on from the main content"
    console.assert_clean("the skip link")


def _fresh_totp_code() -> str:
    """The current code, with time to type it: allauth accepts only the current 30 seconds'
    code, so in the rare last second of a window this waits for the next one."""
    left = 30 - time.time() % 30
    if left < 1.5:
        time.sleep(left)
    return current_totp_code()


def test_staff_member_signs_in_with_two_factor_authentication_using_the_keyboard_alone(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    admin = user_for_role("admin")
    assert isinstance(admin, User)
    tab.goto(base_url)
    press_tab_until(tab, 'link "Sign in"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'textbox "E-mail address"')
    tab.keyboard.type(admin.email)
    tab.keyboard.press("Tab")
    assert focused(tab) == 'textbox "Password"'
    tab.keyboard.type(TEST_PASSWORD)
    press_tab_until(tab, 'button "Sign in"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == f"{base_url}{reverse('mfa_authenticate')}"
    press_tab_until(tab, 'textbox "Code"')
    tab.keyboard.type(_fresh_totp_code())
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == f"{base_url}{reverse('pages:staff_home')}"
    assert tab.locator("h1").inner_text() == "What needs you now"
    console.assert_clean("signing in")


def test_form_error_path_with_the_keyboard_alone(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """Submit a mistake; the error summary takes focus; its links lead to the fields; what
    was typed is still there."""
    open_screen(tab, base_url, screen_by_id("core:site_settings[admin-default]"), console)
    press_tab_until(tab, 'textbox "Short name"')
    tab.keyboard.press("ControlOrMeta+a")
    tab.keyboard.press("Delete")
    press_tab_until(tab, 'textbox "Contact email"')
    tab.keyboard.press("ControlOrMeta+a")
    tab.keyboard.type("organizers at example dot org")
    press_tab_until(tab, 'button "Save site settings"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert tab.title().startswith("Error: ")
    assert tab.evaluate("document.activeElement.className") == "error-summary"
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Short name: Enter a short name for the site."'
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Contact email: Enter a valid email address."'
    tab.keyboard.press("Enter")
    assert focused(tab) == 'textbox "Contact email" [invalid]'
    assert tab.locator(":focus").input_value() == "organizers at example dot org"
    assert tab.locator(":focus").get_attribute("aria-describedby") == (
        "id_contact_email_helptext id_contact_email_error"
    )
    console.assert_clean("the site settings form")


FOCUS_INDICATOR = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 3
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {
    focusVisible: element.matches(':focus-visible'),
    painted: outline || style.boxShadow !== 'none',
  };
}"""


@pytest.mark.parametrize(
    "screen_id",
    [
        "account_login[anonymous-default]",
        "core:display[anonymous-default]",
        "core:site_settings[admin-error]",
        "pages:images[organizer-filled]",
    ],
)
def test_every_tab_stop_shows_where_focus_is(
    screen_id: str, tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """axe does not check focus indicators: walk every tab stop and look."""
    open_screen(tab, base_url, screen_by_id(screen_id), console)
    tab.evaluate("document.activeElement.blur()")
    unpainted = []
    stops = 0
    for _ in range(120):
        tab.keyboard.press("Tab")
        name = focused(tab)
        if name == NOTHING or (stops and name == 'link "Skip to main content"'):
            break
        stops += 1
        indicator = tab.evaluate(FOCUS_INDICATOR)
        if not (indicator["focusVisible"] and indicator["painted"]):
            unpainted.append(name)
    assert stops > 5
    assert unpainted == [], f"No visible focus indicator on {screen_id} for: {unpainted}"


SITE_NAME = 'link "DM3P Disability in Medicine Mutual Mentorship Program, front page"'
HEADER_ANONYMOUS = [
    'link "Skip to main content"',
    SITE_NAME,
    'link "About us"',
    'link "Why we exist"',
    'link "What we offer"',
    'link "Join us"',
    'link "News & Events"',
    'link "Display settings"',
    'link "Sign in"',
]
HEADER_MEMBER = [
    'link "Skip to main content"',
    SITE_NAME,
    'link "Home"',
    'link "About us"',
    'link "Why we exist"',
    'link "What we offer"',
    'link "News & Events"',
    'link "Members"',
    'link "Circles"',
    'link "Your profile"',
    'link "Conversations"',
    'link "Messages"',
    'link "Display settings"',
    'link "Your account"',
    'button "Sign out"',
]


@pytest.mark.parametrize(
    ("screen_id", "expected"),
    [
        ("pages:home[anonymous-default]", HEADER_ANONYMOUS),
        ("pages:home[member-default]", HEADER_MEMBER),
        # allauth's pages bring their own context: the header must still be the site's
        # (there without the public pages, which that screen does not create).
        ("account_login[anonymous-default]", [*HEADER_ANONYMOUS[:2], *HEADER_ANONYMOUS[6:]]),
    ],
)
def test_header_tab_order(
    screen_id: str, expected: list[str], tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    open_screen(tab, base_url, screen_by_id(screen_id), console)
    tab.evaluate("document.activeElement.blur()")
    assert tab_stops(tab, len(expected)) == expected


def test_on_a_phone_the_header_links_fold_into_a_menu_the_keyboard_opens(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """At 390 px the header shows the site's name and "Menu"; Enter opens it, and Tab then
    goes through the main, account and staff links. At 1280 px every link shows, without
    the button."""
    tab.set_viewport_size({"width": 390, "height": 844})
    open_screen(tab, base_url, screen_by_id("pages:staff_home[organizer-filled]"), console)
    header = tab.locator("header")
    assert header.evaluate("element => element.getBoundingClientRect().height") < 150
    tab.evaluate("document.activeElement.blur()")
    assert tab_stops(tab, 2) == ['link "Skip to main content"', SITE_NAME]
    tab.keyboard.press("Tab")
    assert on_the_menu_button(tab), "the third tab stop is the menu's button"
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "1 report is open"', "closed, the menu's links are skipped"
    tab.keyboard.press("Shift+Tab")
    assert on_the_menu_button(tab)
    tab.keyboard.press("Enter")
    assert tab_stops(tab, 3) == ['link "Home"', 'link "News & Events"', 'link "Members"']
    press_tab_until(tab, 'button "Sign out"')
    tab.keyboard.press("Tab")
    assert focused(tab) == 'searchbox "Search the site"', "the search box is in the menu too"
    press_tab_until(tab, 'link "What needs you"')
    assert tab.locator("#staff-nav-title").inner_text() == "Organizer tools"
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == f"{base_url}{reverse('pages:staff_home')}"
    console.assert_clean("the menu on a phone")

    tab.set_viewport_size({"width": 1280, "height": 800})
    assert not tab.locator(".site-menu__toggle").is_visible()
    for name in ["Home", "Members", "Your account", "What needs you", "Matching rounds"]:
        assert header.get_by_role("link", name=name, exact=True).is_visible(), name


def on_the_menu_button(tab: Tab) -> bool:
    """Whether focus is on the header's "Menu" (a <summary>, which Playwright's snapshot
    names only as text)."""
    return bool(
        tab.evaluate(
            "document.activeElement.matches('summary.site-menu__toggle')"
            " && document.activeElement.textContent.trim() === 'Menu'"
        )
    )
