"""What later apps can add to gatherings, and what they can react to.

Hooks (``dm3p.core.hooks.Hook``; later apps register from their ``handlers.py``):

- ``REMINDER_SECTIONS``: lines added to the reminder e-mail a member gets before a gathering
  (accommodations: the state of their requests).
- ``EVENT_PANELS``: panels on a gathering's page (accommodations: what's provided and your
  requests; circles: your breakout room).
- ``ATTENDEES_PANELS``: panels on a gathering's attendees page, for its organizers
  (accommodations: the kinds of support asked for and their state, as counts only).
- ``RSVP_NEXT_STEPS``: one more step after someone answers "going" (accommodations: send
  your usual access needs; circles: choose a breakout room).
- ``LINK_NEXT_STEPS``: the same, after answering "going" from an e-mailed answer link,
  perhaps signed out: the step's address carries the link's token, which is the proof
  (accommodations: the access-needs step).

Signals (Django's, for reacting to a change once it is made):

- ``event_changed``: a gathering's time, status or meeting link changed.
- ``event_materials_added``: organizers added slides or materials to a gathering.
- ``event_reminders_due``: a gathering's reminders are to be queued (events' own handlers).
- ``event_invitations_due``: a gathering's invitations are to be queued (events' own handlers).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.dispatch import Signal

from dm3p.core.hooks import Hook

if TYPE_CHECKING:
    from dm3p.accounts.models import User
    from dm3p.events.models import Event

# (event, member) -> lines of text for that member's reminder.
ReminderSection = Callable[["Event", "User"], list[str]]

REMINDER_SECTIONS = Hook[ReminderSection]("sections of gathering reminders")

# (event, viewer) -> (template, context) of a panel on the gathering's page, or None to show
# nothing to this viewer (who may be signed out).
EventPanel = Callable[["Event", "User | AnonymousUser"], tuple[str, dict[str, Any]] | None]

EVENT_PANELS = Hook[EventPanel]("panels on a gathering's page")

# (event, viewer) -> (template, context) of a panel on the gathering's attendees page (seen
# by its organizers), or None. Never a person's health: counts only.
AttendeesPanel = Callable[["Event", "User"], tuple[str, dict[str, Any]] | None]

ATTENDEES_PANELS = Hook[AttendeesPanel]("panels on a gathering's attendees page")

# (event, member) -> the address of a step to take after answering "going", or None.
RsvpNextStep = Callable[["Event", "User"], str | None]

RSVP_NEXT_STEPS = Hook[RsvpNextStep]("steps after answering going")


# (event, member, token of their answer link) -> the address of a step reached with that
# token, or None.
LinkNextStep = Callable[["Event", "User", str], str | None]

LINK_NEXT_STEPS = Hook[LinkNextStep]("steps after answering going from an e-mailed link")


def reminder_section_lines(event: "Event", member: "User") -> list[str]:
    return [line for section in REMINDER_SECTIONS for line in section(event, member)]


def event_panels_for(
    event: "Event", viewer: "User | AnonymousUser"
) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in EVENT_PANELS if (shown := panel(event, viewer)) is not None]


def attendees_panels_for(event: "Event", viewer: "User") -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in ATTENDEES_PANELS if (shown := panel(event, viewer)) is not None]


def rsvp_next_step(event: "Event", member: "User") -> str | None:
    return next((url for step in RSVP_NEXT_STEPS if (url := step(event, member))), None)


def link_next_step(event: "Event", member: "User", token: str) -> str | None:
    return next((url for step in LINK_NEXT_STEPS if (url := step(event, member, token))), None)


# Sent after a gathering's time, status or meeting link changed: sender=Event, event=Event,
# changed=[field names]. Accommodations re-confirms requests and alerts coordinators.
event_changed = Signal()

# Sent when a gathering's reminders are due to be queued (it is new, or its time or its
# reminder days changed): sender=Event, event=Event, due=[(days before, when to send)].
# Events' own handlers queue each after the change commits, so services need no tasks.
event_reminders_due = Signal()

# Sent when organizers add slides or materials to a gathering: sender=Event, event=Event,
# resource=EventResource. Accommodations sends them to those who asked for materials.
event_materials_added = Signal()

# Sent when a gathering's invitations are to be queued (it is new, or it moved): sender=Event,
# event=Event, run_at=when to send. Events' own handlers queue them after the change commits;
# each member is invited once per gathering, however often this is sent.
event_invitations_due = Signal()
