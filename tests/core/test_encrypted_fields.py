import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dm3p.events.models import Event
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db


def test_a_refused_meeting_link_leaves_every_stored_link_readable() -> None:
    event = make_event(
        title="November gathering",
        starts_at=dt.datetime(2026, 11, 10, tzinfo=dt.UTC),
        minutes=90,
        meeting_url="https://zoom.example.org/j/123456789",
    )
    link = Event._meta.get_field("meeting_url")
    with pytest.raises(ValidationError):
        link.clean("http://zoom.example.org/j/1", event)

    assert Event.objects.values_list("meeting_url", flat=True).get(pk=event.pk) == (
        "https://zoom.example.org/j/123456789"
    )


def test_a_clean_link_stays_as_typed() -> None:
    link = Event._meta.get_field("meeting_url")

    assert link.clean("https://zoom.example.org/j/1", None) == "https://zoom.example.org/j/1"
