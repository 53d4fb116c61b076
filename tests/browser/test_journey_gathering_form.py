"""An organizer adds a gathering with two speakers and an agenda using only the keyboard
(issue 13): checks the time in words, adds a second speaker with "Add another speaker",
saves, and lands on the gathering; axe passes on each page."""

import datetime as dt

import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.events.models import Event
from dm3p.members.services import profile_ensure
from tests.browser.browsing import (
    ConsoleWatch,
    assert_no_axe_violations,
    focused,
    press_tab_until,
    sign_in,
)
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_adds_a_gathering_with_two_speakers_and_an_agenda_by_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch, axe_source: str
) -> None:
    organizer = make_user(is_organizer=True, name="Olu Organizer")
    profile_ensure(user=organizer)
    sign_in(context, organizer, base_url)
    tab.goto(f"{base_url}/manage/events/new/")
    assert_no_axe_violations(tab, axe_source, "the new gathering's form")

    press_tab_until(tab, 'textbox "Title"', limit=60)
    tab.keyboard.type("Disclosure at work")
    press_tab_until(tab, 'textbox "Starts"')
    # A date box's parts depend on the browser's language and are tab stops the focus
    # helper can't name: what the keyboard would type is put there at once, and the
    # keyboard goes on from the next box.
    tab.locator(":focus").fill("2027-01-12T19:00")
    tab.locator("[name=duration_minutes]").focus()
    tab.keyboard.type("90")
    press_tab_until(tab, 'button "Check the time"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    words = tab.locator("#start-in-words").inner_text()
    assert words == "Starts Tuesday 12 January 2027, 7:00 pm Eastern Time (New York)."
    assert tab.locator("[name=title]").input_value() == "Disclosure at work"
    assert Event.objects.count() == 0
    assert_no_axe_violations(tab, axe_source, "the form with the time checked")

    tab.locator("[name=time_zone]").focus()  # past the date box (see above)
    press_tab_until(tab, 'textbox "Speaker\'s name"', limit=80)
    tab.keyboard.type("Dr. Ada Reyes")
    press_tab_until(tab, 'button "Add another speaker"')
    tab.keyboard.press("Enter")
    # The new row is added at once, and the keyboard is in it.
    assert focused(tab) == 'textbox "Speaker\'s name"'
    assert tab.locator("[name=speakers-TOTAL_FORMS]").input_value() == "2"
    assert tab.locator("[data-rows-status]").inner_text() == "Speaker 2 added."
    tab.keyboard.type("Sam Okafor")
    assert_no_axe_violations(tab, axe_source, "the form with two speakers")

    press_tab_until(tab, 'combobox "Part"', limit=40)
    tab.keyboard.press("g")  # "Guest speaker"
    press_tab_until(tab, 'textbox "Title (optional)"')
    tab.keyboard.type("Our guests")
    press_tab_until(tab, 'button "Save gathering"', limit=40)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    event = Event.objects.get()
    assert tab.url == f"{base_url}/manage/events/{event.pk}/"
    assert "“Disclosure at work” is saved." in tab.locator("main").inner_text()
    assert event.starts_at == dt.datetime(2027, 1, 13, 0, 0, tzinfo=dt.UTC)
    assert [speaker.name for speaker in event.speakers.all()] == ["Dr. Ada Reyes", "Sam Okafor"]
    assert [(item.kind, item.title) for item in event.segments.all()] == [("speaker", "Our guests")]
    assert_no_axe_violations(tab, axe_source, "the saved gathering")
    console.assert_clean("adding a gathering")
