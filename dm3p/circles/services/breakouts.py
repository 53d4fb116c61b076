"""Breakout rooms at a gathering: rooms, members' choices, placing everyone, Zoom's file."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import ngettext

from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice, BreakoutRoom
from dm3p.circles.selectors.breakouts import (
    ZOOM_MAX_PEOPLE,
    ZOOM_MAX_ROOMS,
    attendees_for_rooms,
    choices_for,
    members_needing_interpreters,
    rooms_of,
    zoom_rows,
)
from dm3p.circles.selectors.engine import rooms_match
from dm3p.circles.services.refusals import BreakoutMoveRefused, FormulaInZoomFile, TooBigForZoom
from dm3p.core.refusals import BulkOutcome
from dm3p.core.services import answers_save, audit_record
from dm3p.core.spreadsheets import starts_like_formula
from dm3p.events.models import Event


@dataclass(frozen=True)
class RoomAnswers:
    name: str
    topic: str
    capacity: int | None
    has_interpreter: bool
    has_captioner: bool
    support_emails: str


@transaction.atomic
def room_add(*, actor: User, event: Event, answers: RoomAnswers) -> BreakoutRoom:
    room = BreakoutRoom(event=event)
    answers_save(actor=actor, instance=room, answers=answers, action="breakout_room.save")
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


@transaction.atomic
def rooms_assign(*, actor: User, event: Event) -> BulkOutcome:
    """Place everyone coming into a room with the matching engine: interpretation needs are
    hard, first choices first, sizes balanced. Replaces earlier assignments. The outcome
    counts the people placed, and names each one who wasn't, with why."""
    rooms = list(rooms_of(event=event))
    rsvps = list(attendees_for_rooms(event=event))
    if len(rooms) > ZOOM_MAX_ROOMS or len(rsvps) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoom(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people; this "
            + ngettext("gathering has one room", "gathering has %(count)d rooms", len(rooms))
            % {"count": len(rooms)}
            + ngettext(" and one person coming.", " and %(count)d people coming.", len(rsvps))
            % {"count": len(rsvps)}
        )
    placed = rooms_match(
        rooms=rooms,
        attendee_ids=[rsvp.member_id for rsvp in rsvps],
        choices=choices_for(event=event),
        needs_interpreter=members_needing_interpreters(event=event),
        seed=event.pk,
    )
    BreakoutAssignment.objects.filter(room__event=event).delete()
    BreakoutAssignment.objects.bulk_create(
        [
            BreakoutAssignment(room_id=room_id, member_id=member_id)
            for room_id, members in placed.members.items()
            for member_id in members
        ]
    )
    people = {rsvp.member_id: rsvp.member for rsvp in rsvps}
    audit_record(actor=actor, action="breakout_rooms.assign", target=event)
    return BulkOutcome(
        done=sum(len(members) for members in placed.members.values()),
        refused=[(str(people[member_id]), reason) for member_id, reason in placed.unassigned],
    )


@transaction.atomic
def room_move(*, actor: User, event: Event, member: User, to: BreakoutRoom) -> None:
    """Move someone placed at ``event`` to another of its rooms (audited). Refused when the
    room is full. Out of a room with an interpreter into one without, only a coordinator
    moves people, whoever they are: were organizers refused only for those who asked for
    interpretation, each refusal would tell them who did. A coordinator, who may know, is
    refused exactly for them, and told why."""
    room = BreakoutRoom.objects.select_for_update().get(pk=to.pk, event=event)
    current = BreakoutAssignment.objects.filter(room__event=event, member=member)
    name = member.display_name
    if not current.exists():
        raise BreakoutMoveRefused(f"{name} has no room yet: place everyone coming first.")
    if current.filter(room=room).exists():
        raise BreakoutMoveRefused(f"{name} is already in {room.name}.")
    if room.capacity is not None and room.assignments.count() >= room.capacity:
        raise BreakoutMoveRefused(
            f"{room.name} is full ("
            + ngettext("one place", "%(count)d places", room.capacity) % {"count": room.capacity}
            + "). Move someone out of it first, or give it more places."
        )
    if not room.has_interpreter:
        if not actor.has_perm("accommodations.coordinate"):
            if current.filter(room__has_interpreter=True).exists():
                raise BreakoutMoveRefused(
                    f"{room.name} has no interpreter, so moves out of a room with one are "
                    "made by a coordinator."
                )
        elif member.pk in members_needing_interpreters(event=event):
            raise BreakoutMoveRefused(
                f"{name} asked for interpretation, and {room.name} has no interpreter."
            )
    current.delete()
    BreakoutAssignment.objects.create(room=room, member=member)
    audit_record(actor=actor, action="breakout_room.move", subject_user=member, target=room)


def zoom_csv(*, event: Event) -> bytes:
    """Zoom's pre-assignment file: the exact header, UTF-8 without a byte-order mark, CRLF
    line ends, fields quoted only when they must be."""
    rows = zoom_rows(event=event)
    if len({room for room, _ in rows}) > ZOOM_MAX_ROOMS or len(rows) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoom(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people."
        )
    # Addresses are checked when they are typed in; this second guard refuses rather than
    # escape a cell (Zoom would then get the wrong address) or let a spreadsheet run it.
    unsafe = [cell for row in rows for cell in row if starts_like_formula(cell)]
    if unsafe:
        raise FormulaInZoomFile(
            f"“{unsafe[0]}” starts with =, +, - or @, which a spreadsheet would run as a "
            "formula, so the file was not made. Correct that room name or address (in the "
            "room, or ask the member to correct their Zoom address) and try again."
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["Pre-assign Room Name", "Email Address"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
