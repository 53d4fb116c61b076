"""Large-neighbourhood search: CP-SAT re-partitions a few related circles at a time.

Each step picks 2-4 circles that share meeting hours (around a circle, or around a member
still unplaced), adds unplaced members who could fit, and asks CP-SAT for the best
re-partition of all of them, never placing fewer people. The step is kept only if the
whole assignment gets strictly better, so the search never goes backwards.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .local import (
    Assignment,
    exchange_weights,
    open_hours,
    sample_partners,
)
from .partition import SolveLimits, solve_partition
from .score import AssignmentValue, assignment_value, covered_topics

CIRCLES_PER_STEP = (2, 3, 3, 4)
UNPLACED_FOCUS_SHARE = 0.3
TOPIC_FOCUS_SHARE = 0.5
# At most this many progress reports per run, spread evenly over the iterations.
PROGRESS_REPORTS = 20


@dataclass(frozen=True, slots=True)
class LnsSettings:
    iterations: int
    deterministic_time: float
    extra_unplaced: int = 6
    accept_ties: bool = True
    seed: int = 0


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    circles: list[int]
    unplaced: list[int]


class _Search:
    def __init__(self, assignment: Assignment, settings: LnsSettings) -> None:
        self.assignment = assignment
        self.settings = settings
        self.rng = random.Random(settings.seed)  # noqa: S311 - seeded for repeatable search
        self.reaches = [assignment.reach(i) for i in range(len(assignment.circles))]
        self.opens = [open_hours(assignment.problem, c) for c in assignment.circles]
        self.focus_queue: list[int] = []

    def _next_focus_circle(self) -> int | None:
        while True:
            if not self.focus_queue:
                live = [i for i, circle in enumerate(self.assignment.circles) if circle]
                if not live:
                    return None
                self.rng.shuffle(live)
                self.focus_queue = live
            focus = self.focus_queue.pop()
            if self.assignment.circles[focus]:
                return focus

    def _around_circle(self, focus: int, count: int) -> list[int]:
        if self.rng.random() < TOPIC_FOCUS_SHARE:
            weighted = self._topic_weights(focus)
        else:
            weighted = exchange_weights(self.assignment, self.reaches, self.opens, focus)
        return [focus, *sample_partners(self.rng, weighted, count - 1)]

    def _topic_weights(self, focus: int) -> list[tuple[int, int]]:
        """Circles holding someone who offers a topic the focus circle seeks uncovered and
        who could take a place in it."""
        problem = self.assignment.problem
        circle = self.assignment.circles[focus]
        unmet = 0
        for member, covered in zip(circle, covered_topics(problem, circle), strict=True):
            unmet |= problem.seeks[member] & ~covered
        my_open = self.opens[focus]
        weighted: list[tuple[int, int]] = []
        for index, other in enumerate(self.assignment.circles):
            if index == focus or not other or not self.reaches[index] & my_open:
                continue
            weight = sum(
                (problem.offers[m] & unmet).bit_count() for m in other if problem.slots[m] & my_open
            )
            if weight:
                weighted.append((weight, index))
        return weighted

    def _around_member(self, member: int, count: int) -> list[int]:
        problem = self.assignment.problem
        hours = problem.slots[member]
        modes = problem.modes[member]
        overlaps = [
            ((hours & reach).bit_count(), index)
            for index, reach in enumerate(self.reaches)
            if hours & reach
            and any(modes & problem.modes[other] for other in self.assignment.circles[index])
        ]
        overlaps.sort(key=lambda pair: (-pair[0], pair[1]))
        nearest = [index for _, index in overlaps[: 2 * count]]
        return sorted(self.rng.sample(nearest, min(count, len(nearest))))

    def _fitting_unplaced(self, circles: list[int], must: int | None) -> list[int]:
        problem = self.assignment.problem
        reach = 0
        for index in circles:
            reach |= self.reaches[index]
        scored = [
            ((problem.slots[member] & reach).bit_count(), member)
            for member in self.assignment.unassigned
            if member != must and problem.slots[member] & reach
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        chosen = [member for _, member in scored[: self.settings.extra_unplaced]]
        return sorted([must, *chosen] if must is not None else chosen)

    def pick(self) -> Neighbourhood | None:
        count = self.rng.choice(CIRCLES_PER_STEP)
        unplaced = self.assignment.unassigned
        if unplaced and self.rng.random() < UNPLACED_FOCUS_SHARE:
            member = self.rng.choice(unplaced)
            circles = self._around_member(member, count)
            return Neighbourhood(circles, self._fitting_unplaced(circles, member))
        focus = self._next_focus_circle()
        if focus is None:
            return None
        circles = self._around_circle(focus, count)
        return Neighbourhood(circles, self._fitting_unplaced(circles, None))

    def step(self, neighbourhood: Neighbourhood, wall_cap_s: float) -> bool:
        assignment = self.assignment
        problem = assignment.problem
        current = [assignment.circles[index] for index in neighbourhood.circles]
        members = sorted([m for circle in current for m in circle] + neighbourhood.unplaced)
        placed_now = sum(len(circle) for circle in current)
        before = AssignmentValue(
            placed_now, sum(assignment.values[index] for index in neighbourhood.circles)
        )
        circle_count = len(current) + (
            1 if len(members) >= (len(current) + 1) * problem.min_size else 0
        )
        result = solve_partition(
            problem,
            members,
            circle_count=circle_count,
            limits=SolveLimits(
                deterministic_time=self.settings.deterministic_time,
                wall_time_cap_s=wall_cap_s,
                seed=self.rng.randrange(1 << 30),
            ),
            hint=current,
            min_placed=placed_now,
        )
        if result is None:
            return False
        after = assignment_value(problem, result.circles)
        if after < before or (after == before and not self.settings.accept_ties):
            return False
        self._apply(neighbourhood, members, result.circles)
        return True

    def _apply(
        self, neighbourhood: Neighbourhood, members: list[int], new_circles: list[list[int]]
    ) -> None:
        assignment = self.assignment
        slots = list(neighbourhood.circles)
        for position, circle in enumerate(new_circles):
            if position < len(slots):
                index = slots[position]
            else:
                assignment.circles.append([])
                assignment.values.append(0)
                self.reaches.append(0)
                self.opens.append(0)
                index = len(assignment.circles) - 1
            assignment.replace(index, sorted(circle))
            self.reaches[index] = assignment.reach(index)
            self.opens[index] = open_hours(assignment.problem, assignment.circles[index])
        for index in slots[len(new_circles) :]:
            assignment.replace(index, [])
            self.reaches[index] = 0
            self.opens[index] = 0
        now_placed = {m for circle in new_circles for m in circle}
        # The solver may leave out someone placed before in exchange for placing another.
        involved = set(assignment.unassigned) | set(members)
        assignment.unassigned = sorted(involved - now_placed)


@dataclass(frozen=True, slots=True)
class LnsReport:
    iterations: int
    improvements: int


def improve_by_lns(
    assignment: Assignment,
    settings: LnsSettings,
    *,
    seconds_left: Callable[[], float],
    progress: Callable[[int, int], None] | None = None,
) -> LnsReport:
    """Run `settings.iterations` steps (fewer only if the wall-clock safety cap runs out).

    `progress`, if given, is called as `progress(done, settings.iterations)` after every
    few steps (at most `PROGRESS_REPORTS` times, throttled by step count, never by time);
    it only observes, so the result is the same with or without it.
    """
    search = _Search(assignment, settings)
    report_every = max(1, -(-settings.iterations // PROGRESS_REPORTS))
    improvements = done = 0
    for done in range(1, settings.iterations + 1):
        left = seconds_left()
        if left <= 0:
            done -= 1
            break
        neighbourhood = search.pick()
        if neighbourhood is None:
            break
        if search.step(neighbourhood, left):
            improvements += 1
        if progress is not None and done % report_every == 0:
            progress(done, settings.iterations)
    kept = [index for index, circle in enumerate(assignment.circles) if circle]
    assignment.circles[:] = [assignment.circles[index] for index in kept]
    assignment.values[:] = [assignment.values[index] for index in kept]
    return LnsReport(iterations=done, improvements=improvements)
