"""Reading the spaces and threads the site makes by itself (a circle's space, a gathering's
thread), always through the access selectors: one query each."""

from typing import Any

from dm3p.circles.models import Circle
from dm3p.conversations.models import Space, Thread
from dm3p.conversations.selectors.access import (
    spaces_visible_to,
    takes_part,
    threads_visible_to,
)
from dm3p.events.models import Event


def circle_space_visible(*, circle: Circle, viewer: Any) -> Space | None:
    """``circle``'s space if ``viewer`` may read it (and it exists yet)."""
    return spaces_visible_to(viewer=viewer).filter(circle=circle).first()


def gathering_thread_visible(*, event: Event, viewer: Any) -> Thread | None:
    """``event``'s thread if ``viewer`` takes part in conversations and may see the
    gathering (and the thread exists yet)."""
    if not takes_part(viewer):
        return None
    return threads_visible_to(viewer=viewer).filter(event=event).first()
