"""Simulated annealing keeps every circle valid, its bookkeeping true, and never goes back."""

from __future__ import annotations

import random

from circle_matching.anneal import STOP_CHECK_EVERY, AnnealReport, AnnealSettings, anneal
from circle_matching.greedy import greedy_circles, member_arrays
from circle_matching.local import Assignment
from circle_matching.model import parse_cohort
from circle_matching.problem import Problem, build_problem
from circle_matching.score import circle_is_valid, circle_score, circle_value

from bench.generate_cohort import generate_cohort
from tests.circle_matching.small import CROSSED, UNCROSSED, crossed_pairs, partition


def _start(members: int, seed: int) -> tuple[Problem, Assignment]:
    problem = build_problem(parse_cohort(generate_cohort(members, seed=seed)))
    circles, leftovers = greedy_circles(problem, member_arrays(problem))
    return problem, Assignment.start(problem, circles, leftovers)


def test_matching_anneal_keeps_circles_valid_and_values_true() -> None:
    problem, assignment = _start(120, seed=3)
    placed = sorted(m for circle in assignment.circles for m in circle)
    before = assignment.soft
    report = anneal(assignment, AnnealSettings(steps=20_000, seed=1))
    assert report.steps == 20_000
    assert report.accepted > 0
    assert all(circle_is_valid(problem, circle) for circle in assignment.circles)
    assert sorted(m for circle in assignment.circles for m in circle) == placed
    assert assignment.values == [circle_value(problem, c) for c in assignment.circles]
    assert assignment.soft == before + report.gain
    assert report.gain > 0


def test_matching_anneal_is_repeatable() -> None:
    results = []
    for _ in range(2):
        _, assignment = _start(80, seed=4)
        anneal(assignment, AnnealSettings(steps=5_000, seed=2))
        results.append(assignment.circles)
    assert results[0] == results[1]


def test_matching_fast_circle_value_agrees_with_the_score() -> None:
    problem, _ = _start(300, seed=5)
    rng = random.Random(6)
    with_past = [m for m in range(problem.size) if problem.past[m]]
    for _ in range(2_000):
        # Circles around past groupmates, so that repeats are counted too.
        first = rng.choice(with_past)
        circle = {first, *rng.sample(sorted(problem.past[first]), 1)}
        circle.update(rng.sample(range(problem.size), rng.randint(0, 5)))
        members = sorted(circle)
        assert circle_value(problem, members) == circle_score(problem, members).value


def test_matching_anneal_uncrosses_a_small_assignment() -> None:
    problem = crossed_pairs()
    assignment = Assignment.start(problem, CROSSED, [])
    report = anneal(assignment, AnnealSettings(steps=500, seed=0))
    assert partition(assignment.circles) == UNCROSSED
    assert report.gain == 2000
    assert assignment.values == [1001, 1001]


def test_matching_anneal_with_nothing_to_do_changes_nothing() -> None:
    problem = crossed_pairs()
    for circles, steps in (([[0, 1], [2, 3]], 0), ([[0, 1, 2, 3]], 100), ([], 100)):
        assignment = Assignment.start(problem, circles, [])
        assert anneal(assignment, AnnealSettings(steps=steps)) == AnnealReport(0, 0, 0)
        assert assignment.circles == circles


def test_matching_anneal_stops_when_asked_at_its_next_check() -> None:
    assignment = Assignment.start(crossed_pairs(), CROSSED, [])
    report = anneal(
        assignment, AnnealSettings(steps=STOP_CHECK_EVERY * 3), should_stop=lambda: True
    )
    assert report.steps == STOP_CHECK_EVERY - 1
