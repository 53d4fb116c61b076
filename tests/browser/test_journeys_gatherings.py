"""Core journeys of gatherings with the keyboard alone (ACCESSIBILITY.md, journeys 3-5): a
member says they're coming and adds the gathering to their calendar; asks for ASL
interpretation; a coordinator confirms it and the member sees it."""

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.accommodations.models import AccommodationRequest
from dm3p.events.links import answer_token
from dm3p.events.models import Rsvp
from dm3p.members.services import profile_ensure
from tests.browser.browsing import ConsoleWatch, press_tab_until, sign_in
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.circles import make_breakout_assignment, make_breakout_room
from tests.factories.events import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_says_they_are_coming_and_adds_it_to_their_calendar(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    event = make_event(days_ahead=30)
    member = make_user()
    profile_ensure(user=member)
    sign_in(context, member, base_url)
    tab.goto(f"{base_url}{reverse('events:detail', args=[event.pk])}")
    press_tab_until(tab, 'radio "I\'m coming"', limit=60)
    tab.keyboard.press("Space")
    press_tab_until(tab, 'button "Save my answer"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert Rsvp.objects.get(member=member).answer == "going"
    assert "Your answer is saved: I'm coming." in tab.locator("main").inner_text()
    press_tab_until(tab, 'link "Apple Calendar or another app (.ics file)"', limit=60)
    with tab.expect_download() as download_info:
        tab.keyboard.press("Enter")
    calendar = Calendar.from_ical(download_info.value.path().read_bytes())
    assert [str(entry["summary"]) for entry in calendar.walk("VEVENT")] == ["Monthly gathering"]
    console.assert_clean("saying I'm coming")


def test_from_the_reminder_link_to_asl_with_the_keyboard_signed_out(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """The e-mailed "I'm coming" link: one button to confirm, then the access step, where
    ASL is asked for: three pages, no signing in."""
    event = make_event(days_ahead=30)
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    member = make_user(name="Mei")
    profile_ensure(user=member)
    token = answer_token(event_id=event.pk, member_id=member.pk, answer="going")
    pages = []
    tab.on("load", lambda page: pages.append(page.url))
    tab.goto(f"{base_url}/events/answer/{token}/")
    press_tab_until(tab, 'button "Yes, I\'m coming"', limit=60)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert Rsvp.objects.get(member=member).answer == "going"
    press_tab_until(tab, 'checkbox "ASL interpretation"', limit=60)
    tab.keyboard.press("Space")
    press_tab_until(tab, 'button "Send my request"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert AccommodationRequest.objects.get().member == member
    assert (
        "Your request is with the accommodations coordinators" in tab.locator("main").inner_text()
    )
    assert len(pages) == 3
    console.assert_clean("answering from the e-mail")


def test_member_asks_for_asl_and_sees_the_coordinator_confirm_it(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    event = make_event(days_ahead=30)
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    member = make_user(name="Mei")
    profile_ensure(user=member)
    sign_in(context, member, base_url)
    tab.goto(f"{base_url}{reverse('events:detail', args=[event.pk])}")
    press_tab_until(tab, 'link "Ask for sign language interpretation or other support"', limit=60)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'checkbox "ASL interpretation"')
    tab.keyboard.press("Space")
    press_tab_until(tab, 'button "Send my request"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    request = AccommodationRequest.objects.get()
    assert request.status == "received"

    coordinator = make_user(is_coordinator=True, name="Cam")
    coordinator_context = context.browser.new_context(base_url=base_url)  # type: ignore[union-attr]
    try:
        sign_in(coordinator_context, coordinator, base_url)
        desk = coordinator_context.new_page()
        console.attach(desk)
        desk.goto(f"{base_url}{reverse('accommodations:queue')}")
        press_tab_until(desk, 'link "ASL interpretation for Mei"', limit=60)
        with desk.expect_navigation():
            desk.keyboard.press("Enter")
        # Tab enters the status group on the checked radio; arrows move and choose.
        press_tab_until(desk, 'radio "Received" [checked]', limit=60)
        desk.keyboard.press("ArrowDown")
        desk.keyboard.press("ArrowDown")
        assert desk.locator("input[name=status]:checked").get_attribute("value") == "confirmed"
        press_tab_until(desk, 'button "Save and tell the member"')
        with desk.expect_navigation():
            desk.keyboard.press("Enter")
    finally:
        coordinator_context.close()
    request.refresh_from_db()
    assert request.status == "confirmed"

    tab.goto(f"{base_url}{reverse('events:detail', args=[event.pk])}")
    assert "ASL interpretation: Confirmed" in tab.locator("main").inner_text()
    console.assert_clean("asking for ASL and seeing it confirmed")


def test_organizer_downloads_the_breakout_room_csv_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    event = make_event(days_ahead=30)
    room = make_breakout_room(event=event, name="Exams")
    member = make_user(email="mei@example.org")
    profile_ensure(user=member)
    make_breakout_assignment(room=room, member=member)
    sign_in(context, make_user(is_organizer=True), base_url)
    tab.goto(f"{base_url}{reverse('circles:breakouts', args=[event.pk])}")
    press_tab_until(tab, 'link "Download Zoom\'s pre-assignment file (CSV)"', limit=60)
    with tab.expect_download() as download_info:
        tab.keyboard.press("Enter")
    assert download_info.value.path().read_bytes() == (
        b"Pre-assign Room Name,Email Address\r\nExams,mei@example.org\r\n"
    )
    console.assert_clean("downloading the breakout-room file")
