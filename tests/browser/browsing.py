"""What the browser tests share: signing in by cookie, opening a registry screen, running
axe and watching the console."""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypedDict
from urllib.parse import urlsplit

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from playwright.sync_api import BrowserContext, ConsoleMessage, Error
from playwright.sync_api import Page as Tab

from dm3p.accounts.models import User
from tests.factories import user_for_role
from tests.site_pages import Screen, Visit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# allauth keeps whose authentication records these are next to the records themselves.
AUTHENTICATION_USER_SESSION_KEY = "account_authentication_methods_user"


class AxeNode(TypedDict):
    target: list[str]
    failureSummary: str


class AxeViolation(TypedDict):
    id: str
    impact: str | None
    help: str
    helpUrl: str
    nodes: list[AxeNode]


@dataclass
class ConsoleWatch:
    """Collects JavaScript errors and console errors (CSP violations are reported there)."""

    problems: list[str] = field(default_factory=list)
    # A console error about loading the page itself is expected when it answers this status.
    expected_status: int = 200
    document_url: str = ""

    def attach(self, tab: Tab) -> None:
        tab.on("console", self._on_console)
        tab.on("pageerror", self._on_page_error)

    def expect(self, *, status: int, url: str) -> None:
        self.expected_status = status
        self.document_url = url

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if (
            self.expected_status != 200
            and message.text.startswith(
                f"Failed to load resource: the server responded with a status of "
                f"{self.expected_status}"
            )
            and message.location.get("url") == self.document_url
        ):
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _on_page_error(self, error: Error) -> None:
        self.problems.append(f"JavaScript error: {error.message}")

    def assert_clean(self, where: str) -> None:
        assert self.problems == [], f"Browser problems on {where}:\n" + "\n".join(self.problems)


def sign_in(context: BrowserContext, user: User, base_url: str) -> None:
    """Sign ``user`` in by giving the browser a session cookie (not through the form), with
    a fresh authentication record so pages that ask to confirm it's you don't."""
    client = Client()
    client.force_login(user, backend="dm3p.accounts.backends.EmailBackend")
    session = client.session
    now = time.time()
    records: list[dict[str, object]] = [
        {"method": "password", "at": now, "email": user.email, "reauthenticated": True}
    ]
    for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        records.append({"method": "mfa", "at": now, "id": authenticator.pk, "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[AUTHENTICATION_USER_SESSION_KEY] = str(user.pk)
    session.save()
    assert session.session_key is not None
    # What allauth records when someone signs in through its form (force_login doesn't).
    UserSession.objects.create(
        user=user, session_key=session.session_key, ip="127.0.0.1", user_agent="Chromium"
    )
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )


def open_screen(
    tab: Tab,
    base_url: str,
    screen: Screen,
    console: ConsoleWatch,
    prepare: Callable[[], None] | None = None,
) -> Visit:
    """Make the person, the data, sign in, arrive and act: the screen, in its state.
    ``prepare`` runs once the person is signed in, before arriving (to choose a theme)."""
    user = user_for_role(screen.role)
    kwargs = screen.setup(user) if screen.setup else {}
    if user is not None and screen.signed_in:
        sign_in(tab.context, user, base_url)
    if prepare is not None:
        prepare()
    url = f"{base_url}{reverse(screen.url_name, kwargs=kwargs)}{screen.query}"
    console.expect(status=screen.status, url=url)
    visit = Visit(tab=tab, base_url=base_url, url=url, user=user)
    if screen.arrive is not None:
        screen.arrive(visit)
    else:
        response = tab.goto(url)
        assert response is not None
        assert response.status == screen.status, (
            f"{screen.id}: {url} answered {response.status}, not {screen.status}"
        )
    if screen.act is not None:
        screen.act(visit)
    here = resolve(urlsplit(tab.url).path).view_name
    assert here == screen.url_name, f"{screen.id} ended on {tab.url} ({here})"
    assert tab.locator(screen.proof).count() > 0, f"{screen.id}: no {screen.proof!r} on the page"
    return visit


def run_axe(tab: Tab, axe_source: str) -> list[AxeViolation]:
    """axe-core on the page as it is now. Injected by evaluate into every frame, because the
    CSP blocks script tags that don't carry the page's nonce."""
    for frame in tab.frames:
        frame.evaluate(axe_source)
    violations: list[AxeViolation] = tab.evaluate(
        "options => axe.run(document, options).then(results => results.violations)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return violations


def describe(violations: list[AxeViolation]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    at {' '.join(node['target'])}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_axe_violations(tab: Tab, axe_source: str, where: str) -> None:
    violations = run_axe(tab, axe_source)
    assert violations == [], (
        f"axe found {len(violations)} WCAG 2.2 A/AA problem(s) on {where} ({tab.url}):\n"
        + describe(violations)
    )


def choose_display(tab: Tab, base_url: str, *, theme: str) -> None:
    """Choose a theme with the real display settings form, as a person would."""
    tab.goto(f"{base_url}{reverse('core:display')}")
    tab.locator(f"input[name=theme][value={theme}]").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save display settings").click()
    assert tab.locator("html").get_attribute("data-theme") == theme


# Reflow (WCAG 1.4.10): nothing sticks out sideways.

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


# The keyboard: what has focus, as role and accessible name.

NOTHING = "(nothing)"


def focused(tab: Tab) -> str:
    """The focused element as role and accessible name, e.g. 'link "Sign in"'."""
    if not tab.evaluate(
        "document.activeElement !== null && document.activeElement !== document.body"
    ):
        return NOTHING
    first_line = tab.locator(":focus").aria_snapshot(timeout=2000).splitlines()[0]
    item = first_line.removeprefix("- ")
    if item.startswith("'"):  # quoted as YAML because the name holds an apostrophe
        item = item[1 : item.rindex("'")].replace("''", "'")
    # 'textbox "Contact email" [invalid]: typed text' -> 'textbox "Contact email" [invalid]'
    match = re.match(r'\w+(?: "(?:[^"\\]|\\.)*")?(?: \[[^\]]*\])*', item)
    assert match is not None, first_line
    # Text the CSS hides visually (", home page") is its own box, so the name computation
    # puts a space before it; that space is not heard.
    return re.sub(r"\s+([,.;:])", r"\1", match.group(0))


def press_tab_until(tab: Tab, wanted: str, limit: int = 40) -> None:
    seen = []
    for _ in range(limit):
        if focused(tab) == wanted:
            return
        tab.keyboard.press("Tab")
        seen.append(focused(tab))
    raise AssertionError(f"Tab never reached {wanted}; it went through: {seen}")


def tab_stops(tab: Tab, count: int) -> list[str]:
    stops = []
    for _ in range(count):
        tab.keyboard.press("Tab")
        stops.append(focused(tab))
    return stops


def follow(tab: Tab, control: str, limit: int = 60) -> None:
    """Tab to a link or button and press Enter, waiting for the next page."""
    press_tab_until(tab, control, limit=limit)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


# Monday and Wednesday evenings, as hours of the week (Monday 00:00 is 0): when the people
# of the circle journeys are free.
EVENINGS = [day * 24 + hour for day in (0, 2) for hour in range(17, 22)]
