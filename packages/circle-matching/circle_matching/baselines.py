"""Baselines the bench compares the engine with: random, greedy, greedy + pairwise swaps,
and the exact model over the whole cohort.

All respect the hard rules; they differ in how hard they try on the soft goals.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from .engine import MatchOutcome
from .greedy import greedy_circles, member_arrays
from .local import Assignment, improve_by_swaps, swap_pass
from .model import Cohort
from .partition import SolveLimits, solve_partition
from .problem import Problem, build_problem
from .score import circle_is_compatible

UNLIMITED_PASSES = 1_000_000


def _outcome(
    problem: Problem,
    circles: list[list[int]],
    unassigned: list[int],
    solver: str,
    seconds: float,
    *,
    optimal: bool = False,
) -> MatchOutcome:
    return MatchOutcome(
        problem=problem,
        circles=sorted(sorted(circle) for circle in circles if circle),
        unassigned=sorted(unassigned),
        solver=solver,
        optimal=optimal,
        seconds=seconds,
    )


def random_circles(
    cohort: Cohort, *, clock: Callable[[], float] = time.perf_counter
) -> MatchOutcome:
    """Members in random order, each into a random circle they fit (or a new one); circles
    left below the minimum are broken up and their members put wherever they fit."""
    started = clock()
    problem = build_problem(cohort)
    rng = random.Random(cohort.seed)  # noqa: S311 - seeded, not for security
    order = list(range(problem.size))
    rng.shuffle(order)
    circles: list[list[int]] = []
    for member in order:
        fitting = [
            circle
            for circle in circles
            if len(circle) < problem.max_size and circle_is_compatible(problem, [*circle, member])
        ]
        if fitting:
            rng.choice(fitting).append(member)
        else:
            circles.append([member])
    kept = [circle for circle in circles if len(circle) >= problem.min_size]
    unassigned: list[int] = []
    for circle in circles:
        if len(circle) >= problem.min_size:
            continue
        for member in circle:
            fitting = [
                c
                for c in kept
                if len(c) < problem.max_size and circle_is_compatible(problem, [*c, member])
            ]
            if fitting:
                rng.choice(fitting).append(member)
            else:
                unassigned.append(member)
    return _outcome(problem, kept, unassigned, "random", clock() - started)


def greedy_only(cohort: Cohort, *, clock: Callable[[], float] = time.perf_counter) -> MatchOutcome:
    started = clock()
    problem = build_problem(cohort)
    circles, unassigned = greedy_circles(problem, member_arrays(problem))
    return _outcome(problem, circles, unassigned, "greedy", clock() - started)


def greedy_with_swaps(
    cohort: Cohort, *, seconds: float, clock: Callable[[], float] = time.perf_counter
) -> MatchOutcome:
    """Greedy, then pairwise moves and swaps until no move or swap between any two circles
    improves (checked against every circle, not a sample) or `seconds` run out."""
    started = clock()
    problem = build_problem(cohort)
    circles, unassigned = greedy_circles(problem, member_arrays(problem))
    assignment = Assignment.start(problem, circles, unassigned)
    rng = random.Random(cohort.seed)  # noqa: S311 - seeded, not for security

    def out_of_time() -> bool:
        return clock() - started >= seconds

    while not out_of_time():
        improve_by_swaps(
            assignment, rng, passes=UNLIMITED_PASSES, partners=8, should_stop=out_of_time
        )
        # Passes try a sample of partner circles; before stopping, make sure that no move or
        # swap with any circle at all improves (a true pairwise local optimum).
        everyone = len(assignment.circles)
        if out_of_time() or not swap_pass(
            assignment, rng, partners=everyone, should_stop=out_of_time
        ):
            break
    return _outcome(
        problem, assignment.circles, assignment.unassigned, "greedy+swap", clock() - started
    )


@dataclass(frozen=True, slots=True)
class ExactOutcome:
    """The exact model's best circles (`outcome.optimal` when CP-SAT proved them best), and
    the best bound it proved on the soft value for that many people placed."""

    outcome: MatchOutcome
    soft_bound: float


def exact_circles(
    cohort: Cohort,
    *,
    deterministic_time: float,
    hint: MatchOutcome | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> ExactOutcome | None:
    """The whole cohort partitioned by the exact CP-SAT model within `deterministic_time`
    (starting from `hint`, an outcome for the same cohort); `None` if it found nothing."""
    started = clock()
    problem = build_problem(cohort)
    result = solve_partition(
        problem,
        list(range(problem.size)),
        circle_count=problem.size // problem.min_size,
        limits=SolveLimits(
            deterministic_time=deterministic_time,
            wall_time_cap_s=deterministic_time * 2,
            seed=cohort.seed,
        ),
        hint=hint.circles if hint is not None else None,
    )
    if result is None:
        return None
    placed = {member for circle in result.circles for member in circle}
    unassigned = [member for member in range(problem.size) if member not in placed]
    outcome = _outcome(
        problem, result.circles, unassigned, "cp-sat", clock() - started, optimal=result.optimal
    )
    return ExactOutcome(
        outcome=outcome, soft_bound=result.best_bound - result.place_weight * len(placed)
    )
