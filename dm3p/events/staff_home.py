"""The events app's panel on the staff home (core's ``STAFF_HOME_PANELS``): the next
gathering and how many said they are coming, maybe, or wait for a place. Counts only, never
who; two queries."""

from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.core.hooks import Panel
from dm3p.core.times import when_text
from dm3p.events.enums import EventStatus, RsvpAnswer
from dm3p.events.models import Event
from dm3p.events.selectors import viewer_time_zone


def gathering_next() -> Event | None:
    """The next gathering that is not cancelled (or the one happening now), for staff, with
    its answers counted; one query."""
    return (
        Event.objects.filter(ends_at__gte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .only("title", "starts_at", "ends_at", "capacity")
        .annotate(
            going=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.GOING, rsvps__waitlisted=False)),
            maybe=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.MAYBE)),
            waiting=Count("rsvps", filter=Q(rsvps__waitlisted=True)),
            cant=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.CANT)),
        )
        .order_by("starts_at", "id")
        .first()
    )


def next_gathering_panel(request: HttpRequest) -> Panel | None:
    """For those who run gatherings: the next one, with its answers as counts."""
    viewer: Any = request.user
    if not viewer.has_perm("events.manage_event"):
        return None
    event = gathering_next()
    zone = viewer_time_zone(viewer=viewer, default=settings.TIME_ZONE) if event else ""
    return Panel(
        "events/staff_panel_next_gathering.html",
        {"event": event, "when": when_text(event.starts_at, event.ends_at, zone) if event else ""},
        quiet=event is None,
    )
