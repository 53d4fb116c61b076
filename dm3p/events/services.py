import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.forms import BaseInlineFormSet
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.links import site_link
from dm3p.core.services import (
    Attachment,
    audit_record,
    email_wording_queue,
)
from dm3p.core.times import when_text
from dm3p.events.calendar import calendar_bytes
from dm3p.events.emails import GATHERING_CHANGED, GATHERING_REMINDER, WAITLIST_PLACE
from dm3p.events.enums import EventStatus, ResourceKind, RsvpAnswer
from dm3p.events.hooks import event_changed, event_materials_added, reminder_section_lines
from dm3p.events.models import CalendarFeed, Event, EventResource, EventSeries, Rsvp
from dm3p.events.recurrence import monthly_starts
from dm3p.events.selectors import meeting_link_for, viewer_time_zone

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
    calendar_changes = [name for name in changed if name in CALENDAR_FIELDS]
    if stored is None or calendar_changes or "reminder_days" in changed:
        reminders_schedule(event=event)
    if stored is not None and calendar_changes and calendar_changes != ["title"]:
        _tell_attendees_of_change(event, calendar_changes)
        event_changed.send(sender=Event, event=event, changed=calendar_changes)
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
    email_wording_queue(
        email=WAITLIST_PLACE,
        outbox_key=f"waitlist_promoted:{event.pk}:{rsvp.member_id}:{rsvp.answered_at.timestamp()}",
        recipient=rsvp.member,
        values={"title": event.title},
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
        _place_pass_on(event)
    audit_record(actor=member, action=f"rsvp.{answer}", subject_user=member, target=event)
    return rsvp


def _place_pass_on(event: Event) -> None:
    """A place freed at a full gathering goes to the first person waiting who is still a
    member, who is told. Call with the event's row locked."""
    first_waiting = (
        Rsvp.objects.select_related("member", "event")
        .filter(members_now_q("member"), event=event, waitlisted=True)
        .order_by("answered_at", "id")
        .first()
    )
    if first_waiting is not None:
        first_waiting.waitlisted = False
        first_waiting.save(update_fields=["waitlisted"])
        _tell_promoted(first_waiting)


@transaction.atomic
def rsvps_release(*, actor: User | None, person: User) -> int:
    """Someone who is no longer a member now gives up their answers to gatherings that have
    not started: a place they held goes to the next member waiting. The answers are gone,
    so being reinstated later brings none back. Returns how many were released."""
    now = timezone.now()
    event_ids = list(
        Rsvp.objects.filter(member=person, event__starts_at__gt=now)
        .order_by("event_id")
        .values_list("event_id", flat=True)
    )
    released = 0
    # Lock each event in the same order as rsvp_answer does (one at a time, by event), so
    # answers arriving at the same moment can't overfill it.
    for event in Event.objects.select_for_update().filter(pk__in=event_ids).order_by("pk"):
        rsvp = Rsvp.objects.filter(event=event, member=person).first()
        if rsvp is None:
            continue
        held_place = rsvp.answer == RsvpAnswer.GOING and not rsvp.waitlisted
        rsvp.delete()
        released += 1
        if held_place and event.capacity is not None:
            _place_pass_on(event)
        audit_record(actor=actor, action="rsvp.release", subject_user=person, target=event)
    return released


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


def calendar_feed_revoke(*, actor: User | None, user: User) -> None:
    """The member's calendar address stops working; they can make a new one when (and if)
    they may see gatherings again."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=actor, action="calendar_feed.revoke", subject_user=user)


def event_status_text(event: Event) -> str:
    return "cancelled" if event.status == EventStatus.CANCELLED else "scheduled"


def _page_url(event: Event) -> str:
    return site_link("events:detail", event.pk)


def _enqueue_reminder(run_at: dt.datetime, event_id: int, days: int, sequence: int) -> None:
    # The task module imports this one, so it is imported when needed.
    from dm3p.events.tasks import event_reminders

    event_reminders.using(run_after=run_at).enqueue(event_id, days, sequence)


def reminders_schedule(*, event: Event) -> int:
    """Queue this event's reminders (after it commits), each to run at its time."""
    if event.status == EventStatus.CANCELLED:
        return 0
    now = timezone.now()
    queued = 0
    for days in sorted({int(days) for days in event.reminder_days or []}, reverse=True):
        run_at = event.starts_at - dt.timedelta(days=days)
        if run_at <= now:
            continue
        transaction.on_commit(partial(_enqueue_reminder, run_at, event.pk, days, event.sequence))
        queued += 1
    return queued


def _join_details(event: Event, link: str) -> str:
    """How to join, for a reminder: the link, then the meeting's ID and passcode if any."""
    if not link:
        return ""
    lines = [f"Join: {link}"]
    if event.meeting_id:
        lines.append(f"Meeting ID: {event.meeting_id}")
    if event.meeting_passcode:
        lines.append(f"Passcode: {event.meeting_passcode}")
    return "\n".join(lines)


def event_reminders_send(*, event_id: int, days_before: int, sequence: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if (
        event is None
        or event.sequence != sequence
        or event.status == EventStatus.CANCELLED
        or days_before not in (event.reminder_days or [])
    ):
        return 0
    attendees = Rsvp.objects.filter(
        members_now_q("member"),
        event=event,
        answer__in=[RsvpAnswer.GOING, RsvpAnswer.MAYBE],
        waitlisted=False,
    ).select_related("member")
    sent = 0
    with transaction.atomic():
        for rsvp in attendees:
            member = rsvp.member
            zone = viewer_time_zone(viewer=member, default=event.time_zone)
            link = meeting_link_for(event=event, viewer=member, rsvp=rsvp)
            queued = email_wording_queue(
                email=GATHERING_REMINDER,
                outbox_key=f"reminder:{event.pk}:{days_before}:{member.pk}:{event.sequence}",
                values={
                    "title": event.title,
                    "how_soon": "tomorrow" if days_before == 1 else f"in {days_before} days",
                    "when": when_text(event.starts_at, event.ends_at, zone),
                    "join_details": _join_details(event, link),
                    "more_details": "\n".join(reminder_section_lines(event, member)),
                    "page_link": _page_url(event),
                    "settings_link": site_link("accounts:email_preferences"),
                },
                recipient=member,
                attachments=[
                    Attachment(
                        f"gathering-{event.pk}.ics",
                        calendar_bytes(
                            [event],
                            name=event.title,
                            meeting_link_for=lambda item: link,  # noqa: B023 - used at once
                        ),
                        "text/calendar",
                    )
                ],
            )
            sent += queued is not None
    return sent


def change_in_words(event: Event, changed: list[str]) -> str:
    """What changed about a gathering, for people: "is cancelled", "has moved"..."""
    if event.status == EventStatus.CANCELLED:
        return "is cancelled"
    if "starts_at" in changed or "ends_at" in changed:
        return "has moved"
    if "meeting_url" in changed:
        return "has a new meeting link"
    return "has changed"


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
                "page_link": _page_url(event),
            },
            attachments=[
                Attachment(
                    f"gathering-{event.pk}.ics",
                    calendar_bytes([event], name=event.title),
                    "text/calendar",
                )
            ],
        )


def _deleted(formset: BaseInlineFormSet[Any, Any, Any], form: Any) -> bool:
    return bool(formset.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"))


@transaction.atomic
def event_programme_save(
    *, actor: User, event: Event, formsets: list[BaseInlineFormSet[Any, Any, Any]]
) -> None:
    """Save the agenda and speakers (already validated inline formsets). Photos of speakers
    removed, or replaced, leave the disk once the change is committed."""
    gone: list[FieldFile] = []  # photos (files with a name) no longer used
    for formset in formsets:
        for form in formset.forms:
            before = form.initial.get("photo")
            if before and (_deleted(formset, form) or "photo" in form.changed_data):
                gone.append(before)
        formset.save()
    for photo in gone:
        transaction.on_commit(partial(photo.storage.delete, str(photo.name)))
    audit_record(actor=actor, action="event.programme", target=event, fields=["agenda", "speakers"])


@transaction.atomic
def resource_add(*, actor: User, event: Event, values: Mapping[str, Any]) -> EventResource:
    resource = EventResource(event=event, **values)
    resource.full_clean()
    resource.save()
    audit_record(actor=actor, action="event.resource_add", target=event, fields=["resources"])
    if resource.kind == ResourceKind.SLIDES:
        event_materials_added.send(sender=Event, event=event, resource=resource)
    return resource


@transaction.atomic
def resource_remove(*, actor: User, resource: EventResource) -> None:
    if resource.file:
        resource.file.delete(save=False)
    event = resource.event
    resource.delete()
    audit_record(actor=actor, action="event.resource_remove", target=event, fields=["resources"])
