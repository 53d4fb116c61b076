"""The spaces and threads the site makes by itself: a private space for each published
circle, the one space for the gatherings, and a thread for each gathering. Each is made
once (get or create), so calling again is harmless."""

from django.db import IntegrityError, transaction

from dm3p.circles.models import Circle, MatchingRound
from dm3p.conversations.enums import SpaceAudience, SpaceKind
from dm3p.conversations.models import Space, Thread
from dm3p.conversations.models.forum import TITLE_MAX
from dm3p.events.models import Event

GATHERINGS_SLUG = "gatherings"


def _circle_space_name(circle: Circle) -> str:
    return f"{circle} ({circle.round.name})"[:100]


def circle_space_for(circle: Circle) -> Space:
    """The private space of ``circle`` (made now if it has none yet). Whoever calls this has
    checked the circle is published; who may read it is decided by the access selectors."""
    space = Space.objects.filter(circle=circle).first()
    if space is not None:
        return space
    try:
        with transaction.atomic():
            return Space.objects.create(
                circle=circle,
                kind=SpaceKind.CIRCLE,
                name=_circle_space_name(circle),
                slug=f"circle-{circle.pk}",
                description="Only the people in this circle can read and write here.",
                # Not used for circle spaces: their people are the circle's members.
                audience=SpaceAudience.LISTED,
            )
    except IntegrityError:  # made at the same moment by another request
        return Space.objects.get(circle=circle)


def circle_space_name_refresh(circle: Circle) -> int:
    """Keep the circle's space named after it when the circle or its round is renamed."""
    return (
        Space.objects.filter(circle=circle)
        .exclude(name=_circle_space_name(circle))
        .update(name=_circle_space_name(circle))
    )


def circle_spaces_make(round: MatchingRound) -> int:
    """A space for each circle of a published round; returns how many were new."""
    if round.published_at is None:
        return 0
    circles = Circle.objects.filter(round=round, space__isnull=True).select_related("round")
    made = 0
    for circle in circles:
        circle_space_for(circle)
        made += 1
    return made


def gatherings_space() -> Space:
    """The one space holding a thread for each gathering."""
    space = Space.objects.filter(kind=SpaceKind.GATHERINGS).order_by("pk").first()
    if space is not None:
        return space
    space, _ = Space.objects.get_or_create(
        slug=GATHERINGS_SLUG,
        defaults={
            "name": "Gatherings",
            "kind": SpaceKind.GATHERINGS,
            "audience": SpaceAudience.EVERYONE,
            "description": "A conversation for each gathering, before and after it.",
        },
    )
    return space


def gathering_thread_title_refresh(event: Event) -> None:
    """Keep a gathering's thread titled after it when the gathering is renamed (saved, so
    its posts' search entries take the new title too)."""
    title = event.title[:TITLE_MAX]
    thread = Thread.objects.filter(event=event).exclude(title=title).first()
    if thread is not None:
        thread.title = title
        thread.save(update_fields=["title"])


def gathering_thread_for(event: Event) -> Thread:
    """The thread of ``event`` in the gatherings space (made now if it has none yet)."""
    thread = Thread.objects.filter(event=event).first()
    if thread is not None:
        return thread
    space = gatherings_space()
    try:
        with transaction.atomic():
            return Thread.objects.create(space=space, event=event, title=event.title[:TITLE_MAX])
    except IntegrityError:  # made at the same moment by another request
        return Thread.objects.get(event=event)
