"""The event page uses the width of a desktop: what matters most in the main column, the
calendar and "Taking part" (or, once it has taken place, the speakers) beside it; one
column on a phone, in that reading order."""

import pytest

from dm3p.events.enums import EventStatus
from tests.factories import make_user
from tests.factories.events import make_event, make_speaker
from tests.helpers import signed_in
from tests.html_tree import Element, parse

pytestmark = pytest.mark.django_db


def columns(event_pk: int) -> tuple[Element, Element]:
    page = parse(signed_in(make_user()).get(f"/events/{event_pk}/"))
    body = page.one(class_="event-body")
    return body.one(class_="layout-2col__main"), body.one(class_="layout-2col__aside")


def headings(column: Element) -> list[str]:
    return [h2.text() for h2 in column.all("h2")]


def test_upcoming_gathering_puts_calendar_and_taking_part_beside_the_details() -> None:
    event = make_event(days_ahead=10, description="Talk about disclosure.")
    make_speaker(event=event)
    main, aside = columns(event.pk)
    assert headings(main)[:2] == ["About this gathering", "Speakers"]
    assert headings(aside) == ["Add to your calendar", "Taking part"]


def test_a_gathering_that_took_place_puts_its_speakers_beside() -> None:
    event = make_event(days_ahead=-10, description="Talk about disclosure.")
    make_speaker(event=event)
    main, aside = columns(event.pk)
    assert "Speakers" not in headings(main)
    assert headings(aside) == ["Speakers"]


def test_a_cancelled_gathering_says_nothing_about_taking_part() -> None:
    event = make_event(days_ahead=10, status=EventStatus.CANCELLED)
    main, aside = columns(event.pk)
    assert "Taking part" not in headings(main) + headings(aside)
    assert "Add to your calendar" not in headings(aside)
