"""Breakout rooms by stage: choice weights, the greedy start, reasons, the output's shape."""

from __future__ import annotations

from circle_matching import Attendee, Gathering, Room, RoomReason, assign_rooms, rooms_output
from circle_matching.rooms import CHOICE_WEIGHTS, choice_weight

EXAMS = Room("r1", "exams", None, interpreter=False)


def test_choice_weight_falls_with_the_rank_and_stays_at_the_last() -> None:
    choices = ("a", "b", "c", "d", "e", "f", "g", "exams")
    assert choice_weight(Attendee("x", ("exams",), False), EXAMS) == CHOICE_WEIGHTS[0]
    assert choice_weight(Attendee("x", ("fatigue", "exams"), False), EXAMS) == CHOICE_WEIGHTS[1]
    assert choice_weight(Attendee("x", choices, False), EXAMS) == CHOICE_WEIGHTS[-1]
    assert choice_weight(Attendee("x", ("fatigue",), False), EXAMS) == 0
    assert choice_weight(Attendee("x", ("exams",), False), Room("r", None, None, True)) == 0


def test_each_reason_for_no_room() -> None:
    deaf = Attendee("deaf", (), needs_interpreter=True)
    hearing = Attendee("hearing", (), needs_interpreter=False)
    full = Room("r1", None, 0, interpreter=True)
    assert assign_rooms(Gathering((), (deaf, hearing))).unassigned == [
        ("deaf", RoomReason.NO_ROOMS),
        ("hearing", RoomReason.NO_ROOMS),
    ]
    assert assign_rooms(Gathering((EXAMS,), (deaf,))).unassigned == [
        ("deaf", RoomReason.NO_INTERPRETER_ROOM)
    ]
    assert assign_rooms(Gathering((full,), (deaf, hearing))).unassigned == [
        ("deaf", RoomReason.INTERPRETER_ROOMS_FULL),
        ("hearing", RoomReason.ALL_ROOMS_FULL),
    ]


def test_every_room_is_in_the_output_even_empty() -> None:
    gathering = Gathering((EXAMS, Room("r2", "fatigue", 0, False)), (Attendee("a", (), False),))
    assert rooms_output(assign_rooms(gathering)) == {
        "rooms": [{"id": "r1", "members": ["a"]}, {"id": "r2", "members": []}],
        "unassigned": [],
    }
