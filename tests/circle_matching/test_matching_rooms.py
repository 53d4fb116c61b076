"""Breakout rooms: capacity and interpreters are never broken; choices and balance are sought."""

from __future__ import annotations

from typing import Any

from circle_matching import assign_rooms, parse_gathering, rooms_output
from hypothesis import given, settings
from hypothesis import strategies as st

TOPICS = ["exams", "disclosure", "fatigue"]


def _rooms(raw: dict[str, Any]) -> dict[str, Any]:
    return rooms_output(assign_rooms(parse_gathering(raw)))


def _by_room(output: dict[str, Any]) -> dict[str, list[str]]:
    return {room["id"]: room["members"] for room in output["rooms"]}


def test_matching_rooms_first_choices_when_room_allows() -> None:
    output = _rooms(
        {
            "rooms": [{"id": "r1", "topic": "exams"}, {"id": "r2", "topic": "disclosure"}],
            "attendees": [
                {"id": "a1", "choices": ["exams", "disclosure"]},
                {"id": "a2", "choices": ["disclosure"]},
                {"id": "a3", "choices": ["exams"]},
            ],
        }
    )
    assert output == {
        "rooms": [{"id": "r1", "members": ["a1", "a3"]}, {"id": "r2", "members": ["a2"]}],
        "unassigned": [],
    }


def test_matching_rooms_full_first_choice_falls_back_to_second() -> None:
    output = _rooms(
        {
            "rooms": [
                {"id": "r1", "topic": "exams", "capacity": 1},
                {"id": "r2", "topic": "disclosure"},
            ],
            "attendees": [
                {"id": "a1", "choices": ["exams", "disclosure"]},
                {"id": "a2", "choices": ["exams"]},
            ],
        }
    )
    # a2 has no second choice, so a1 (who has one) yields the exams room.
    assert _by_room(output) == {"r1": ["a2"], "r2": ["a1"]}


def test_matching_rooms_interpreter_need_beats_topic_choice() -> None:
    output = _rooms(
        {
            "rooms": [
                {"id": "r1", "topic": "exams"},
                {"id": "r2", "topic": "disclosure", "interpreter": True},
            ],
            "attendees": [{"id": "a1", "choices": ["exams"], "needs_interpreter": True}],
        }
    )
    assert _by_room(output) == {"r1": [], "r2": ["a1"]}


def test_matching_rooms_balances_sizes_without_choices() -> None:
    output = _rooms(
        {
            "rooms": [{"id": "r1", "topic": "exams"}, {"id": "r2", "topic": "disclosure"}],
            "attendees": [{"id": f"a{n}"} for n in range(6)],
        }
    )
    assert sorted(len(members) for members in _by_room(output).values()) == [3, 3]


def test_matching_rooms_reasons_for_those_left_out() -> None:
    output = _rooms(
        {
            "rooms": [{"id": "r1", "topic": "exams", "capacity": 1}],
            "attendees": [
                {"id": "a1", "choices": ["exams"]},
                {"id": "a2", "choices": ["exams"]},
                {"id": "a3", "needs_interpreter": True},
            ],
        }
    )
    assert output == {
        "rooms": [{"id": "r1", "members": ["a1"]}],
        "unassigned": [
            {"id": "a2", "reason": {"code": "all_rooms_full"}},
            {"id": "a3", "reason": {"code": "no_interpreter_room"}},
        ],
    }


def test_matching_rooms_full_interpreter_room_is_the_reason() -> None:
    output = _rooms(
        {
            "rooms": [{"id": "r1", "capacity": 1, "interpreter": True}, {"id": "r2"}],
            "attendees": [
                {"id": "a1", "needs_interpreter": True},
                {"id": "a2", "needs_interpreter": True},
            ],
        }
    )
    assert output["unassigned"] == [{"id": "a2", "reason": {"code": "interpreter_rooms_full"}}]


@st.composite
def gatherings(draw: st.DrawFn) -> dict[str, Any]:
    rooms = [
        {
            "id": f"r{number}",
            "topic": draw(st.sampled_from([*TOPICS, None])),
            "capacity": draw(st.one_of(st.none(), st.integers(min_value=0, max_value=4))),
            "interpreter": draw(st.booleans()),
        }
        for number in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    attendees = [
        {
            "id": f"a{number}",
            "choices": draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True)),
            "needs_interpreter": draw(st.booleans()),
        }
        for number in range(draw(st.integers(min_value=0, max_value=12)))
    ]
    return {"rooms": rooms, "attendees": attendees, "seed": draw(st.integers(0, 3))}


@settings(max_examples=40, derandomize=True, deadline=None)
@given(gatherings())
def test_matching_rooms_never_break_capacity_or_interpreter_rules(raw: dict[str, Any]) -> None:
    output = _rooms(raw)
    rooms = {room["id"]: room for room in raw["rooms"]}
    needs = {a["id"]: a["needs_interpreter"] for a in raw["attendees"]}
    placed = [m for room in output["rooms"] for m in room["members"]]
    left_out = [item["id"] for item in output["unassigned"]]
    assert sorted(placed + left_out) == sorted(needs)
    for room in output["rooms"]:
        capacity = rooms[room["id"]]["capacity"]
        assert capacity is None or len(room["members"]) <= capacity
        if not rooms[room["id"]]["interpreter"]:
            assert not any(needs[m] for m in room["members"])
    assert output == _rooms(raw)
