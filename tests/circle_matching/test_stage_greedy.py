"""Greedy construction: hardest members first, every circle valid, leftovers repaired."""

from __future__ import annotations

from circle_matching.greedy import (
    compatible_degrees,
    greedy_circles,
    member_arrays,
    placement_order,
    repair_leftovers,
)
from circle_matching.model import Member
from circle_matching.score import circle_is_valid

from tests.circle_matching.small import partition, problem_of


def _avoiders() -> list[Member]:
    """a, b and c share hour 1 but a avoids b; d is alone at hour 5."""
    return [
        Member("a", slots=(1,), avoid=("b",)),
        Member("b", slots=(1,)),
        Member("c", slots=(1,)),
        Member("d", slots=(5,)),
    ]


def test_degrees_count_compatible_partners_less_the_avoided() -> None:
    problem = problem_of(*_avoiders())
    assert compatible_degrees(problem).tolist() == [1, 1, 2, 0]


def test_placement_order_takes_the_hardest_first() -> None:
    problem = problem_of(*_avoiders())
    assert placement_order(problem, compatible_degrees(problem)) == [3, 0, 1, 2]


def test_greedy_never_breaks_a_rule_and_says_who_is_left() -> None:
    problem = problem_of(*_avoiders(), low=2, high=3)
    circles, leftovers = greedy_circles(problem, member_arrays(problem))
    assert circles == [[0, 2]]
    assert leftovers == [1, 3]


def test_greedy_tries_smaller_circles_when_the_largest_strand_people() -> None:
    # Six free at one hour, circles of 3 or 4: circles of 4 would strand two.
    problem = problem_of(*(Member(f"m{n}", slots=(1,)) for n in range(6)), low=3, high=4)
    circles, leftovers = greedy_circles(problem, member_arrays(problem))
    assert leftovers == []
    assert sorted(len(circle) for circle in circles) == [3, 3]
    assert all(circle_is_valid(problem, circle) for circle in circles)


def test_greedy_gathers_those_who_cover_each_others_topics() -> None:
    problem = problem_of(
        Member("a", offers=("exams",), seeks=("fatigue",), slots=(1,)),
        Member("b", offers=("rotations",), slots=(1,)),
        Member("c", offers=("fatigue",), seeks=("exams",), slots=(1,)),
        Member("d", seeks=("rotations",), slots=(1,)),
        low=2,
        high=2,
    )
    circles, _ = greedy_circles(problem, member_arrays(problem))
    assert partition(circles) == {frozenset({0, 2}), frozenset({1, 3})}


def test_repair_puts_a_leftover_into_a_circle_with_room() -> None:
    problem = problem_of(*(Member(m, slots=(1,)) for m in "abc"), low=2, high=3)
    circles, leftovers = [[0, 1]], [2]
    repair_leftovers(problem, circles, leftovers)
    assert (circles, leftovers) == ([[0, 1, 2]], [])


def test_repair_forms_a_circle_with_a_member_a_full_circle_can_spare() -> None:
    problem = problem_of(
        Member("a", slots=(1,)),
        Member("b", slots=(1,)),
        Member("c", slots=(1, 5)),
        Member("d", slots=(5,)),
        low=2,
        high=3,
    )
    circles, leftovers = [[0, 1, 2]], [3]
    repair_leftovers(problem, circles, leftovers)
    assert (circles, leftovers) == ([[0, 1], [3, 2]], [])


def test_repair_lends_nobody_a_circle_needs_to_stay_big_enough() -> None:
    problem = problem_of(
        Member("a", slots=(1,)), Member("c", slots=(1, 5)), Member("d", slots=(5,)), low=2
    )
    circles, leftovers = [[0, 1]], [2]
    repair_leftovers(problem, circles, leftovers)
    assert (circles, leftovers) == ([[0, 1]], [2])
