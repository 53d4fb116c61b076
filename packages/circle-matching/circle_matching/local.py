"""Cheap local moves between two circles: move one member, or swap two.

Used by the engine to polish after annealing (and to tidy the greedy start before the
exact model), and on its own as the "greedy + pairwise swap" baseline.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .problem import Problem
from .score import circle_is_compatible, circle_value, common_slots


@dataclass(slots=True)
class Assignment:
    """Circles being improved, with each circle's soft value kept up to date."""

    problem: Problem
    circles: list[list[int]]
    unassigned: list[int]
    values: list[int]

    @classmethod
    def start(cls, problem: Problem, circles: list[list[int]], unassigned: list[int]) -> Assignment:
        copied = [list(circle) for circle in circles]
        return cls(
            problem=problem,
            circles=copied,
            unassigned=sorted(unassigned),
            values=[circle_value(problem, circle) for circle in copied],
        )

    @property
    def soft(self) -> int:
        return sum(self.values)

    def reach(self, index: int) -> int:
        """Hours at which at least one member of the circle can meet."""
        mask = 0
        for member in self.circles[index]:
            mask |= self.problem.slots[member]
        return mask

    def replace(self, index: int, members: list[int]) -> None:
        self.circles[index] = members
        self.values[index] = circle_value(self.problem, members)


def open_hours(problem: Problem, circle: list[int]) -> int:
    """Hours at which someone could take the place of one of the circle's members."""
    mask = 0
    for leaving in circle:
        mask |= common_slots(problem, [m for m in circle if m != leaving])
    return mask


def exchange_weights(
    assignment: Assignment, reaches: list[int], opens: list[int], focus: int
) -> list[tuple[int, int]]:
    """(weight, circle) for each other circle that could exchange a member with `focus`:
    the weight counts members of either circle who could take a place in the other."""
    problem = assignment.problem
    slots = problem.slots
    mine = assignment.circles[focus]
    my_open, my_reach = opens[focus], reaches[focus]
    weighted: list[tuple[int, int]] = []
    for index, circle in enumerate(assignment.circles):
        if index == focus or not circle:
            continue
        if not (reaches[index] & my_open or my_reach & opens[index]):
            continue
        weight = sum(1 for m in circle if slots[m] & my_open) + sum(
            1 for m in mine if slots[m] & opens[index]
        )
        if weight:
            weighted.append((weight, index))
    return weighted


def sample_partners(rng: random.Random, weighted: list[tuple[int, int]], count: int) -> list[int]:
    """Up to `count` distinct circles drawn with probability proportional to weight."""
    pool = list(weighted)
    chosen: list[int] = []
    while pool and len(chosen) < count:
        pick = rng.choices(range(len(pool)), [weight for weight, _ in pool])[0]
        chosen.append(pool.pop(pick)[1])
    return sorted(chosen)


def _best_exchange(
    assignment: Assignment, first: int, second: int
) -> tuple[int, list[int], list[int]]:
    """Best move or swap between two circles: (gain, new first, new second); gain 0 if none."""
    problem = assignment.problem
    circle_a = assignment.circles[first]
    circle_b = assignment.circles[second]
    before = assignment.values[first] + assignment.values[second]
    best: tuple[int, list[int], list[int]] = (0, circle_a, circle_b)

    def consider(new_a: list[int], new_b: list[int]) -> None:
        nonlocal best
        if not (problem.min_size <= len(new_a) <= problem.max_size):
            return
        if not (problem.min_size <= len(new_b) <= problem.max_size):
            return
        if not (circle_is_compatible(problem, new_a) and circle_is_compatible(problem, new_b)):
            return
        gain = circle_value(problem, new_a) + circle_value(problem, new_b) - before
        if gain > best[0]:
            best = (gain, new_a, new_b)

    without_a = [[m for m in circle_a if m != leaving] for leaving in circle_a]
    without_b = [[m for m in circle_b if m != leaving] for leaving in circle_b]
    hours_without_a = [common_slots(problem, rest) for rest in without_a]
    hours_without_b = [common_slots(problem, rest) for rest in without_b]
    hours_a = common_slots(problem, circle_a)
    hours_b = common_slots(problem, circle_b)
    for i, member_a in enumerate(circle_a):
        fits_b = problem.slots[member_a] & hours_b
        if fits_b and len(circle_b) < problem.max_size:
            consider(without_a[i], [*circle_b, member_a])
        for j, member_b in enumerate(circle_b):
            if problem.slots[member_a] & hours_without_b[j] and (
                problem.slots[member_b] & hours_without_a[i]
            ):
                consider([*without_a[i], member_b], [*without_b[j], member_a])
    for j, member_b in enumerate(circle_b):
        if len(circle_a) < problem.max_size and problem.slots[member_b] & hours_a:
            consider([*circle_a, member_b], without_b[j])
    return best


def swap_pass(
    assignment: Assignment,
    rng: random.Random,
    *,
    partners: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """One pass over all circles trying moves/swaps with a few related circles; returns the
    number of improvements made."""
    improvements = 0
    problem = assignment.problem
    reaches = [assignment.reach(index) for index in range(len(assignment.circles))]
    opens = [open_hours(problem, circle) for circle in assignment.circles]
    order = [index for index, circle in enumerate(assignment.circles) if circle]
    rng.shuffle(order)
    for focus in order:
        if should_stop():
            break
        weighted = exchange_weights(assignment, reaches, opens, focus)
        for other in sample_partners(rng, weighted, partners):
            gain, new_focus, new_other = _best_exchange(assignment, focus, other)
            if gain > 0:
                assignment.replace(focus, new_focus)
                assignment.replace(other, new_other)
                for index in (focus, other):
                    reaches[index] = assignment.reach(index)
                    opens[index] = open_hours(problem, assignment.circles[index])
                improvements += 1
    return improvements


def improve_by_swaps(
    assignment: Assignment,
    rng: random.Random,
    *,
    passes: int,
    partners: int = 4,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    for _ in range(passes):
        if should_stop() or not swap_pass(
            assignment, rng, partners=partners, should_stop=should_stop
        ):
            break
