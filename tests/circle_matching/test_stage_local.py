"""Local moves between two circles: kept only when they improve, never breaking a rule."""

from __future__ import annotations

import random

from circle_matching.local import (
    Assignment,
    improve_by_swaps,
    open_hours,
    sample_partners,
    swap_pass,
)
from circle_matching.model import Member
from circle_matching.score import circle_value

from tests.circle_matching.small import (
    CROSSED,
    UNCROSSED,
    crossed_pairs,
    partition,
    problem_of,
)


def test_an_assignment_keeps_each_circles_value() -> None:
    problem = crossed_pairs()
    assignment = Assignment.start(problem, CROSSED, [])
    assert assignment.values == [1, 1]
    assignment.replace(0, [0, 3])
    assert assignment.values == [1001, 1]
    assert assignment.soft == 1002
    assert CROSSED == [[0, 1], [2, 3]]  # started from a copy


def test_open_hours_are_where_someone_could_take_a_members_place() -> None:
    problem = problem_of(
        Member("a", slots=(1, 2)), Member("b", slots=(1, 2, 3)), Member("c", slots=(2, 3))
    )
    # Without a: hours 2 and 3; without b: 2; without c: 1 and 2.
    assert open_hours(problem, [0, 1, 2]) == 0b1110


def test_sample_partners_draws_distinct_circles_with_weight() -> None:
    rng = random.Random(0)
    assert sample_partners(rng, [(5, 7), (1, 2), (3, 4)], 2) in ([2, 7], [4, 7], [2, 4])
    assert sample_partners(rng, [(5, 7), (1, 2)], 5) == [2, 7]
    assert sample_partners(rng, [], 3) == []


def test_a_swap_that_covers_more_topics_is_made() -> None:
    assignment = Assignment.start(crossed_pairs(), CROSSED, [])
    assert swap_pass(assignment, random.Random(0), partners=4) == 1
    assert partition(assignment.circles) == UNCROSSED
    assert assignment.values == [1001, 1001]


def test_a_swap_that_would_pair_people_who_avoid_each_other_is_not_made() -> None:
    problem = problem_of(
        Member("p", seeks=("exams",), slots=(1,), avoid=("s",)),
        Member("q", offers=("fatigue",), slots=(1,)),
        Member("r", seeks=("fatigue",), slots=(1,), avoid=("q",)),
        Member("s", offers=("exams",), slots=(1,)),
        low=2,
        high=2,
    )
    assignment = Assignment.start(problem, CROSSED, [])
    improve_by_swaps(assignment, random.Random(0), passes=5)
    assert assignment.circles == CROSSED


def test_a_move_into_a_circle_with_room_is_made_when_it_helps() -> None:
    problem = problem_of(
        Member("a", seeks=("exams",), slots=(1,)),
        Member("b", slots=(1,)),
        Member("c", slots=(1,)),
        Member("d", slots=(1,)),
        Member("e", offers=("exams",), slots=(1,)),
        low=2,
        high=3,
    )
    assignment = Assignment.start(problem, [[0, 1], [2, 3, 4]], [])
    improve_by_swaps(assignment, random.Random(0), passes=5)
    assert any({0, 4} <= set(circle) for circle in assignment.circles)
    assert assignment.values == [circle_value(problem, c) for c in assignment.circles]


def test_swaps_stop_when_asked() -> None:
    assignment = Assignment.start(crossed_pairs(), CROSSED, [])
    improve_by_swaps(assignment, random.Random(0), passes=5, should_stop=lambda: True)
    assert assignment.circles == CROSSED
