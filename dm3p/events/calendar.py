"""iCalendar (RFC 5545) for events: one event's .ics, the public feed, a member's feed.

Every VEVENT has a UID that never changes, a DTSTAMP in UTC, LAST-MODIFIED, and a SEQUENCE
that rises when the time, place or status changes; times are in UTC. No METHOD: the site
publishes events, it doesn't invite people to them. Cancelled events stay, marked so.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from dm3p.core.links import site_link
from dm3p.events.models import Event

PRODID = "-//DM3P//Gatherings//EN"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{settings.SITE_DOMAIN}"


def _vevent(event: Event, stamp: dt.datetime, meeting_link: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", stamp)
    entry.add("last-modified", event.updated_at.astimezone(dt.UTC))
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.starts_at.astimezone(dt.UTC))
    entry.add("dtend", event.ends_at.astimezone(dt.UTC))
    entry.add("summary", event.title)
    page = site_link("events:detail", event.pk)
    description = event.description.strip()
    if meeting_link:
        description = f"{description}\n\nJoin: {meeting_link}".strip()
        entry.add("location", meeting_link)
    entry.add("description", f"{description}\n\n{page}".strip())
    entry.add("url", page)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return entry


def calendar_bytes(
    events: Iterable[Event],
    *,
    name: str,
    meeting_link_for: Callable[[Event], str] = lambda event: "",
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, stamp, meeting_link_for(event)))
    result: bytes = calendar.to_ical()
    return result
