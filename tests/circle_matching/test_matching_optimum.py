"""The engine against proven optima: brute force for tiny cohorts, exact CP-SAT up to 12."""

from __future__ import annotations

import random
from itertools import combinations
from typing import Any

import pytest
from circle_matching.audit import quality_figures
from circle_matching.baselines import greedy_only, greedy_with_swaps
from circle_matching.engine import circles_output, match_circles
from circle_matching.model import Cohort, parse_cohort
from circle_matching.partition import SolveLimits, solve_partition
from circle_matching.problem import Problem, build_problem
from circle_matching.score import AssignmentValue, assignment_value, circle_is_valid

from bench.generate_cohort import generate_cohort

TOPICS = ["exams", "disclosure", "fatigue", "rotations", "leave"]
STAGES = ["student", "resident", "early", "late"]
PROFESSIONS = ["physician", "nurse", "pharmacist"]
# The LNS path on 12 members must reach the proven optimum's placement and be within this
# share of its soft score.
LNS_GAP = 0.02
# The engine against greedy + pairwise swaps on 200 members (measured margins, rounded down).
COVERAGE_MARGIN = 1.06
MUTUALITY_MARGIN = 1.02
OBJECTIVE_MARGIN = 1.05
UNLIMITED_SECONDS = 1e9


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


def _two_hundred(anneal_steps: int) -> Cohort:
    raw = generate_cohort(200, seed=8)
    raw["budget"] = {
        "lns_iterations": 4,
        "subsolve_deterministic_time": 0.03,
        "anneal_steps": anneal_steps,
    }
    return parse_cohort(raw)


def test_matching_engine_beats_greedy_coverage_on_two_hundred() -> None:
    cohort = _two_hundred(anneal_steps=20_000)
    engine = quality_figures(cohort.members, circles_output(match_circles(cohort)))
    greedy = quality_figures(cohort.members, circles_output(greedy_only(cohort)))
    assert engine.unassigned <= greedy.unassigned
    assert engine.coverage > greedy.coverage


def test_matching_engine_beats_greedy_plus_swaps_on_two_hundred() -> None:
    """MATCHING.md: a clear margin over greedy + pairwise swaps. The baseline runs until no
    move or swap between any two circles improves (more time would not help it); the engine
    has a small budget (200 annealing steps per member, about half a second). Measured:
    8% more coverage, 4.5% more members who both give and receive, 7% higher soft score."""
    cohort = _two_hundred(anneal_steps=40_000)
    engine = match_circles(cohort)
    baseline = greedy_with_swaps(cohort, seconds=UNLIMITED_SECONDS)
    engine_figures = quality_figures(cohort.members, circles_output(engine))
    baseline_figures = quality_figures(cohort.members, circles_output(baseline))
    assert engine_figures.unassigned <= baseline_figures.unassigned
    assert engine_figures.coverage >= COVERAGE_MARGIN * baseline_figures.coverage
    assert engine_figures.mutual >= MUTUALITY_MARGIN * baseline_figures.mutual
    engine_value = assignment_value(engine.problem, engine.circles)
    baseline_value = assignment_value(baseline.problem, baseline.circles)
    assert engine_value.soft >= OBJECTIVE_MARGIN * baseline_value.soft
