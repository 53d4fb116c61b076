"""Creating a monthly series: the time zone typed as people say it, and the count in words."""

import pytest

from dm3p.events.models import Event
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.helpers import signed_in
from tests.html_tree import field_error, flashes

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def series(months: str, zone: str) -> dict[str, str]:
    return {
        "title": "Gathering",
        "week_of_month": "2",
        "weekday": "1",
        "start_time": "19:00",
        "time_zone": zone,
        "duration_minutes": "90",
        "visibility": "public",
        "months": months,
    }


# This month's second Tuesday has passed on the test clock: 2 months make one gathering.
@pytest.mark.parametrize(
    ("months", "words"), [("2", "One gathering created."), ("6", "5 gatherings created.")]
)
def test_series_takes_a_friendly_zone_and_counts_in_words(months: str, words: str) -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/events/series/new/", series(months, "Eastern Time"), follow=True
    )
    assert flashes(response) == [words]
    assert {event.time_zone for event in Event.objects.all()} == {"America/New_York"}


def test_series_refuses_an_unknown_zone_keeping_what_was_typed() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post("/manage/events/series/new/", series("6", "Atlantis"))
    assert response.status_code == 200
    assert "We don't know the time zone “Atlantis”" in field_error(response, "time_zone")
    assert 'value="Atlantis"' in response.content.decode()
    assert not Event.objects.exists()
