import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from functools import partial

from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.links import site_link
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import (
    Attachment,
    answers_apply,
    audit_record,
    email_render_and_queue,
    email_text_queue,
    instance_validate,
)
from dm3p.core.times import when_text
from dm3p.events.calendar import calendar_bytes
from dm3p.events.emails import EVENT_REMINDERS, EVENT_UPDATES
from dm3p.events.enums import (
    EventStatus,
    EventVisibility,
    LinkAudience,
    ResourceAudience,
    ResourceKind,
    RsvpAnswer,
    SegmentKind,
)
from dm3p.events.hooks import (
    event_changed,
    event_materials_added,
    event_reminders_due,
    reminder_section_lines,
)
from dm3p.events.models import (
    AgendaSegment,
    CalendarFeed,
    Event,
    EventResource,
    EventSeries,
    Rsvp,
    Speaker,
    default_reminder_days,
)
from dm3p.events.recurrence import monthly_starts
from dm3p.events.rules import is_open_gathering
from dm3p.events.selectors import meeting_link_for, viewer_time_zone

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

    @classmethod
    def of(cls, event: Event) -> "EventAnswers":
        """The answers that would save ``event`` as it is (to change a few of them)."""
        return cls(
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            time_zone=event.time_zone,
            description=event.description,
            visibility=EventVisibility(event.visibility),
            capacity=event.capacity,
            is_recorded=event.is_recorded,
            meeting_url=event.meeting_url,
            meeting_id=event.meeting_id,
            meeting_passcode=event.meeting_passcode,
            link_audience=LinkAudience(event.link_audience),
            reminder_days=list(event.reminder_days or []),
            status=EventStatus(event.status),
        )


@transaction.atomic
def event_create(*, actor: User, answers: EventAnswers) -> Event:
    """A new gathering, with its reminders."""
    event = Event()
    changed = answers_apply(instance=event, answers=answers)
    instance_validate(event)
    event.save()
    reminders_schedule(event=event)
    _event_audit(actor=actor, event=event, changed=changed)
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


def _tell_promoted(rsvp: Rsvp) -> None:
    event = rsvp.event
    subject = f"You have a place at {event.title}"
    text = (
        f"A place opened up at {event.title}, and it is yours: you were first on the "
        "waiting list. If you can no longer come, please change your answer on the "
        "event's page so someone else can have it."
    )
    email_text_queue(
        key=f"waitlist_promoted:{event.pk}:{rsvp.member_id}:{rsvp.answered_at.timestamp()}",
        kind=EVENT_UPDATES.key,
        recipient=rsvp.member,
        subject=subject,
        text=text,
    )


class AnswersClosed(ServiceRefusal):
    def __init__(self, event: Event) -> None:
        closed = "is cancelled" if event.is_cancelled else "has ended"
        super().__init__(f"This gathering {closed}, so answers are closed.")


@transaction.atomic
def rsvp_answer(*, event: Event, member: User, answer: RsvpAnswer) -> Rsvp:
    """Record an answer. With a capacity, "going" past it joins the waiting list; a place
    freed goes to the first person waiting, who is told. The event row is locked so that
    simultaneous answers can't overfill it. Refused (``AnswersClosed``) once the gathering
    has ended or is cancelled."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not is_open_gathering(member, event):
        raise AnswersClosed(event)
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


def _page_url(event: Event) -> str:
    return site_link("events:detail", event.pk)


def reminders_schedule(*, event: Event) -> int:
    """Ask for this event's reminders that are still to come (events' handlers queue each
    to run at its time once the change commits); returns how many."""
    if event.is_cancelled:
        return 0
    now = timezone.now()
    due = [
        (days, event.starts_at - dt.timedelta(days=days))
        for days in sorted({int(days) for days in event.reminder_days or []}, reverse=True)
        if event.starts_at - dt.timedelta(days=days) > now
    ]
    if due:
        event_reminders_due.send(sender=Event, event=event, due=due)
    return len(due)


def event_reminders_send(*, event_id: int, days_before: int, sequence: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if (
        event is None
        or event.sequence != sequence
        or event.is_cancelled
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
            queued = email_render_and_queue(
                key=f"reminder:{event.pk}:{days_before}:{member.pk}:{event.sequence}",
                kind=EVENT_REMINDERS.key,
                template="event_reminder",
                context={
                    "event": event,
                    "days_before": days_before,
                    "when": when_text(event.starts_at, event.ends_at, zone),
                    "meeting_link": link,
                    "extra_lines": reminder_section_lines(event, member),
                    "page_url": _page_url(event),
                    "settings_url": site_link("accounts:email_preferences"),
                },
                to_address=member.email,
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
    if event.is_cancelled:
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
        subject = f"{event.title} {what}"
        text = (
            f"{event.title} {what}.\n\nWhen: "
            f"{when_text(event.starts_at, event.ends_at, zone)}\n\n"
            f"The attached calendar file updates your calendar. Details: {_page_url(event)}"
        )
        email_text_queue(
            key=f"event_changed:{event.pk}:{event.sequence}:{member.pk}",
            kind=EVENT_UPDATES.key,
            recipient=member,
            subject=subject,
            text=text,
            attachments=[
                Attachment(
                    f"gathering-{event.pk}.ics",
                    calendar_bytes([event], name=event.title),
                    "text/calendar",
                )
            ],
        )


@dataclass(frozen=True)
class SegmentRow:
    """One part of the agenda: ``id`` of the part it changes (None for a new one), or
    ``remove`` it."""

    id: int | None
    kind: SegmentKind
    title: str
    minutes: int
    order: int
    remove: bool = False


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker: ``id`` of the speaker it changes (None for a new one), or ``remove``
    them. ``photo`` is the photo to keep (the speaker's own, or a new upload), or None for
    none."""

    id: int | None
    name: str
    bio: str
    photo: File[bytes] | None
    photo_alt_text: str
    remove: bool = False


def _segments_save(event: Event, rows: list[SegmentRow]) -> None:
    existing = {segment.pk: segment for segment in AgendaSegment.objects.filter(event=event)}
    for row in rows:
        segment = existing.get(row.id) if row.id is not None else AgendaSegment(event=event)
        if segment is None:
            continue  # removed in the meantime
        if row.remove:
            if segment.pk:
                segment.delete()
            continue
        segment.kind, segment.title = row.kind, row.title
        segment.minutes, segment.order = row.minutes, row.order
        instance_validate(segment)
        segment.save()


def _speakers_save(event: Event, rows: list[SpeakerRow]) -> list[FieldFile]:
    """Returns the photos (files with a name) no longer used."""
    existing = {speaker.pk: speaker for speaker in Speaker.objects.filter(event=event)}
    gone: list[FieldFile] = []
    for row in rows:
        speaker = existing.get(row.id) if row.id is not None else Speaker(event=event)
        if speaker is None:
            continue  # removed in the meantime
        before = speaker.photo if speaker.photo else None
        if row.remove:
            if speaker.pk:
                speaker.delete()
                gone += [before] if before else []
            continue
        kept = isinstance(row.photo, FieldFile) and before and row.photo.name == before.name
        if before and not kept:
            gone.append(before)
        speaker.name, speaker.bio, speaker.photo_alt_text = row.name, row.bio, row.photo_alt_text
        speaker.photo = row.photo
        instance_validate(speaker)
        speaker.save()
    return gone


@transaction.atomic
def event_programme_save(
    *, actor: User, event: Event, segments: list[SegmentRow], speakers: list[SpeakerRow]
) -> None:
    """Save the agenda and speakers. Photos of speakers removed, or replaced, leave the disk
    once the change is committed."""
    _segments_save(event, segments)
    gone = _speakers_save(event, speakers)
    for photo in gone:
        transaction.on_commit(partial(photo.storage.delete, str(photo.name)))
    audit_record(actor=actor, action="event.programme", target=event, fields=["agenda", "speakers"])


@dataclass(frozen=True)
class ResourceAnswers:
    kind: ResourceKind
    title: str
    url: str
    file: File[bytes] | None
    audience: ResourceAudience
    has_captions: bool
    has_transcript: bool


@transaction.atomic
def resource_add(*, actor: User, event: Event, answers: ResourceAnswers) -> EventResource:
    resource = EventResource(event=event)
    answers_apply(instance=resource, answers=answers)
    instance_validate(resource)
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
