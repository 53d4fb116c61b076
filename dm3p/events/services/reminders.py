"""Reminders before a gathering: which are due, and sending one round of them."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now, members_now_q
from dm3p.core.links import site_link
from dm3p.core.services import Attachment, email_wording_queue
from dm3p.core.times import when_text
from dm3p.events.calendar import calendar_bytes
from dm3p.events.emails import GATHERING_INVITATION, GATHERING_REMINDER
from dm3p.events.enums import RsvpAnswer
from dm3p.events.hooks import (
    event_invitations_due,
    event_reminders_due,
    reminder_section_lines,
)
from dm3p.events.links import answer_token
from dm3p.events.models import Event, Rsvp
from dm3p.events.selectors import meeting_link_for, viewer_time_zone


def event_page_url(event: Event) -> str:
    return site_link("events:detail", event.pk)


def answer_links(event: Event, member: User) -> dict[str, str]:
    """The member's signed links to answer going, maybe or can't, for an e-mail's
    ``going_link``, ``maybe_link`` and ``cant_link``."""
    return {
        f"{answer}_link": site_link(
            "events:answer_link",
            answer_token(event_id=event.pk, member_id=member.pk, answer=answer),
        )
        for answer in RsvpAnswer.values
    }


# Invitations go this many days before a gathering: before sign language interpreters'
# usual notice (14 days), so there is time to ask for them.
INVITATION_DAYS = 21


def invitation_time(event: Event) -> dt.datetime:
    """When a gathering's invitations go: three weeks ahead, or now if that has passed."""
    return max(event.starts_at - dt.timedelta(days=INVITATION_DAYS), timezone.now())


def event_invitations_send(*, event_id: int) -> int:
    """Invite every member who hasn't answered yet (once per gathering, whatever changes)."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.is_cancelled or event.starts_at <= timezone.now():
        return 0
    answered = Rsvp.objects.filter(event=event).values("member_id")
    # Members now (and allies) may all see members-only gatherings too.
    invited = members_now().exclude(pk__in=answered).order_by("pk")
    sent = 0
    with transaction.atomic():
        for member in invited:
            zone = viewer_time_zone(viewer=member, default=event.time_zone)
            queued = email_wording_queue(
                email=GATHERING_INVITATION,
                outbox_key=f"invitation:{event.pk}:{member.pk}",
                recipient=member,
                values={
                    "title": event.title,
                    "when": when_text(event.starts_at, event.ends_at, zone),
                    "about": event.description.strip(),
                    **answer_links(event, member),
                    "page_link": event_page_url(event),
                    "settings_link": site_link("accounts:email_preferences"),
                },
            )
            sent += queued is not None
    return sent


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
    if event.starts_at > now:
        event_invitations_due.send(sender=Event, event=event, run_at=invitation_time(event))
    return len(due)


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
            queued = email_wording_queue(
                email=GATHERING_REMINDER,
                outbox_key=f"reminder:{event.pk}:{days_before}:{member.pk}:{event.sequence}",
                values={
                    "title": event.title,
                    "how_soon": "tomorrow" if days_before == 1 else f"in {days_before} days",
                    "when": when_text(event.starts_at, event.ends_at, zone),
                    "join_details": _join_details(event, link),
                    "more_details": "\n".join(reminder_section_lines(event, member)),
                    **answer_links(event, member),
                    "page_link": event_page_url(event),
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
