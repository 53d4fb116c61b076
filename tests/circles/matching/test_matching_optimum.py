"""The engine against proven optima: brute force for tiny cohorts, exact CP-SAT up to 12."""

from __future__ import annotations

import random
from itertools import combinations
from typing import Any

import pytest

from bench.generate_cohort import generate_cohort
from dm3p.circles.matching.audit import quality_figures
from dm3p.circles.matching.baselines import greedy_only
from dm3p.circles.matching.engine import circles_output, match_circles
from dm3p.circles.matching.model import parse_cohort
from dm3p.circles.matching.partition import SolveLimits, solve_partition
from dm3p.circles.matching.problem import Problem, build_problem
from dm3p.circles.matching.score import AssignmentValue, assignment_value, circle_is_valid

TOPICS = ["exams", "disclosure", "fatigue", "rotations", "leave"]
STAGES = ["student", "resident", "early", "late"]
PROFESSIONS = ["physician", "nurse", "pharmacist"]
# The LNS path on 12 members must reach the proven optimum's placement and be within this
# share of its soft score.
LNS_GAP = 0.02


def _random_cohort(seed: int, count: int, low: int, high: int) -> dict[str, Any]:
    rng = random.Random(seed)
    ids = [f"m{number}" for number in range(count)]
    members = []
    for member_id in ids:
        members.append(
            {
                "id": member_id,
                "stage": rng.choice(STAGES),
                "profession": rng.choice(PROFESSIONS),
                "offers": rng.sample(TOPICS, rng.randint(0, 2)),
                "seeks": rng.sample(TOPICS, rng.randint(1, 2)),
                "slots": rng.sample([18, 19, 20, 21], rng.randint(1, 3)),
                "modes": rng.choice([None, ["spoken-english"], ["spoken-english", "asl"]]),
                "avoid": [rng.choice(ids)] if rng.random() < 0.15 else [],
                "past_groupmates": [rng.choice(ids)] if rng.random() < 0.3 else [],
                "profession_preference": "similar" if rng.random() < 0.2 else "mixed",
            }
        )
    return {"group_size": {"min": low, "max": high}, "seed": seed, "members": members}


def _brute_force_best(problem: Problem) -> AssignmentValue:
    """Best value over every partition into valid circles plus left-out members."""
    best = AssignmentValue(0, 0)

    def extend(free: tuple[int, ...], circles: list[list[int]]) -> None:
        nonlocal best
        if not free:
            best = max(best, assignment_value(problem, circles))
            return
        first, rest = free[0], free[1:]
        extend(rest, circles)  # `first` left out
        for size in range(problem.min_size - 1, problem.max_size):
            for mates in combinations(rest, size):
                circle = [first, *mates]
                if circle_is_valid(problem, circle):
                    extend(tuple(m for m in rest if m not in mates), [*circles, circle])

    extend(tuple(range(problem.size)), [])
    return best


@pytest.mark.parametrize(
    ("seed", "count", "low", "high"), [(1, 8, 2, 3), (2, 9, 3, 4), (3, 9, 2, 4)]
)
def test_matching_small_cohort_reaches_brute_force_optimum(
    seed: int, count: int, low: int, high: int
) -> None:
    cohort = parse_cohort(_random_cohort(seed, count, low, high))
    outcome = match_circles(cohort)
    problem = build_problem(cohort)
    assert outcome.optimal is True
    assert assignment_value(problem, outcome.circles) == _brute_force_best(problem)


@pytest.mark.parametrize("seed", [4, 5])
def test_matching_lns_is_near_the_exact_optimum_on_twelve(seed: int) -> None:
    raw = _random_cohort(seed, 12, 3, 4)
    raw["budget"] = {"exact_up_to": 0, "lns_iterations": 40, "subsolve_deterministic_time": 0.1}
    cohort = parse_cohort(raw)
    problem = build_problem(cohort)
    found = assignment_value(problem, match_circles(cohort).circles)
    exact = solve_partition(
        problem,
        list(range(problem.size)),
        circle_count=problem.size // problem.min_size,
        limits=SolveLimits(deterministic_time=30, wall_time_cap_s=60),
    )
    assert exact is not None
    assert exact.optimal is True
    optimum = assignment_value(problem, exact.circles)
    assert exact.objective == optimum.placed * exact.place_weight + optimum.soft
    assert found.placed == optimum.placed
    assert optimum.soft - found.soft <= LNS_GAP * optimum.soft


def test_matching_engine_beats_greedy_coverage_on_two_hundred() -> None:
    raw = generate_cohort(200, seed=7)
    raw["budget"] = {"lns_iterations": 30, "subsolve_deterministic_time": 0.03}
    cohort = parse_cohort(raw)
    engine = quality_figures(cohort.members, circles_output(match_circles(cohort)))
    greedy = quality_figures(cohort.members, circles_output(greedy_only(cohort)))
    assert engine.unassigned <= greedy.unassigned
    assert engine.coverage > greedy.coverage
