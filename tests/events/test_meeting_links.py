import html

import pytest

from dm3p.events.models import Event
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

MEETING_URL_MESSAGE = (
    "Enter the meeting link as a full address starting with https://, "
    "e.g. https://zoom.us/j/123456789."
)


def event_form(**changes: str) -> dict[str, str]:
    return {
        "title": "Monthly gathering",
        "starts_local": "2026-07-14T19:00",
        "duration_minutes": "90",
        "time_zone": "America/New_York",
        "visibility": "members",
        "link_audience": "members",
        "reminders": "7, 1",
        **changes,
    }


@pytest.mark.clock(ORDINARY)
@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(document.cookie)",
        "http://zoom.us/j/123456789",
        "zoom.us/j/123456789",
        "data:text/html,<b>hi</b>",
        "https://",
    ],
)
def test_meeting_link_that_is_not_an_https_address_is_refused_and_kept(typed: str) -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post("/manage/events/new/", event_form(meeting_url=typed))
    page = response.content.decode()
    assert response.status_code == 200
    assert MEETING_URL_MESSAGE in page
    assert f'value="{html.escape(typed)}"' in page
    assert Event.objects.count() == 0


@pytest.mark.clock(ORDINARY)
def test_meeting_link_is_saved_without_surrounding_spaces() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/events/new/", event_form(meeting_url="  https://zoom.us/j/123456789?pwd=abc ")
    )
    assert response["Location"] == f"/manage/events/{Event.objects.get().pk}/"
    assert Event.objects.get().meeting_url == "https://zoom.us/j/123456789?pwd=abc"
