"""What breakout rooms add to gatherings: a step to choose rooms after saying "going", and
a panel saying which room you're in."""

from typing import Any

from django.urls import reverse

from dm3p.circles.selectors import choice_of, room_of, rooms_of
from dm3p.events.hooks import event_panel_register, rsvp_next_step_register
from dm3p.events.models import Event


def choose_rooms_step(event: Event, member: Any) -> str | None:
    if rooms_of(event=event).exists() and choice_of(event=event, member=member) is None:
        return reverse("circles:choose", args=[event.pk])
    return None


def my_room_panel(event: Event, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    if not viewer.is_authenticated or not rooms_of(event=event).exists():
        return None
    return "circles/_room_panel.html", {
        "event": event,
        "room": room_of(event=event, member=viewer),
        "can_choose": viewer.has_perm("events.rsvp"),
    }


def connect() -> None:
    rsvp_next_step_register(choose_rooms_step)
    event_panel_register(my_room_panel)
