import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.circles.matching.rooms import assign_rooms, parse_gathering
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice, BreakoutRoom
from dm3p.circles.selectors import (
    ZOOM_MAX_PEOPLE,
    ZOOM_MAX_ROOMS,
    attendees_for_rooms,
    choices_for,
    members_needing_interpreters,
    rooms_of,
    zoom_rows,
)
from dm3p.core.services import audit_record
from dm3p.events.models import Event


class TooBigForZoomError(Exception):
    pass


@transaction.atomic
def room_save(*, actor: User, room: BreakoutRoom, values: Mapping[str, object]) -> BreakoutRoom:
    for name, value in values.items():
        setattr(room, name, value)
    room.full_clean()
    room.save()
    audit_record(actor=actor, action="breakout_room.save", target=room.event)
    return room


@transaction.atomic
def room_remove(*, actor: User, room: BreakoutRoom) -> None:
    event = room.event
    room.delete()
    audit_record(actor=actor, action="breakout_room.remove", target=event)


@transaction.atomic
def choice_save(*, member: User, event: Event, ranked_rooms: list[int]) -> None:
    BreakoutChoice.objects.update_or_create(
        event=event, member=member, defaults={"ranked_rooms": ranked_rooms}
    )


@dataclass(frozen=True)
class RoomsResult:
    placed: int
    unassigned: list[tuple[User, str]]


def _topic(room: BreakoutRoom) -> str:
    return f"room-{room.pk}"


@transaction.atomic
def rooms_assign(*, actor: User, event: Event) -> RoomsResult:
    """Place everyone coming into a room with the matching engine: interpretation needs are
    hard, first choices first, sizes balanced. Replaces earlier assignments."""
    rooms = list(rooms_of(event=event))
    rsvps = list(attendees_for_rooms(event=event))
    if len(rooms) > ZOOM_MAX_ROOMS or len(rsvps) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoomError(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people; this "
            f"gathering has {len(rooms)} rooms and {len(rsvps)} people coming."
        )
    choices = choices_for(event=event)
    needs = members_needing_interpreters(event=event)
    by_id = {room.pk: room for room in rooms}
    gathering = parse_gathering(
        {
            "rooms": [
                {
                    "id": str(room.pk),
                    "topic": _topic(room),
                    "capacity": room.capacity,
                    "interpreter": room.has_interpreter,
                }
                for room in rooms
            ],
            "attendees": [
                {
                    "id": str(rsvp.member_id),
                    "choices": [
                        _topic(by_id[pk]) for pk in choices.get(rsvp.member_id, []) if pk in by_id
                    ],
                    "needs_interpreter": rsvp.member_id in needs,
                }
                for rsvp in rsvps
            ],
            "seed": event.pk,
        }
    )
    outcome = assign_rooms(gathering)
    BreakoutAssignment.objects.filter(room__event=event).delete()
    BreakoutAssignment.objects.bulk_create(
        [
            BreakoutAssignment(room_id=int(room_id), member_id=int(member_id))
            for room_id, members in outcome.members.items()
            for member_id in members
        ]
    )
    people = {rsvp.member_id: rsvp.member for rsvp in rsvps}
    audit_record(actor=actor, action="breakout_rooms.assign", target=event)
    return RoomsResult(
        placed=sum(len(members) for members in outcome.members.values()),
        unassigned=[(people[int(member_id)], reason) for member_id, reason in outcome.unassigned],
    )


def zoom_csv(*, event: Event) -> bytes:
    """Zoom's pre-assignment file: the exact header, UTF-8 without a byte-order mark, CRLF
    line ends, fields quoted only when they must be."""
    rows = zoom_rows(event=event)
    if len({room for room, _ in rows}) > ZOOM_MAX_ROOMS or len(rows) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoomError(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people."
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["Pre-assign Room Name", "Email Address"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
