"""An organizer edits a round's draft with the keyboard alone: ticks two people and moves
them at once, then ticks two more and starts a circle with them by hand. Without
JavaScript each change is a form post that comes back to the changed circle; with it the
draft changes in place and the live region announces what the change did. axe checks the
page after each change."""

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, CircleMembership, MatchingRound
from dm3p.members.services import profile_ensure
from tests.browser.browsing import (
    EVENINGS,
    ConsoleWatch,
    assert_no_axe_violations,
    focused,
    press_tab_until,
    sign_in,
)
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_draft() -> tuple[MatchingRound, Circle]:
    """Circle 1: Ana, Ben, Cy; Circle 2: Dee, Eli, Fay; not placed: Gus, Hal, Ivy."""
    today = timezone.localdate()
    round = make_round(
        name="Winter circles",
        signup_opens_on=today - dt.timedelta(days=20),
        signup_closes_on=today - dt.timedelta(days=1),
    )
    people: dict[str, User] = {}
    for name in ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy"]:
        people[name] = make_user(name=name)
        profile_ensure(user=people[name])
        make_entry(round, people[name], hours=EVENINGS)
    first = make_circle(round, [people["Ana"], people["Ben"], people["Cy"]])
    make_circle(round, [people["Dee"], people["Eli"], people["Fay"]])
    return round, first


def press_shift_tab_until(tab: Tab, wanted: str, limit: int = 40) -> None:
    for _ in range(limit):
        if focused(tab) == wanted:
            return
        tab.keyboard.press("Shift+Tab")
    raise AssertionError(f"Shift+Tab never reached {wanted}")


def tick(tab: Tab, *names: str) -> None:
    for name in names:
        press_tab_until(tab, f'checkbox "{name}"', limit=60)
        tab.keyboard.press("Space")


def choose(tab: Tab, option: str) -> None:
    """In the focused list, move down to ``option`` with the arrow keys."""
    labels = [text.strip() for text in tab.locator(":focus option").all_inner_texts()]
    for _ in range(labels.index(option)):
        tab.keyboard.press("ArrowDown")


def move_then_start(tab: Tab, press: Callable[[str], None]) -> None:
    """The organizer's keys: tick Dee and Gus, move them to Circle 1; tick Hal and Ivy,
    start "Night owls" with them."""
    tick(tab, "Dee", "Gus")
    press_shift_tab_until(tab, 'combobox "Move the ticked people to"', limit=60)
    choose(tab, "Circle 1 (3 people)")
    press_tab_until(tab, 'button "Move ticked people"', limit=3)
    press("moved")
    tick(tab, "Hal", "Ivy")
    press_shift_tab_until(tab, 'textbox "Name of a new circle"', limit=60)
    tab.keyboard.type("Night owls")
    press_tab_until(tab, 'button "Start a new circle with the ticked people"', limit=3)
    press("started")


def circles_now(round: MatchingRound) -> dict[str, set[str]]:
    return {
        str(circle): {item.member.name for item in CircleMembership.objects.filter(circle=circle)}
        for circle in Circle.objects.filter(round=round)
    }


EXPECTED = {
    "Circle 1": {"Ana", "Ben", "Cy", "Dee", "Gus"},
    "Circle 2": {"Eli", "Fay"},
    "Night owls": {"Hal", "Ivy"},
}


@pytest.fixture
def no_script(context: BrowserContext, base_url: str) -> Iterator[BrowserContext]:
    plain = context.browser.new_context(  # type: ignore[union-attr]
        base_url=base_url, java_script_enabled=False
    )
    yield plain
    plain.close()


def test_organizer_moves_two_people_and_starts_a_circle_without_javascript(
    no_script: BrowserContext,
    context: BrowserContext,
    base_url: str,
    axe_source: str,
    console: ConsoleWatch,
) -> None:
    round, first = a_draft()
    organizer = make_user(is_organizer=True)
    sign_in(no_script, organizer, base_url)
    tab = no_script.new_page()
    console.attach(tab)
    # axe needs scripts: it checks the same draft in a tab that runs them.
    sign_in(context, organizer, base_url)
    checker = context.new_page()
    tab.goto(f"{base_url}{reverse('circles:round', kwargs={'pk': round.pk})}")

    def press(step: str) -> None:
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        main = tab.locator("main").inner_text()
        if step == "moved":
            assert tab.url.endswith(f"#circle-{first.pk}")
            assert "Moved Dee and Gus to Circle 1. Circle 1: now 5 people." in main
        else:
            assert "Started Night owls with Hal and Ivy. Night owls is new: 2 people" in main
        checker.goto(tab.url)
        assert_no_axe_violations(checker, axe_source, f"a draft, {step}, without JavaScript")

    move_then_start(tab, press)
    assert circles_now(round) == EXPECTED
    console.assert_clean("editing a draft without JavaScript")


def test_organizer_moves_two_people_and_starts_a_circle_in_place(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    round, _ = a_draft()
    sign_in(context, make_user(is_organizer=True), base_url)
    url = f"{base_url}{reverse('circles:round', kwargs={'pk': round.pk})}"
    tab.goto(url)
    live = tab.locator("#draft-live")
    assert live.get_attribute("role") == "status"
    navigations: list[str] = []
    tab.on("framenavigated", lambda frame: navigations.append(frame.url))

    def press(step: str) -> None:
        before = live.inner_text()
        tab.keyboard.press("Enter")
        tab.wait_for_function(
            "before => document.getElementById('draft-live').textContent.trim() !== before",
            arg=before,
        )
        words = live.inner_text()
        if step == "moved":
            assert words.startswith("Moved Dee and Gus to Circle 1. Circle 1: now 5 people.")
            assert focused(tab) == 'button "Move ticked people"'
        else:
            assert words.startswith("Started Night owls with Hal and Ivy. Night owls is new")
            assert focused(tab) == 'button "Start a new circle with the ticked people"'
        # The new draft is in place: nobody is ticked any more.
        assert tab.locator("input[type=checkbox]:checked").count() == 0
        assert_no_axe_violations(tab, axe_source, f"a draft, {step}, in place")

    move_then_start(tab, press)
    assert navigations == []
    assert tab.url == url
    assert circles_now(round) == EXPECTED
    assert "Night owls" in tab.locator("#draft h3").all_inner_texts()[-1]
    console.assert_clean("editing a draft in place")
