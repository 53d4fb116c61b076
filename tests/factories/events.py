"""Factories for gatherings (events): real rows made through the app's own models."""

import datetime as dt
from dataclasses import replace
from typing import Any

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.services import answers_of
from dm3p.events.models import (
    AgendaSegment,
    CalendarFeed,
    Event,
    EventResource,
    EventSeries,
    Rsvp,
    Speaker,
)
from dm3p.events.services import EventAnswers, calendar_feed_reset, event_create, event_update
from tests.factories import make_user
from tests.factories.rows import create
from tests.helpers import Capture


def _start(days_ahead: int) -> dt.datetime:
    """``days_ahead`` days from the test's now, to the minute (as forms give times)."""
    return timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=days_ahead)


def make_event(
    *,
    days_ahead: int = 7,
    minutes: int = 90,
    title: str = "Monthly gathering",
    time_zone: str = "UTC",
    **fields: Any,
) -> Event:
    """A gathering ``days_ahead`` days from now lasting ``minutes``, open to members, with no
    meeting link or seat limit unless given (``meeting_url``, ``capacity``, ``visibility``,
    ``starts_at``, any other field)."""
    starts_at = fields.pop("starts_at", None) or _start(days_ahead)
    return Event.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=minutes),
        time_zone=time_zone,
        **fields,
    )


def organize_event(
    organizer: User,
    capture: Capture,
    *,
    days_ahead: int = 10,
    time_zone: str = "UTC",
    reminder_days: list[int] | None = None,
    **values: Any,
) -> Event:
    """A gathering as an organizer saves it, with its reminders (by default a week before)
    scheduled: the service runs and its after-commit work is done."""
    start = _start(days_ahead)
    answers = EventAnswers(
        title="Monthly gathering",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        time_zone=time_zone,
        meeting_url="https://zoom.example.org/j/42",
        reminder_days=[7] if reminder_days is None else reminder_days,
    )
    with capture(execute=True):
        return event_create(actor=organizer, answers=replace(answers, **values))


def change_event(organizer: User, event: Event, **changes: Any) -> Event:
    """The organizer saves a gathering with ``changes`` to what it holds (e.g.
    ``status=EventStatus.CANCELLED``)."""
    event.refresh_from_db()
    event_update(
        actor=organizer, event=event, answers=replace(answers_of(EventAnswers, event), **changes)
    )
    event.refresh_from_db()
    return event


def move_event(organizer: User, event: Event, by: dt.timedelta) -> Event:
    """The organizer moves a gathering ``by`` later (earlier if negative), keeping its
    length."""
    event.refresh_from_db()
    return change_event(
        organizer, event, starts_at=event.starts_at + by, ends_at=event.ends_at + by
    )


def make_agenda_segment(**fields: Any) -> AgendaSegment:
    return create(AgendaSegment, fields, event=make_event, kind=lambda: "speaker")


def make_speaker(**fields: Any) -> Speaker:
    """A gathering's guest speaker, without a photo."""
    return create(Speaker, fields, event=make_event, name=lambda: "Dr. Jordan Reyes")


def make_rsvp(**fields: Any) -> Rsvp:
    """A member's answer for a gathering (by default: going, answered now)."""
    return create(
        Rsvp,
        fields,
        event=make_event,
        member=make_user,
        answer=lambda: "going",
        answered_at=timezone.now,
    )


def make_event_resource(**fields: Any) -> EventResource:
    """A link shared with a gathering's members (by default to its slides)."""
    return create(
        EventResource,
        fields,
        event=make_event,
        kind=lambda: "link",
        title=lambda: "Slides",
        url=lambda: "https://example.org/slides",
    )


def make_event_series(**fields: Any) -> EventSeries:
    """Monthly gatherings on the second Tuesday at 7 pm in New York."""
    return create(
        EventSeries,
        fields,
        title=lambda: "Monthly gathering",
        week_of_month=lambda: 2,
        weekday=lambda: 1,
        start_time=lambda: dt.time(19, 0),
        time_zone=lambda: "America/New_York",
    )


def make_calendar_feed(member: User | None = None) -> CalendarFeed:
    """A member's secret calendar feed (made as the site makes it: the token is hashed)."""
    return calendar_feed_reset(user=member or make_user())
