"""The matching engine: greedy construction, CP-SAT neighbourhood search to place the people
greedy left out, simulated annealing over moves and swaps, then a pairwise-swap polish.

Pairwise swaps alone stop at the first assignment no single move or swap improves, and
CP-SAT re-optimising 2-4 circles finds little past that point; annealing walks through
slightly worse assignments to much better ones, and is what beats the greedy + swap
baseline (see `bench/README.md`). Small cohorts are solved whole by the exact CP-SAT model
instead, and reported `optimal` when CP-SAT proves it.

All stopping is by deterministic budgets derived from the cohort (and overridable in its
`budget`), so equal input gives equal output; the wall clock only enforces `time_limit_s`
as a safety cap.

A caller may pass a `progress` callback to follow a long run: it gets the phase (a `Phase`,
for the caller to put in words) and a percentage that only rises, ending at 100. It only
observes: the result is the same with or without it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .anneal import AnnealSettings, anneal
from .greedy import greedy_circles, member_arrays
from .lns import LnsSettings, improve_by_lns
from .local import Assignment, improve_by_swaps
from .model import Cohort
from .partition import SolveLimits, solve_partition
from .problem import Problem, bits_of, build_problem
from .reasons import Unplaced, unassigned_reason
from .score import AssignmentValue, assignment_value, common_modes

DEFAULT_EXACT_UP_TO = 16
EXACT_DETERMINISTIC_TIME = 20.0
DEFAULT_SUBSOLVE_DETERMINISTIC_TIME = 0.05
DEFAULT_SWAP_PASSES = 50
# After annealing, which ends at a near pairwise-local optimum, a few swap passes suffice.
DEFAULT_POLISH_PASSES = 3
SWAP_PARTNERS = 8
# Budgets are step counts worked out from the cohort's size and a rough cost of one step on
# a modest machine. The estimates only turn a size into step counts; stopping never looks
# at the clock, except for the `time_limit_s` safety cap (of which the budget aims to use at
# most 60%).
# Annealing does most of the work: 600 steps per member (past about 500 steps per member
# the gains flatten out).
ANNEAL_STEPS_PER_MEMBER = 600
# Steps cost more in larger cohorts (about 10 us at 2,000 members, 18 us at 5,000 on a
# modest machine), so past 3,300 members the total is capped instead.
ANNEAL_STEPS_MAX = 2_000_000
SECONDS_PER_ANNEAL_STEP_ESTIMATE = 18e-6
# CP-SAT steps (re-partitioning a few circles jointly) mostly place people the greedy
# construction left out: a few steps, plus more for each member left out.
LNS_STEPS_BASE = 10
LNS_STEPS_PER_UNASSIGNED = 4
LNS_STEPS_MAX = 200
SECONDS_PER_STEP_ESTIMATE = 0.065
SHARE_OF_TIME_LIMIT = 0.6


class Phase(StrEnum):
    """What a run is doing, in the order a run goes through them (the exact model replaces
    placing and fine-tuning for small cohorts)."""

    FORMING_FIRST_CIRCLES = "forming_first_circles"
    PLACING_EVERYONE = "placing_everyone"
    SEARCHING_BEST_POSSIBLE = "searching_best_possible"
    FINE_TUNING = "fine_tuning"
    FINAL_POLISH = "final_polish"
    DONE = "done"


type ProgressCallback = Callable[[Phase, int], None]
"""Called with (phase, percent done from 0 to 100)."""

# Percentages reported along the way; CP-SAT neighbourhood search spreads over its range.
PROGRESS_FIRST_CIRCLES = 5
PROGRESS_LNS_START = 10
PROGRESS_LNS_END = 70
PROGRESS_EXACT = 20
PROGRESS_ANNEAL = 75
PROGRESS_POLISH = 92
PROGRESS_DONE = 100


@dataclass(frozen=True, slots=True)
class ResolvedBudget:
    lns_iterations: int
    subsolve_deterministic_time: float
    swap_passes: int
    polish_passes: int
    exact_up_to: int
    exact_deterministic_time: float
    anneal_steps: int


def resolve_budget(cohort: Cohort, unassigned_by_greedy: int = 0) -> ResolvedBudget:
    budget = cohort.budget
    affordable_seconds = cohort.time_limit_s * SHARE_OF_TIME_LIMIT
    lns_by_size = min(
        LNS_STEPS_MAX, LNS_STEPS_BASE + LNS_STEPS_PER_UNASSIGNED * unassigned_by_greedy
    )
    lns_iterations = (
        budget.lns_iterations
        if budget.lns_iterations is not None
        else min(lns_by_size, int(affordable_seconds / 2 / SECONDS_PER_STEP_ESTIMATE))
    )
    lns_seconds = lns_iterations * SECONDS_PER_STEP_ESTIMATE
    anneal_affordable = int(
        max(0.0, affordable_seconds - lns_seconds) / SECONDS_PER_ANNEAL_STEP_ESTIMATE
    )
    return ResolvedBudget(
        lns_iterations=lns_iterations,
        subsolve_deterministic_time=(
            budget.subsolve_deterministic_time or DEFAULT_SUBSOLVE_DETERMINISTIC_TIME
        ),
        swap_passes=(
            budget.local_search_passes
            if budget.local_search_passes is not None
            else DEFAULT_SWAP_PASSES
        ),
        polish_passes=(
            budget.local_search_passes
            if budget.local_search_passes is not None
            else DEFAULT_POLISH_PASSES
        ),
        exact_up_to=budget.exact_up_to if budget.exact_up_to is not None else DEFAULT_EXACT_UP_TO,
        exact_deterministic_time=budget.exact_deterministic_time or EXACT_DETERMINISTIC_TIME,
        anneal_steps=(
            budget.anneal_steps
            if budget.anneal_steps is not None
            else min(
                ANNEAL_STEPS_PER_MEMBER * len(cohort.members), ANNEAL_STEPS_MAX, anneal_affordable
            )
        ),
    )


@dataclass(frozen=True, slots=True)
class Group:
    """One circle: its members' ids, the slots and modes they all share, and for each member
    the topics they seek that circle-mates offer (topic -> ids of those who offer it)."""

    members: tuple[str, ...]
    common_slots: tuple[int, ...]
    common_modes: tuple[str, ...]
    covered: dict[str, dict[str, list[str]]]


@dataclass(frozen=True, slots=True)
class MatchOutcome:
    """A run's result. `circles` and `unassigned` are positions in the cohort's members (the
    solvers' numbering); `groups()` and `unplaced()` give them by id, with the details."""

    problem: Problem
    circles: list[list[int]]
    unassigned: list[int]
    solver: str
    optimal: bool
    seconds: float

    def groups(self) -> list[Group]:
        return [_group(self.problem, circle) for circle in self.circles]

    def unplaced(self) -> list[Unplaced]:
        problem = self.problem
        return [Unplaced(problem.ids[m], unassigned_reason(problem, m)) for m in self.unassigned]

    @property
    def value(self) -> AssignmentValue:
        """What the solvers maximise: people placed, then the weighted soft score."""
        return assignment_value(self.problem, self.circles)


def _solve_whole(problem: Problem, assignment: Assignment, limits: SolveLimits) -> bool:
    """Exact model over the whole cohort; returns whether optimality was proven."""
    everyone = list(range(problem.size))
    result = solve_partition(
        problem,
        everyone,
        circle_count=problem.size // problem.min_size,
        limits=limits,
        hint=assignment.circles,
        min_placed=sum(len(circle) for circle in assignment.circles),
    )
    if result is None:
        return False
    if assignment_value(problem, result.circles) > assignment_value(problem, assignment.circles):
        placed = {m for circle in result.circles for m in circle}
        assignment.circles = [sorted(circle) for circle in result.circles]
        assignment.values = [0] * len(assignment.circles)
        for index, circle in enumerate(assignment.circles):
            assignment.replace(index, circle)
        assignment.unassigned = [m for m in everyone if m not in placed]
    return result.optimal


def match_circles(
    cohort: Cohort,
    *,
    clock: Callable[[], float] = time.perf_counter,
    progress: ProgressCallback | None = None,
) -> MatchOutcome:
    """Match `cohort` into circles. `progress`, if given, is told each phase as it starts
    (with a rising percentage, 100 when done); it never changes the result."""
    started = clock()
    deadline = started + cohort.time_limit_s

    def seconds_left() -> float:
        return deadline - clock()

    def report(phase: Phase, percent: int) -> None:
        if progress is not None:
            progress(phase, percent)

    def report_lns(done: int, total: int) -> None:
        span = PROGRESS_LNS_END - PROGRESS_LNS_START
        report(Phase.PLACING_EVERYONE, PROGRESS_LNS_START + span * done // total)

    problem = build_problem(cohort)
    circles, leftovers = greedy_circles(problem, member_arrays(problem))
    assignment = Assignment.start(problem, circles, leftovers)
    budget = resolve_budget(cohort, len(leftovers))
    rng = random.Random(cohort.seed)  # noqa: S311 - seeded for repeatable search
    report(Phase.FORMING_FIRST_CIRCLES, PROGRESS_FIRST_CIRCLES)

    def polish(passes: int) -> None:
        improve_by_swaps(
            assignment,
            rng,
            passes=passes,
            partners=SWAP_PARTNERS,
            should_stop=lambda: seconds_left() <= 0,
        )

    solver = "greedy+swap"
    optimal = False
    if problem.size <= budget.exact_up_to and problem.size >= problem.min_size:
        polish(budget.swap_passes)
        limits = SolveLimits(budget.exact_deterministic_time, seconds_left(), cohort.seed)
        report(Phase.SEARCHING_BEST_POSSIBLE, PROGRESS_EXACT)
        optimal = _solve_whole(problem, assignment, limits)
        solver = "cp-sat"
    elif assignment.circles:
        if budget.lns_iterations:
            # First of all place people: CP-SAT re-partitions circles around those left out.
            report(Phase.PLACING_EVERYONE, PROGRESS_LNS_START)
            improve_by_lns(
                assignment,
                LnsSettings(
                    iterations=budget.lns_iterations,
                    deterministic_time=budget.subsolve_deterministic_time,
                    seed=cohort.seed,
                ),
                seconds_left=seconds_left,
                progress=report_lns if progress is not None else None,
            )
            solver = "cp-sat+lns"
        if budget.anneal_steps:
            report(Phase.FINE_TUNING, PROGRESS_ANNEAL)
            anneal(
                assignment,
                AnnealSettings(steps=budget.anneal_steps, seed=cohort.seed),
                should_stop=lambda: seconds_left() <= 0,
            )
            solver = "cp-sat+lns+anneal" if budget.lns_iterations else "anneal"
        report(Phase.FINAL_POLISH, PROGRESS_POLISH)
        polish(budget.polish_passes)
    final = sorted(sorted(circle) for circle in assignment.circles if circle)
    report(Phase.DONE, PROGRESS_DONE)
    return MatchOutcome(
        problem=problem,
        circles=final,
        unassigned=sorted(assignment.unassigned),
        solver=solver,
        optimal=optimal,
        seconds=clock() - started,
    )


def _covered(problem: Problem, circle: list[int]) -> dict[str, dict[str, list[str]]]:
    members = problem.cohort.members
    topic_position = {name: index for index, name in enumerate(problem.topic_names)}
    covered: dict[str, dict[str, list[str]]] = {}
    for member in circle:
        topics: dict[str, list[str]] = {}
        for topic in members[member].seeks:
            bit = 1 << topic_position[topic]
            offerers = [problem.ids[o] for o in circle if o != member and problem.offers[o] & bit]
            if offerers:
                topics[topic] = offerers
        if topics:
            covered[problem.ids[member]] = topics
    return covered


def _common_free(problem: Problem, circle: list[int]) -> int:
    """The slots every member of ``circle`` gave (the solvers work on meeting starts)."""
    mask = -1
    for member in circle:
        mask &= problem.free[member]
    return mask


def _group(problem: Problem, circle: list[int]) -> Group:
    modes = common_modes(problem, circle) & ~problem.any_mode
    if not any(problem.lists_modes[m] for m in circle):
        modes = 0
    return Group(
        members=tuple(problem.ids[m] for m in circle),
        common_slots=tuple(bits_of(_common_free(problem, circle))),
        common_modes=tuple(problem.mode_names[bit] for bit in bits_of(modes)),
        covered=_covered(problem, circle),
    )


def circles_output(outcome: MatchOutcome) -> dict[str, Any]:
    """The JSON document of the command line (README.md), in a stable order."""
    return {
        "groups": [
            {
                "members": list(group.members),
                "common_slots": list(group.common_slots),
                "common_modes": list(group.common_modes),
                "covered": group.covered,
            }
            for group in outcome.groups()
        ],
        "unassigned": [
            {"id": item.id, "reason": item.reason.as_json()} for item in outcome.unplaced()
        ],
        "stats": {
            "seconds": round(outcome.seconds, 2),
            "solver": outcome.solver,
            "optimal": outcome.optimal,
        },
    }
