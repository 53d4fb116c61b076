"""Gatherings: monthly series, creating and changing one gathering, and telling those coming
what changed."""

import datetime as dt
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.services import (
    Attachment,
    answers_apply,
    audit_record,
    email_wording_queue,
    instance_validate,
)
from dm3p.core.times import when_text
from dm3p.events.calendar import calendar_bytes
from dm3p.events.emails import GATHERING_CHANGED
from dm3p.events.enums import EventStatus, EventVisibility, LinkAudience, RsvpAnswer
from dm3p.events.hooks import event_changed
from dm3p.events.models import Event, EventSeries, Rsvp, default_reminder_days
from dm3p.events.recurrence import monthly_starts
from dm3p.events.selectors import viewer_time_zone
from dm3p.events.services.reminders import answer_links, event_page_url, reminders_schedule

# Changes that calendars must pick up (they compare SEQUENCE).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "status", "meeting_url")


@dataclass(frozen=True)
class SeriesAnswers:
    """A monthly rule, e.g. "second Tuesday of each month, 19:00 America/New_York"."""

    title: str
    description: str
    week_of_month: int
    weekday: int
    start_time: dt.time
    time_zone: str
    duration_minutes: int
    visibility: EventVisibility
    capacity: int | None


@transaction.atomic
def series_create(
    *, actor: User, answers: SeriesAnswers, first_month: dt.date, months: int
) -> EventSeries:
    """A monthly series and one gathering for each of ``months`` months from
    ``first_month`` (none in the past), each with its reminders."""
    series = EventSeries()
    answers_apply(instance=series, answers=answers)
    instance_validate(series)
    series.save()
    duration = dt.timedelta(minutes=series.duration_minutes)
    now = timezone.now()
    for start in monthly_starts(
        first_month=first_month,
        months=months,
        weekday=series.weekday,
        week=series.week_of_month,
        at=series.start_time,
        zone=series.time_zone,
    ):
        if start < now:
            continue
        event = Event.objects.create(
            series=series,
            title=series.title,
            description=series.description,
            starts_at=start,
            ends_at=start + duration,
            time_zone=series.time_zone,
            visibility=series.visibility,
            capacity=series.capacity,
        )
        reminders_schedule(event=event)
    audit_record(actor=actor, action="event_series.create", target=series)
    return series


@dataclass(frozen=True)
class EventAnswers:
    """One gathering as organizers set it (times in UTC, with the zone they chose)."""

    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    description: str = ""
    visibility: EventVisibility = EventVisibility.PUBLIC
    capacity: int | None = None
    is_recorded: bool = False
    meeting_url: str | None = None
    meeting_id: str | None = None
    meeting_passcode: str | None = None
    link_audience: LinkAudience = LinkAudience.MEMBERS
    reminder_days: list[int] = field(default_factory=default_reminder_days)
    status: EventStatus = EventStatus.SCHEDULED


@transaction.atomic
def event_create(*, actor: User, answers: EventAnswers) -> Event:
    """A new gathering, with its reminders."""
    event = Event()
    answers_apply(instance=event, answers=answers)
    instance_validate(event)
    event.save()
    reminders_schedule(event=event)
    _event_audit(actor=actor, event=event, changed=[answer.name for answer in fields(answers)])
    return event


@transaction.atomic
def event_update(*, actor: User, event: Event, answers: EventAnswers) -> Event:
    """Change a gathering. Calendar-relevant changes raise its SEQUENCE (calendars compare
    it), queue its reminders again, and tell those coming of a move, a cancellation or a
    new link."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    changed = answers_apply(instance=event, answers=answers)
    calendar_changes = [name for name in changed if name in CALENDAR_FIELDS]
    if calendar_changes:
        event.sequence += 1
    instance_validate(event)
    event.save()
    if calendar_changes or "reminder_days" in changed:
        reminders_schedule(event=event)
    if calendar_changes and calendar_changes != ["title"]:
        _tell_attendees_of_change(event, calendar_changes)
        event_changed.send(sender=Event, event=event, changed=calendar_changes)
    _event_audit(actor=actor, event=event, changed=changed)
    return event


def _event_audit(*, actor: User, event: Event, changed: list[str]) -> None:
    """The meeting link's parts are recorded as one field."""
    audit_record(
        actor=actor,
        action="event.save",
        target=event,
        fields=[name for name in changed if not name.startswith("meeting_")]
        + (["meeting_link"] if any(n.startswith("meeting_") for n in changed) else []),
    )


def change_in_words(event: Event, changed: list[str]) -> str:
    """What changed about a gathering, for people: "is cancelled", "has moved"..."""
    if event.is_cancelled:
        return "is cancelled"
    if "starts_at" in changed or "ends_at" in changed:
        return "has moved"
    if "meeting_url" in changed:
        return "has a new meeting link"
    return "has changed"


def _answer_again(event: Event, member: User) -> str:
    links = answer_links(event, member)
    return (
        "Can you still come? Each link opens a page where one button saves your answer:\n"
        f"I'm coming: {links['going_link']}\nMaybe: {links['maybe_link']}\n"
        f"I can't come: {links['cant_link']}"
    )


def _tell_attendees_of_change(event: Event, changed: list[str]) -> None:
    """Everyone who answered going or maybe hears of a move, a cancellation or a new link,
    with the updated calendar file."""
    what = change_in_words(event, changed)
    for rsvp in Rsvp.objects.filter(
        members_now_q("member"), event=event, answer__in=[RsvpAnswer.GOING, RsvpAnswer.MAYBE]
    ).select_related("member"):
        member = rsvp.member
        zone = viewer_time_zone(viewer=member, default=event.time_zone)
        email_wording_queue(
            email=GATHERING_CHANGED,
            outbox_key=f"event_changed:{event.pk}:{event.sequence}:{member.pk}",
            recipient=member,
            values={
                "title": event.title,
                "change": what,
                "when": when_text(event.starts_at, event.ends_at, zone),
                "answer_again": _answer_again(event, member) if what == "has moved" else "",
                "page_link": event_page_url(event),
            },
            attachments=[
                Attachment(
                    f"gathering-{event.pk}.ics",
                    calendar_bytes([event], name=event.title),
                    "text/calendar",
                )
            ],
        )
