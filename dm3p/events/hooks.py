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
