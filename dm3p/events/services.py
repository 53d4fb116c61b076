import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.services import audit_record, email_queue, html_from_text
from dm3p.events.emails import EVENT_UPDATES
from dm3p.events.enums import EventStatus, RsvpAnswer
from dm3p.events.models import CalendarFeed, Event, EventSeries, Rsvp
from dm3p.events.recurrence import monthly_starts

# Changes that calendars must pick up (they compare SEQUENCE).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "status", "meeting_url")


@transaction.atomic
def series_create(
    *, actor: User, values: Mapping[str, object], first_month: dt.date, months: int
) -> EventSeries:
    series = EventSeries(**values)
    series.full_clean()
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
        Event.objects.create(
            series=series,
            title=series.title,
            description=series.description,
            starts_at=start,
            ends_at=start + duration,
            time_zone=series.time_zone,
            visibility=series.visibility,
            capacity=series.capacity,
        )
    audit_record(actor=actor, action="event_series.create", target=series)
    return series


@transaction.atomic
def event_save(*, actor: User, event: Event, values: Mapping[str, object]) -> Event:
    """Create or change one event. Calendar-relevant changes raise its SEQUENCE."""
    stored = Event.objects.filter(pk=event.pk).first() if event.pk else None
    for name, value in values.items():
        setattr(event, name, value)
    changed = [name for name in values if stored is None or getattr(stored, name) != values[name]]
    if stored is not None and any(name in CALENDAR_FIELDS for name in changed):
        event.sequence = stored.sequence + 1
    event.full_clean()
    event.save()
    audit_record(
        actor=actor,
        action="event.save",
        target=event,
        fields=[name for name in changed if not name.startswith("meeting_")]
        + (["meeting_link"] if any(n.startswith("meeting_") for n in changed) else []),
    )
    return event


def _tell_promoted(rsvp: Rsvp) -> None:
    event = rsvp.event
    subject = f"You have a place at {event.title}"
    text = (
        f"A place opened up at {event.title}, and it is yours: you were first on the "
        "waiting list. If you can no longer come, please change your answer on the "
        "event's page so someone else can have it."
    )
    email_queue(
        key=f"waitlist_promoted:{event.pk}:{rsvp.member_id}:{rsvp.answered_at.timestamp()}",
        kind=EVENT_UPDATES.key,
        to_address=rsvp.member.email,
        recipient=rsvp.member,
        subject=subject,
        text_body=text,
        html_body=html_from_text(subject=subject, text=text),
    )


@transaction.atomic
def rsvp_answer(*, event: Event, member: User, answer: RsvpAnswer) -> Rsvp:
    """Record an answer. With a capacity, "going" past it joins the waiting list; a place
    freed goes to the first person waiting, who is told. The event row is locked so that
    simultaneous answers can't overfill it."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    rsvp = Rsvp.objects.filter(event=event, member=member).first()
    was_holding_place = rsvp is not None and rsvp.answer == RsvpAnswer.GOING and not rsvp.waitlisted
    if rsvp is None:
        rsvp = Rsvp(event=event, member=member)
    elif rsvp.answer == answer:
        return rsvp
    rsvp.answer = answer
    rsvp.answered_at = timezone.now()
    rsvp.waitlisted = False
    if answer == RsvpAnswer.GOING and event.capacity is not None and not was_holding_place:
        taken = Rsvp.objects.filter(event=event, answer=RsvpAnswer.GOING, waitlisted=False)
        rsvp.waitlisted = taken.exclude(pk=rsvp.pk).count() >= event.capacity
    rsvp.save()
    if was_holding_place and answer != RsvpAnswer.GOING:
        first_waiting = (
            Rsvp.objects.select_related("member", "event")
            .filter(event=event, waitlisted=True)
            .order_by("answered_at", "id")
            .first()
        )
        if first_waiting is not None:
            first_waiting.waitlisted = False
            first_waiting.save(update_fields=["waitlisted"])
            _tell_promoted(first_waiting)
    audit_record(actor=member, action=f"rsvp.{answer}", subject_user=member, target=event)
    return rsvp


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_token_hash(token: str) -> str:
    return _hash(token)


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret address for the member's calendar feed; the old one stops working."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": token, "token_hash": _hash(token)}
    )
    audit_record(actor=user, action="calendar_feed.reset", subject_user=user)
    return feed


def event_status_text(event: Event) -> str:
    return "cancelled" if event.status == EventStatus.CANCELLED else "scheduled"
