"""Greedy construction: place as many members as the hard rules allow, aiming for coverage.

Circles are grown one at a time from the hardest member still free (fewest compatible
partners), adding whichever compatible member adds most value. Members left over are then
put into circles with room, or into new circles formed with members lent by circles that
are above the minimum size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .problem import UNKNOWN, Problem
from .score import (
    COVERAGE_WEIGHT,
    MIXING_WEIGHT,
    REPEAT_PENALTY,
    assignment_value,
    circle_is_compatible,
    circle_value,
    common_slots,
)

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

# Heuristic nudges used only while growing circles: keep common hours wide so that more
# people fit, and take hard-to-place members while they still fit somewhere.
HOURS_NUDGE = 8
SCARCITY_NUDGE = 150
DEGREE_CHUNK = 512


def _words(masks: Sequence[int], width: int) -> Words:
    count = max(1, (width + 63) // 64)
    out = np.zeros((len(masks), count), dtype=np.uint64)
    for row, mask in enumerate(masks):
        for word in range(count):
            out[row, word] = (mask >> (64 * word)) & 0xFFFFFFFFFFFFFFFF
    return out


def _bit_matrix(masks: Sequence[int], width: int) -> npt.NDArray[np.float32]:
    out = np.zeros((len(masks), max(width, 1)), dtype=np.float32)
    for row, mask in enumerate(masks):
        bit = 0
        while mask:
            if mask & 1:
                out[row, bit] = 1.0
            mask >>= 1
            bit += 1
    return out


@dataclass(frozen=True, slots=True)
class MemberArrays:
    """Vectorised copies of the problem's masks, for scanning many candidates at once."""

    slots: Words
    modes: Words
    seeks: Ints
    offers: Ints
    stage: Ints
    profession: Ints
    degree: Ints


def compatible_degrees(problem: Problem) -> Ints:
    """For each member, how many others share an hour and a mode and are not avoided."""
    size = problem.size
    slot_bits = _bit_matrix(problem.slots, problem.week_slots)
    mode_bits = _bit_matrix(problem.modes, len(problem.mode_names) + 1)
    degree = np.zeros(size, dtype=np.int64)
    for start in range(0, size, DEGREE_CHUNK):
        stop = min(size, start + DEGREE_CHUNK)
        shares_hour = (slot_bits[start:stop] @ slot_bits.T) > 0
        shares_mode = (mode_bits[start:stop] @ mode_bits.T) > 0
        degree[start:stop] = np.count_nonzero(shares_hour & shares_mode, axis=1) - 1
    for member, avoided in enumerate(problem.avoid):
        for other in avoided:
            if problem.slots[member] & problem.slots[other] and (
                problem.modes[member] & problem.modes[other]
            ):
                degree[member] -= 1
    return degree


def member_arrays(problem: Problem) -> MemberArrays:
    topics = len(problem.topic_names)
    return MemberArrays(
        slots=_words(problem.slots, problem.week_slots),
        modes=_words(problem.modes, len(problem.mode_names) + 1),
        seeks=_bit_matrix(problem.seeks, topics).astype(np.int64),
        offers=_bit_matrix(problem.offers, topics).astype(np.int64),
        stage=np.array(problem.stage, dtype=np.int64),
        profession=np.array(problem.profession, dtype=np.int64),
        degree=compatible_degrees(problem),
    )


def placement_order(problem: Problem, degree: Ints) -> list[int]:
    """Hardest first: fewest compatible partners, then fewest hours, then input order."""
    hours = [mask.bit_count() for mask in problem.slots]
    return sorted(range(problem.size), key=lambda member: (int(degree[member]), hours[member]))


class _CircleGrower:
    def __init__(self, problem: Problem, arrays: MemberArrays) -> None:
        self.problem = problem
        self.arrays = arrays
        most = int(arrays.degree.max()) if problem.size else 0
        self.scarcity = (SCARCITY_NUDGE * (most - arrays.degree)) // max(most, 1)

    def grow(self, seed: int, free: Bools, target: int) -> list[int]:
        problem, arrays = self.problem, self.arrays
        circle = [seed]
        slot_mask = arrays.slots[seed].copy()
        mode_mask = arrays.modes[seed].copy()
        candidates = np.flatnonzero(free)
        candidates = candidates[candidates != seed]
        blocked = {seed, *problem.avoid[seed]}
        while len(circle) < target and candidates.size:
            fits = (arrays.slots[candidates] & slot_mask).any(axis=1) & (
                arrays.modes[candidates] & mode_mask
            ).any(axis=1)
            if blocked:
                fits &= ~np.isin(candidates, list(blocked))
            candidates = candidates[fits]
            if not candidates.size:
                break
            chosen = int(candidates[int(np.argmax(self._gains(circle, candidates, slot_mask)))])
            circle.append(chosen)
            slot_mask &= arrays.slots[chosen]
            mode_mask &= arrays.modes[chosen]
            blocked |= {chosen, *problem.avoid[chosen]}
        return circle

    def _gains(self, circle: list[int], candidates: Ints, slot_mask: Words) -> Ints:
        problem, arrays = self.problem, self.arrays
        offer_count = arrays.offers[circle].sum(axis=0)
        unmet = np.zeros_like(offer_count)
        for member in circle:
            others_offer = (offer_count - arrays.offers[member]) > 0
            unmet += arrays.seeks[member] * ~others_offer
        coverage = arrays.seeks[candidates] @ (offer_count > 0) + arrays.offers[candidates] @ (
            unmet > 0
        )
        new_stage = ~np.isin(arrays.stage[candidates], arrays.stage[circle]) & (
            arrays.stage[candidates] != UNKNOWN
        )
        new_profession = ~np.isin(arrays.profession[candidates], arrays.profession[circle]) & (
            arrays.profession[candidates] != UNKNOWN
        )
        repeats = np.zeros(candidates.size, dtype=np.int64)
        for member in circle:
            past = problem.past[member]
            if past:
                repeats += np.isin(candidates, list(past))
        hours = np.bitwise_count(arrays.slots[candidates] & slot_mask).sum(axis=1)
        gains: Ints = (
            COVERAGE_WEIGHT * coverage.astype(np.int64)
            + MIXING_WEIGHT * (new_stage.astype(np.int64) + new_profession.astype(np.int64))
            - REPEAT_PENALTY * repeats
            + HOURS_NUDGE
            * -(-np.minimum(hours.astype(np.int64), problem.time_cap) // problem.slots_per_hour)
            + self.scarcity[candidates]
        )
        return gains


def _insert_into_open_circles(problem: Problem, circles: list[list[int]], member: int) -> bool:
    best_gain: int | None = None
    best_circle = -1
    for position, circle in enumerate(circles):
        if len(circle) >= problem.max_size:
            continue
        if not (common_slots(problem, circle) & problem.slots[member]):
            continue
        enlarged = [*circle, member]
        if not circle_is_compatible(problem, enlarged):
            continue
        gain = circle_value(problem, enlarged) - circle_value(problem, circle)
        if best_gain is None or gain > best_gain:
            best_gain, best_circle = gain, position
    if best_gain is None:
        return False
    circles[best_circle].append(member)
    return True


def _form_circle_with_lent_members(
    problem: Problem, circles: list[list[int]], leftovers: list[int], seed: int
) -> list[int] | None:
    """Grow a new circle around `seed` from leftovers first, then members of circles that
    can spare one; commit (removing lent members from their circles) only if it reaches the
    minimum size."""
    circle_of = {member: index for index, circle in enumerate(circles) for member in circle}
    spare = [len(circle) - problem.min_size for circle in circles]
    circle = [seed]
    pool = [member for member in leftovers if member != seed]
    lenders = [m for index, c in enumerate(circles) if spare[index] > 0 for m in c]
    for candidate in pool:
        if len(circle) >= problem.max_size:
            break
        if circle_is_compatible(problem, [*circle, candidate]):
            circle.append(candidate)
    lent: list[int] = []
    for candidate in lenders:
        if len(circle) >= problem.min_size:
            break
        if spare[circle_of[candidate]] > 0 and circle_is_compatible(problem, [*circle, candidate]):
            circle.append(candidate)
            spare[circle_of[candidate]] -= 1
            lent.append(candidate)
    if len(circle) < problem.min_size:
        return None
    for member in lent:
        circles[circle_of[member]].remove(member)
    return circle


def repair_leftovers(problem: Problem, circles: list[list[int]], leftovers: list[int]) -> None:
    """Place leftovers where possible; mutates `circles` and `leftovers`."""
    for member in list(leftovers):
        if _insert_into_open_circles(problem, circles, member):
            leftovers.remove(member)
    progress = True
    while progress and leftovers:
        progress = False
        for seed in list(leftovers):
            if seed not in leftovers:
                continue
            formed = _form_circle_with_lent_members(problem, circles, leftovers, seed)
            if formed is not None:
                circles.append(formed)
                for member in formed:
                    if member in leftovers:
                        leftovers.remove(member)
                progress = True


def _grow_all(
    problem: Problem, arrays: MemberArrays, target: int
) -> tuple[list[list[int]], list[int]]:
    free = np.ones(problem.size, dtype=np.bool_)
    grower = _CircleGrower(problem, arrays)
    order = placement_order(problem, arrays.degree)
    circles: list[list[int]] = []
    for seed in order:
        if not free[seed]:
            continue
        circle = grower.grow(seed, free, target)
        if len(circle) >= problem.min_size:
            circles.append(circle)
            free[circle] = False
    leftovers = [member for member in order if free[member]]
    repair_leftovers(problem, circles, leftovers)
    return circles, sorted(leftovers)


def greedy_circles(problem: Problem, arrays: MemberArrays) -> tuple[list[list[int]], list[int]]:
    """Return (circles, unassigned members), every circle valid.

    Growing circles to the largest size gives each member the most circle-mates, but in a
    sparse cohort it strands people; so every target size from max down to min is tried and
    the construction that places most people (then scores best) is kept."""
    best_circles, best_leftovers = _grow_all(problem, arrays, problem.max_size)
    best_value = assignment_value(problem, best_circles)
    for target in range(problem.max_size - 1, problem.min_size - 1, -1):
        if not best_leftovers:
            break
        circles, leftovers = _grow_all(problem, arrays, target)
        value = assignment_value(problem, circles)
        if value > best_value:
            best_circles, best_leftovers, best_value = circles, leftovers, value
    return best_circles, best_leftovers
