"""Demo gatherings: a monthly series and one past gathering for the archive."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.hooks import DemoOptions
from dm3p.events.enums import EventVisibility, SegmentKind
from dm3p.events.models import AgendaSegment, Event, EventSeries, Speaker
from dm3p.events.services import SeriesAnswers, series_create

DESCRIPTION = (
    "Our monthly gathering: a guest speaker, discussion in the whole group and in small "
    "groups, and time to talk. Live captions (CART) in the main room."
)


def demo_events(demo: DemoOptions) -> None:
    if EventSeries.objects.exists():
        return
    organizer = User.objects.get(email="organizer@example.org")
    series = series_create(
        actor=organizer,
        answers=SeriesAnswers(
            title="Monthly gathering",
            description=DESCRIPTION,
            week_of_month=2,
            weekday=1,
            start_time=dt.time(19, 0),
            time_zone="America/New_York",
            duration_minutes=90,
            visibility=EventVisibility.PUBLIC,
            capacity=100,
        ),
        first_month=timezone.localdate(),
        months=12,
    )
    next_event = series.events.order_by("starts_at").first()
    if next_event is not None:
        next_event.meeting_url = "https://zoom.example.org/j/123456789"
        next_event.meeting_id = "123 456 789"
        next_event.meeting_passcode = "demo-passcode"
        next_event.save()
        for order, (kind, minutes) in enumerate(
            [
                (SegmentKind.SPEAKER, 30),
                (SegmentKind.LARGE_GROUP, 20),
                (SegmentKind.BREAKOUTS, 25),
                (SegmentKind.SOCIAL, 15),
            ]
        ):
            AgendaSegment.objects.create(event=next_event, kind=kind, minutes=minutes, order=order)
        Speaker.objects.create(
            event=next_event,
            name="Dr. Jordan Reyes",
            bio="Emergency physician and wheelchair user.",
        )
    start = dt.datetime(2026, 10, 13, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    Event.objects.create(
        title="Disclosure in residency interviews",
        description=DESCRIPTION,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        time_zone="America/New_York",
        is_recorded=True,
    )
