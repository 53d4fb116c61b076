"""Core journeys of circles with the keyboard alone (ACCESSIBILITY.md, journeys 6 and 7): a
member opts in to a matching round; an organizer runs matching, moves one member to another
circle and publishes. axe checks every page on the way."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.circles.models import Circle, CircleMembership, MatchingPreferences, RoundEntry
from dm3p.members.enums import TermKind
from dm3p.members.services import profile_ensure
from tests.browser.browsing import (
    EVENINGS,
    ConsoleWatch,
    assert_no_axe_violations,
    focused,
    follow,
    press_tab_until,
    sign_in,
)
from tests.factories import make_user
from tests.factories.circles import make_entry, make_round
from tests.factories.members import make_term
from tests.helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_opts_in_to_a_round_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    exams, disclosure = make_term(TermKind.TOPIC, "Exams"), make_term(TermKind.TOPIC, "Disclosure")
    spoken, text_chat = make_term(TermKind.MODE, "Spoken"), make_term(TermKind.MODE, "Text chat")
    member = make_user(name="Mei")
    profile = profile_ensure(user=member)
    profile.availability = EVENINGS
    profile.time_zone = "Europe/London"
    profile.save()
    profile.topics_offered.set([exams])
    profile.topics_sought.set([disclosure])
    profile.modes.set([text_chat])
    supervisor = make_user(name="Sam Rivera")
    profile_ensure(user=supervisor)
    round = make_round(name="Winter circles")
    sign_in(context, member, base_url)

    tab.goto(base_url)
    follow(tab, 'link "Circles"')
    assert_no_axe_violations(tab, axe_source, "your circles")
    follow(tab, 'link "Join Winter circles"')
    assert_no_axe_violations(tab, axe_source, "joining a round")
    # The answers come from the profile; the member adds a way of taking part and a name.
    assert (
        tab.get_by_role("group", name="Topics you can share experience about")
        .get_by_label("Exams")
        .is_checked()
    )
    press_tab_until(tab, 'checkbox "Spoken"', limit=80)
    tab.keyboard.press("Space")
    # Part of a name, then Find: the page comes back at the list of people found.
    press_tab_until(tab, 'textbox "Find someone by name (optional)"')
    tab.keyboard.type("rive")
    follow(tab, 'button "Find people"')
    assert tab.url.endswith("#avoid")
    assert_no_axe_violations(tab, axe_source, "people found to keep apart from")
    press_tab_until(tab, 'checkbox "Sam Rivera"', limit=10)
    tab.keyboard.press("Space")
    follow(tab, 'button "Add the people ticked to my list"', limit=5)
    assert (
        tab.get_by_role("group", name="People you won't be placed with")
        .get_by_label("Sam Rivera")
        .is_checked()
    )
    follow(tab, 'button "Join Winter circles"')

    assert tab.url == f"{base_url}{reverse('circles:mine')}"
    main = tab.locator("main").inner_text()
    assert "You're in Winter circles." in main
    assert "You've joined." in main
    assert_no_axe_violations(tab, axe_source, "your circles, joined")
    entry = RoundEntry.objects.get(round=round, member=member)
    assert list(entry.topics_offered.all()) == [exams]
    assert list(entry.topics_sought.all()) == [disclosure]
    assert set(entry.modes.all()) == {spoken, text_chat}
    assert (entry.availability, entry.time_zone) == (EVENINGS, "Europe/London")
    assert list(MatchingPreferences.objects.get(member=member).avoid.all()) == [supervisor]
    console.assert_clean("joining a round")


def test_organizer_runs_matching_moves_a_member_and_publishes_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    today = timezone.localdate()
    round = make_round(
        name="Winter circles",
        signup_opens_on=today - dt.timedelta(days=20),
        signup_closes_on=today - dt.timedelta(days=1),
    )
    for number in range(10):
        person = make_user(name=f"Member {number}")
        profile_ensure(user=person)
        make_entry(round, person, hours=EVENINGS)
    sign_in(context, make_user(is_organizer=True), base_url)

    tab.goto(f"{base_url}{reverse('circles:rounds')}")
    follow(tab, 'link "Winter circles"')
    follow(tab, 'button "Run matching"')
    assert "Matching has started." in tab.locator("main").inner_text()
    assert_no_axe_violations(tab, axe_source, "a round being matched")
    assert run_queued_tasks() == 1  # the worker's turn
    follow(tab, 'link "Refresh to see progress"')
    assert_no_axe_violations(tab, axe_source, "a matched draft")

    # Move someone from the largest circle to the smallest: tick them, choose the circle
    # from the list, press Move; the draft changes in place and says what changed.
    circles = sorted(Circle.objects.filter(round=round), key=lambda c: c.memberships.count())
    source, target = circles[-1], circles[0]
    moving = CircleMembership.objects.filter(circle=source).select_related("member").first()
    assert moving is not None
    name = moving.member.name
    press_tab_until(tab, f'checkbox "{name}"', limit=120)
    tab.keyboard.press("Space")
    for _ in range(120):
        if focused(tab) == 'combobox "Move the ticked people to"':
            break
        tab.keyboard.press("Shift+Tab")
    labels = tab.locator(":focus option").evaluate_all("options => options.map(o => o.value)")
    for _ in range(labels.index(str(target.pk))):
        tab.keyboard.press("ArrowDown")
    assert tab.locator(":focus").input_value() == str(target.pk)
    press_tab_until(tab, 'button "Move ticked people"', limit=3)
    tab.keyboard.press("Enter")
    tab.locator("#draft-live.notice--success").wait_for()
    assert f"Moved {name} to {target}." in tab.locator("#draft-live").inner_text()
    assert CircleMembership.objects.get(round=round, member=moving.member).circle == target

    follow(tab, 'link "Review before publishing"')
    assert_no_axe_violations(tab, axe_source, "publishing, confirmed")
    follow(tab, 'button "Publish circles and e-mail 10 people"')
    assert (
        "Circles published. The 10 people in them are being told."
        in tab.locator("main").inner_text()
    )
    assert_no_axe_violations(tab, axe_source, "a published round")
    round.refresh_from_db()
    assert round.published_at is not None
    assert CircleMembership.objects.get(round=round, member=moving.member).circle == target
    console.assert_clean("running matching and publishing")


def test_a_page_showing_a_message_passes_axe(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str
) -> None:
    member = make_user()
    profile_ensure(user=member)
    sign_in(context, member, base_url)
    tab.goto(f"{base_url}{reverse('circles:preferences')}")
    follow(tab, 'button "Save my preferences"')
    assert "Your matching preferences are saved." in tab.locator("main").inner_text()
    assert_no_axe_violations(tab, axe_source, "a page with a message")
