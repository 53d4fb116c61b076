"""Breakout rooms for a gathering (MATCHING.md, "Breakout rooms").

Hard: room capacity; everyone who needs an interpreter is in a room with one. Soft, in
order: first choices, then later ones, then balanced sizes. Solved by CP-SAT with one
worker and a deterministic budget, starting from a greedy assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ortools.sat.python import cp_model

from .model import InputError

# Objective weight of getting one's first, second, ... choice; later choices get the last.
CHOICE_WEIGHTS = (1000, 600, 350, 200, 100, 50)
ROOMS_DETERMINISTIC_TIME = 10.0
ROOMS_WALL_TIME_CAP_S = 60.0


class RoomReason(StrEnum):
    """Why an attendee got no room; the caller writes the words."""

    NO_ROOMS = "no_rooms"
    NO_INTERPRETER_ROOM = "no_interpreter_room"
    INTERPRETER_ROOMS_FULL = "interpreter_rooms_full"
    ALL_ROOMS_FULL = "all_rooms_full"


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    topic: str | None
    capacity: int | None
    interpreter: bool


@dataclass(frozen=True, slots=True)
class Attendee:
    id: str
    choices: tuple[str, ...]
    needs_interpreter: bool


@dataclass(frozen=True, slots=True)
class Gathering:
    rooms: tuple[Room, ...]
    attendees: tuple[Attendee, ...]
    seed: int = 0


@dataclass(frozen=True, slots=True)
class RoomsOutcome:
    gathering: Gathering
    members: dict[str, list[str]]  # room id -> attendee ids, for every room
    unassigned: list[tuple[str, RoomReason]]  # (attendee id, why)


def _where(kind: str, item_id: str | None, position: int) -> str:
    if item_id is None:
        return f"{kind} at {kind}s[{position}]"
    return f'{kind} "{item_id}" ({kind}s[{position}])'


def _id(raw: dict[str, Any], kind: str, position: int) -> str:
    value = raw.get("id")
    if not isinstance(value, str) or not value:
        raise InputError(
            f'{_where(kind, None, position)}, field "id": expected a non-empty string, '
            f"got {value!r}"
        )
    return value


def _flag(raw: dict[str, Any], name: str, where: str) -> bool:
    value = raw.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(f'{where}, field "{name}": expected true or false, got {value!r}')
    return value


def _parse_room(raw: object, position: int) -> Room:
    if not isinstance(raw, dict):
        raise InputError(f"rooms[{position}]: expected an object, got {raw!r}")
    room_id = _id(raw, "room", position)
    where = _where("room", room_id, position)
    topic = raw.get("topic")
    if topic is not None and not isinstance(topic, str):
        raise InputError(f'{where}, field "topic": expected a string, got {topic!r}')
    capacity = raw.get("capacity")
    if capacity is not None and (
        isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0
    ):
        raise InputError(
            f'{where}, field "capacity": expected a whole number of at least 0, got {capacity!r}'
        )
    return Room(room_id, topic or None, capacity, _flag(raw, "interpreter", where))


def _parse_attendee(raw: object, position: int) -> Attendee:
    if not isinstance(raw, dict):
        raise InputError(f"attendees[{position}]: expected an object, got {raw!r}")
    attendee_id = _id(raw, "attendee", position)
    where = _where("attendee", attendee_id, position)
    choices = raw.get("choices", [])
    if choices is None:
        choices = []
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise InputError(f'{where}, field "choices": expected a list of strings, got {choices!r}')
    return Attendee(
        attendee_id, tuple(dict.fromkeys(choices)), _flag(raw, "needs_interpreter", where)
    )


def _unique(ids: list[str], kind: str) -> None:
    first: dict[str, int] = {}
    for position, item_id in enumerate(ids):
        if item_id in first:
            raise InputError(
                f'{_where(kind, item_id, position)}, field "id": duplicate id, first used at '
                f"{kind}s[{first[item_id]}]"
            )
        first[item_id] = position


def parse_gathering(raw: object) -> Gathering:
    if not isinstance(raw, dict):
        raise InputError(f"input: expected a JSON object, got {raw!r}")
    raw_rooms = raw.get("rooms")
    raw_attendees = raw.get("attendees")
    if not isinstance(raw_rooms, list):
        raise InputError(f'field "rooms": expected a list, got {raw_rooms!r}')
    if not isinstance(raw_attendees, list):
        raise InputError(f'field "attendees": expected a list, got {raw_attendees!r}')
    seed = raw.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError(f'field "seed": expected a whole number, got {seed!r}')
    rooms = tuple(_parse_room(item, position) for position, item in enumerate(raw_rooms))
    attendees = tuple(
        _parse_attendee(item, position) for position, item in enumerate(raw_attendees)
    )
    _unique([room.id for room in rooms], "room")
    _unique([attendee.id for attendee in attendees], "attendee")
    return Gathering(rooms=rooms, attendees=attendees, seed=seed)


def choice_weight(attendee: Attendee, room: Room) -> int:
    if room.topic is None or room.topic not in attendee.choices:
        return 0
    rank = attendee.choices.index(room.topic)
    return CHOICE_WEIGHTS[min(rank, len(CHOICE_WEIGHTS) - 1)]


def _allowed(attendee: Attendee, room: Room) -> bool:
    return room.interpreter or not attendee.needs_interpreter


def _greedy(gathering: Gathering) -> dict[int, int]:
    """Interpreter users first, each to their best-ranked room with space, else the
    emptiest room they may use."""
    rooms = gathering.rooms
    load = [0] * len(rooms)
    placed: dict[int, int] = {}
    order = sorted(
        range(len(gathering.attendees)),
        key=lambda a: not gathering.attendees[a].needs_interpreter,
    )
    for a in order:
        attendee = gathering.attendees[a]
        open_rooms = [
            r
            for r, room in enumerate(rooms)
            if _allowed(attendee, room) and (room.capacity is None or load[r] < room.capacity)
        ]
        if not open_rooms:
            continue
        best = max(open_rooms, key=lambda r: (choice_weight(attendee, rooms[r]), -load[r], -r))
        placed[a] = best
        load[best] += 1
    return placed


def _solve(gathering: Gathering, hint: dict[int, int]) -> dict[int, int]:
    rooms, attendees = gathering.rooms, gathering.attendees
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for a, attendee in enumerate(attendees):
        for r, room in enumerate(rooms):
            if _allowed(attendee, room) and room.capacity != 0:
                x[a, r] = model.new_bool_var(f"x{a}_{r}")
                model.add_hint(x[a, r], int(hint.get(a) == r))
    total = len(attendees)
    placed_terms = []
    choice_terms = []
    for a, attendee in enumerate(attendees):
        mine = [x[a, r] for r in range(len(rooms)) if (a, r) in x]
        if mine:
            model.add_at_most_one(mine)
            placed_terms.extend(mine)
        for r, room in enumerate(rooms):
            weight = choice_weight(attendee, room)
            if weight and (a, r) in x:
                choice_terms.append(weight * x[a, r])
    squares = []
    for r, room in enumerate(rooms):
        members = [x[a, r] for a in range(total) if (a, r) in x]
        bound = total if room.capacity is None else min(total, room.capacity)
        size = model.new_int_var(0, bound, f"size{r}")
        model.add(size == sum(members))
        square = model.new_int_var(0, bound * bound, f"square{r}")
        model.add_multiplication_equality(square, [size, size])
        squares.append(square)
        hinted = sum(1 for room_of in hint.values() if room_of == r)
        model.add_hint(size, hinted)
        model.add_hint(square, hinted * hinted)
    # Placing one more person outweighs any change in choices and balance.
    place_weight = CHOICE_WEIGHTS[0] * total + total * total + 1
    model.maximize(place_weight * sum(placed_terms) + sum(choice_terms) - sum(squares))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = gathering.seed
    solver.parameters.max_deterministic_time = ROOMS_DETERMINISTIC_TIME
    solver.parameters.max_time_in_seconds = ROOMS_WALL_TIME_CAP_S
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return hint
    return {a: r for (a, r), var in x.items() if solver.boolean_value(var)}


def _reason(gathering: Gathering, attendee: Attendee) -> RoomReason:
    if not gathering.rooms:
        return RoomReason.NO_ROOMS
    if attendee.needs_interpreter:
        if not any(room.interpreter for room in gathering.rooms):
            return RoomReason.NO_INTERPRETER_ROOM
        return RoomReason.INTERPRETER_ROOMS_FULL
    return RoomReason.ALL_ROOMS_FULL


def assign_rooms(gathering: Gathering) -> RoomsOutcome:
    hint = _greedy(gathering)
    placed = _solve(gathering, hint) if gathering.rooms and gathering.attendees else hint
    members: dict[str, list[str]] = {room.id: [] for room in gathering.rooms}
    unassigned: list[tuple[str, RoomReason]] = []
    for a, attendee in enumerate(gathering.attendees):
        if a in placed:
            members[gathering.rooms[placed[a]].id].append(attendee.id)
        else:
            unassigned.append((attendee.id, _reason(gathering, attendee)))
    return RoomsOutcome(gathering=gathering, members=members, unassigned=unassigned)


def rooms_output(outcome: RoomsOutcome) -> dict[str, Any]:
    return {
        "rooms": [
            {"id": room.id, "members": outcome.members[room.id]} for room in outcome.gathering.rooms
        ],
        "unassigned": [
            {"id": item_id, "reason": {"code": reason.value}}
            for item_id, reason in outcome.unassigned
        ],
    }
