"""Breakout rooms at a gathering: the rooms, who is coming, who chose what, and Zoom's rows."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import ngettext

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice, BreakoutRoom
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Event, Rsvp

ZOOM_MAX_ROOMS = 100
ZOOM_MAX_PEOPLE = 1000


def rooms_of(*, event: Event) -> QuerySet[BreakoutRoom]:
    return BreakoutRoom.objects.filter(event=event)


def rooms_with_people(*, event: Event) -> QuerySet[BreakoutRoom]:
    return rooms_of(event=event).prefetch_related(
        Prefetch(
            "assignments",
            queryset=BreakoutAssignment.objects.select_related("member__profile").order_by("id"),
        )
    )


@dataclass(frozen=True)
class RoomRow:
    """A room as organizers list it: who is in it, and how many ("1 person", "3 people")."""

    room: BreakoutRoom
    people: list[BreakoutAssignment]
    count: str


def room_rows(*, event: Event) -> list[RoomRow]:
    rows = []
    for room in rooms_with_people(event=event):
        people = list(room.assignments.all())
        count = ngettext("%(count)d person", "%(count)d people", len(people)) % {
            "count": len(people)
        }
        if room.capacity is not None:
            count += ngettext(", %(count)d place", ", %(count)d places", room.capacity) % {
                "count": room.capacity
            }
        rows.append(RoomRow(room, people, count))
    return rows


def attendees_for_rooms(*, event: Event) -> QuerySet[Rsvp]:
    return Rsvp.objects.filter(
        event=event, answer=RsvpAnswer.GOING, waitlisted=False
    ).select_related("member__profile")


def members_needing_interpreters(*, event: Event) -> set[int]:
    """Who must be with an interpreter (coordinators' data: used, never shown)."""
    return set(
        AccommodationRequest.objects.filter(event=event, kind__interpreter_in_breakouts=True)
        .exclude(status=RequestStatus.NOT_POSSIBLE)
        .values_list("member_id", flat=True)
    )


def choices_for(*, event: Event) -> dict[int, list[int]]:
    return dict(BreakoutChoice.objects.filter(event=event).values_list("member_id", "ranked_rooms"))


def choice_of(*, event: Event, member: Any) -> BreakoutChoice | None:
    return BreakoutChoice.objects.filter(event=event, member=member).first()


def room_of(*, event: Event, member: Any) -> BreakoutRoom | None:
    assignment = (
        BreakoutAssignment.objects.filter(room__event=event, member=member)
        .select_related("room")
        .first()
    )
    return assignment.room if assignment else None


def zoom_rows(*, event: Event) -> list[tuple[str, str]]:
    """(room name, e-mail) for Zoom's pre-assignment: each attendee's Zoom address, and the
    interpreters and captioners in their rooms."""
    rows = []
    for room in rooms_with_people(event=event):
        for assignment in room.assignments.all():
            profile = getattr(assignment.member, "profile", None)
            rows.append((room.name, profile.zoom_address if profile else assignment.member.email))
        rows.extend((room.name, address) for address in room.support_addresses)
    return rows
