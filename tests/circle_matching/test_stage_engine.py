"""The engine: budgets from the cohort, the path by its size, and typed output by id."""

from __future__ import annotations

import pytest
from circle_matching import (
    Budget,
    Cohort,
    Group,
    GroupSize,
    Member,
    ReasonCode,
    Unplaced,
    UnplacedReason,
    circles_output,
    match_circles,
)
from circle_matching.engine import ResolvedBudget, resolve_budget


def _members(count: int) -> tuple[Member, ...]:
    return tuple(Member(f"m{n}", slots=(1,)) for n in range(count))


def test_budgets_follow_the_cohort_size_and_the_time_cap() -> None:
    assert resolve_budget(Cohort(_members(10)), unassigned_by_greedy=2) == ResolvedBudget(
        lns_iterations=18,
        subsolve_deterministic_time=0.05,
        swap_passes=50,
        polish_passes=3,
        exact_up_to=16,
        exact_deterministic_time=20.0,
        anneal_steps=6_000,
    )
    # One second: 0.6 s to spend, half of it at most on CP-SAT steps of about 65 ms.
    tight = resolve_budget(Cohort(_members(100), time_limit_s=1.0), unassigned_by_greedy=2)
    assert tight.lns_iterations == 4
    assert tight.anneal_steps == 18_888


def test_budgets_given_in_the_cohort_win() -> None:
    budget = Budget(
        lns_iterations=0,
        local_search_passes=1,
        exact_up_to=0,
        anneal_steps=7,
        subsolve_deterministic_time=0.5,
        exact_deterministic_time=2.0,
    )
    resolved = resolve_budget(Cohort(_members(10), budget=budget), unassigned_by_greedy=9)
    assert resolved == ResolvedBudget(0, 0.5, 1, 1, 0, 2.0, 7)


@pytest.mark.parametrize(
    ("budget", "solver"),
    [
        (Budget(exact_deterministic_time=1.0), "cp-sat"),
        (Budget(exact_up_to=0, lns_iterations=2, anneal_steps=50), "cp-sat+lns+anneal"),
        (Budget(exact_up_to=0, lns_iterations=0, anneal_steps=50), "anneal"),
        (Budget(exact_up_to=0, lns_iterations=0, anneal_steps=0), "greedy+swap"),
    ],
)
def test_the_path_follows_the_size_and_budget(budget: Budget, solver: str) -> None:
    outcome = match_circles(Cohort(_members(8), GroupSize(4, 4), budget=budget))
    assert outcome.solver == solver
    assert sorted(len(circle) for circle in outcome.circles) == [4, 4]


def test_outcome_speaks_in_ids() -> None:
    cohort = Cohort(
        (
            Member("ana", offers=("exams",), seeks=("fatigue",), slots=(1, 2), modes=("asl",)),
            Member("ben", offers=("fatigue",), slots=(2, 3)),
            Member("cy", slots=(9,)),
        ),
        GroupSize(2, 3),
    )
    outcome = match_circles(cohort)
    assert outcome.optimal
    assert outcome.groups() == [
        Group(
            members=("ana", "ben"),
            common_slots=(2,),
            common_modes=("asl",),
            covered={"ana": {"fatigue": ["ben"]}},
        )
    ]
    assert outcome.unplaced() == [Unplaced("cy", UnplacedReason(ReasonCode.NO_COMMON_HOUR, 2))]
    assert (outcome.value.placed, outcome.value.soft) == (2, 1001)
    output = circles_output(outcome)
    assert output["groups"] == [
        {
            "members": ["ana", "ben"],
            "common_slots": [2],
            "common_modes": ["asl"],
            "covered": {"ana": {"fatigue": ["ben"]}},
        }
    ]
    assert output["unassigned"] == [
        {
            "id": "cy",
            "reason": {
                "code": "no_common_hour",
                "min_size": 2,
                "compatible": 0,
                "most_at_one_hour": 0,
            },
        }
    ]


def test_common_modes_are_empty_when_nobody_lists_any() -> None:
    outcome = match_circles(Cohort(_members(2), GroupSize(2, 2)))
    assert [group.common_modes for group in outcome.groups()] == [()]


def test_an_empty_cohort_has_no_circles() -> None:
    outcome = match_circles(Cohort(()))
    assert (outcome.groups(), outcome.unplaced()) == ([], [])
