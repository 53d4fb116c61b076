"""A coordinator, with the keyboard alone, goes from the queue to one gathering's summary
of requests and confirms an ASL request there (issue 13); axe checks each page."""

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from tests.browser.browsing import (
    ConsoleWatch,
    assert_no_axe_violations,
    press_tab_until,
    sign_in,
)
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request
from tests.factories.events import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_confirms_an_asl_request_from_the_summary_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch, axe_source: str
) -> None:
    types_fill()
    event = make_event(days_ahead=20, minutes=90, title="Disclosure at work")
    asl = AccommodationType.objects.get(label="ASL interpretation")
    request = make_accommodation_request(event=event, member=make_user(name="Mei"), kind=asl)
    make_accommodation_request(
        event=event,
        member=make_user(name="Ola"),
        kind=AccommodationType.objects.get(label="Scheduled breaks"),
    )
    sign_in(context, make_user(is_coordinator=True, name="Cam"), base_url)
    console.attach(tab)
    tab.goto(f"{base_url}{reverse('accommodations:queue')}")
    assert_no_axe_violations(tab, axe_source, "the queue, by gathering")
    press_tab_until(tab, 'link "All requests for this gathering: Disclosure at work"', limit=60)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.locator("h1").inner_text() == "Requests for Disclosure at work"
    assert "Two interpreters needed for ASL interpretation" in tab.locator("main").inner_text()
    assert_no_axe_violations(tab, axe_source, "a gathering's summary of requests")
    press_tab_until(tab, 'button "Confirm ASL interpretation for Mei"', limit=60)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    request.refresh_from_db()
    assert request.status == "confirmed"
    assert "ASL interpretation for Mei is confirmed" in tab.locator("main").inner_text()
    assert_no_axe_violations(tab, axe_source, "the summary after confirming")
    assert AccommodationRequest.objects.exclude(pk=request.pk).get().status == "received"
    console.assert_clean("confirming ASL from a gathering's summary")
