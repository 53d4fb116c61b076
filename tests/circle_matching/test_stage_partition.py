"""The CP-SAT partition model: hard rules as constraints, the same objective as the score."""

from __future__ import annotations

from circle_matching.model import Member
from circle_matching.partition import SolveLimits, solve_partition
from circle_matching.problem import Problem
from circle_matching.score import assignment_value, circle_is_valid

from tests.circle_matching.small import CROSSED, UNCROSSED, crossed_pairs, partition, problem_of

LIMITS = SolveLimits(deterministic_time=5.0, wall_time_cap_s=30.0)


def _everyone(problem: Problem, circles: int) -> list[list[int]]:
    result = solve_partition(
        problem, list(range(problem.size)), circle_count=circles, limits=LIMITS
    )
    assert result is not None
    assert result.optimal
    return result.circles


def test_the_exact_model_finds_the_best_partition() -> None:
    problem = crossed_pairs()
    result = solve_partition(problem, [0, 1, 2, 3], circle_count=2, limits=LIMITS, hint=CROSSED)
    assert result is not None
    assert result.optimal
    assert partition(result.circles) == UNCROSSED


def test_the_objective_is_placing_first_then_the_score() -> None:
    problem = crossed_pairs()
    result = solve_partition(problem, [0, 1, 2, 3], circle_count=2, limits=LIMITS)
    assert result is not None
    value = assignment_value(problem, result.circles)
    assert (value.placed, value.soft) == (4, 2002)
    assert result.objective == result.place_weight * 4 + 2002
    assert result.place_weight > 2002


def test_the_model_keeps_avoid_pairs_apart_and_leaves_out_who_fits_nowhere() -> None:
    problem = problem_of(
        Member("a", slots=(1,), modes=("spoken",), avoid=("b",)),
        Member("b", slots=(1,), modes=("spoken",)),
        Member("c", slots=(1,), modes=("spoken",)),
        Member("d", slots=(1,), modes=("spoken",)),
        Member("night-owl", slots=(100,)),
        Member("signer", slots=(1,), modes=("asl",)),
        low=2,
        high=2,
    )
    circles = _everyone(problem, 3)
    assert all(circle_is_valid(problem, circle) for circle in circles)
    assert sorted(m for circle in circles for m in circle) == [0, 1, 2, 3]
    assert not any({0, 1} <= set(circle) for circle in circles)


def test_the_model_works_on_a_subset_of_members() -> None:
    problem = problem_of(*(Member(f"m{n}", slots=(1,)) for n in range(6)), low=3, high=3)
    result = solve_partition(problem, [1, 3, 5], circle_count=1, limits=LIMITS)
    assert result is not None
    assert result.circles == [[1, 3, 5]]


def test_the_model_needs_a_whole_hour_in_common_with_half_hour_slots() -> None:
    problem = problem_of(
        Member("a", slots=(86, 87)), Member("b", slots=(87, 88)), slot_minutes=30, low=2
    )
    assert _everyone(problem, 1) == []
