"""iCalendar (RFC 5545) for events: one event's .ics, the public feed, a member's feed.

Every VEVENT has a UID that never changes, a DTSTAMP in UTC, LAST-MODIFIED, and a SEQUENCE
that rises when the time, place or status changes; times are in UTC. No METHOD: the site
publishes events, it doesn't invite people to them. Cancelled events stay, marked so.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

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


def _utc(moment: dt.datetime, pattern: str) -> str:
    return moment.astimezone(dt.UTC).strftime(pattern)


def _web_details(event: Event) -> str:
    """What a web calendar's entry says: the gathering's page (the meeting link stays on
    the site, and in the member's own .ics file or feed)."""
    return f"Details and how to join: {site_link('events:detail', event.pk)}"


def google_calendar_url(event: Event) -> str:
    """Google Calendar's "add event" page, filled from the gathering (a plain link: nothing
    is sent to Google until the member follows it)."""
    query = urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{_utc(event.starts_at, '%Y%m%dT%H%M%SZ')}/"
            f"{_utc(event.ends_at, '%Y%m%dT%H%M%SZ')}",
            "details": _web_details(event),
        }
    )
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(event: Event) -> str:
    """Outlook on the web's "new event" page, filled from the gathering."""
    query = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": _utc(event.starts_at, "%Y-%m-%dT%H:%M:%SZ"),
            "enddt": _utc(event.ends_at, "%Y-%m-%dT%H:%M:%SZ"),
            "body": _web_details(event),
        }
    )
    return f"https://outlook.live.com/calendar/0/deeplink/compose?{query}"
