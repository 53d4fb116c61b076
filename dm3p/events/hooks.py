"""Hooks later apps fill: extra lines in reminders, and a signal when an event changes."""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

# Sent after a gathering's time, status or meeting link changed: sender=Event, event=...,
# changed=[field names]. The accommodations app re-confirms requests and alerts coordinators.
event_changed = Signal()

ReminderSection = Callable[[Any, Any], list[str]]  # (event, member) -> lines of text

_reminder_sections: list[ReminderSection] = []


def reminder_section_register(section: ReminderSection) -> ReminderSection:
    if section not in _reminder_sections:
        _reminder_sections.append(section)
    return section


def reminder_section_lines(event: Any, member: Any) -> list[str]:
    return [line for section in _reminder_sections for line in section(event, member)]


# Panels on a gathering's page that later apps add: (event, viewer) -> (template, context),
# or None to show nothing for this viewer.
EventPanel = Callable[[Any, Any], "tuple[str, dict[str, Any]] | None"]

_event_panels: list[EventPanel] = []


def event_panel_register(panel: EventPanel) -> EventPanel:
    if panel not in _event_panels:
        _event_panels.append(panel)
    return panel


def event_panels_for(event: Any, viewer: Any) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in _event_panels if (shown := panel(event, viewer)) is not None]


# After someone answers "going", a later app may ask one more step (e.g. confirm their usual
# access needs): (event, member) -> the address of that step, or None.
RsvpNextStep = Callable[[Any, Any], "str | None"]

_rsvp_next_steps: list[RsvpNextStep] = []


def rsvp_next_step_register(step: RsvpNextStep) -> RsvpNextStep:
    if step not in _rsvp_next_steps:
        _rsvp_next_steps.append(step)
    return step


def rsvp_next_step(event: Any, member: Any) -> str | None:
    return next((url for step in _rsvp_next_steps if (url := step(event, member))), None)


# Sent when organizers add slides or materials to a gathering: sender=Event, event=...,
# resource=... The accommodations app sends them to those who asked for materials.
event_materials_added = Signal()
