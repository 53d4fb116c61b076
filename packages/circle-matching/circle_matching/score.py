"""Hard rules and the weighted soft objective of one circle and of a whole assignment.

The weights encode the order of MATCHING.md: placing people first (compared separately, as
the first element of `AssignmentValue`), then coverage >> mutuality >> mixing >> freshness
>> time. Every solver, the exact model included, optimises exactly these numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .problem import TIME_CAP_HOURS, UNKNOWN, Problem

COVERAGE_WEIGHT = 1000
MUTUALITY_WEIGHT = 300
MIXING_WEIGHT = 100
REPEAT_PENALTY = 60
TIME_WEIGHT = 1


@dataclass(frozen=True, slots=True)
class CircleScore:
    coverage: int
    mutual: int
    mixing: int
    repeats: int
    hours: int  # common hours, capped (Problem.time_hours)

    @property
    def value(self) -> int:
        return (
            COVERAGE_WEIGHT * self.coverage
            + MUTUALITY_WEIGHT * self.mutual
            + MIXING_WEIGHT * self.mixing
            - REPEAT_PENALTY * self.repeats
            + TIME_WEIGHT * min(self.hours, TIME_CAP_HOURS)
        )


@dataclass(frozen=True, slots=True, order=True)
class AssignmentValue:
    """Compared lexicographically: more people placed first, then the soft value."""

    placed: int
    soft: int


def common_slots(problem: Problem, members: Iterable[int]) -> int:
    mask = -1
    for member in members:
        mask &= problem.slots[member]
    return mask


def common_modes(problem: Problem, members: Iterable[int]) -> int:
    mask = -1
    for member in members:
        mask &= problem.modes[member]
    return mask


def has_avoid_pair(problem: Problem, members: Sequence[int]) -> bool:
    for position, member in enumerate(members):
        avoided = problem.avoid[member]
        if avoided and any(other in avoided for other in members[position + 1 :]):
            return True
    return False


def circle_is_compatible(problem: Problem, members: Sequence[int]) -> bool:
    """Hard rules 3-5 (no avoid pair, a common hour, a common mode), size not checked."""
    return (
        common_slots(problem, members) != 0
        and common_modes(problem, members) != 0
        and not has_avoid_pair(problem, members)
    )


def circle_is_valid(problem: Problem, members: Sequence[int]) -> bool:
    return problem.min_size <= len(members) <= problem.max_size and circle_is_compatible(
        problem, members
    )


def covered_topics(problem: Problem, members: Sequence[int]) -> list[int]:
    """For each member (same order), the mask of sought topics a circle-mate offers."""
    covered: list[int] = []
    for member in members:
        others_offer = 0
        for other in members:
            if other != member:
                others_offer |= problem.offers[other]
        covered.append(problem.seeks[member] & others_offer)
    return covered


def circle_score(problem: Problem, members: Sequence[int]) -> CircleScore:
    coverage = mutual = repeats = similar_met = 0
    stages: set[int] = set()
    professions: set[int] = set()
    for member in members:
        others_offer = others_seek = 0
        has_same_profession = False
        for other in members:
            if other != member:
                others_offer |= problem.offers[other]
                others_seek |= problem.seeks[other]
                if problem.profession[other] == problem.profession[member] != UNKNOWN:
                    has_same_profession = True
        received = problem.seeks[member] & others_offer
        coverage += received.bit_count()
        if received and problem.offers[member] & others_seek:
            mutual += 1
        if problem.wants_similar[member] and has_same_profession:
            similar_met += 1
        if problem.stage[member] != UNKNOWN:
            stages.add(problem.stage[member])
        if problem.profession[member] != UNKNOWN:
            professions.add(problem.profession[member])
        past = problem.past[member]
        if past:
            repeats += sum(1 for other in members if other > member and other in past)
    return CircleScore(
        coverage=coverage,
        mutual=mutual,
        mixing=len(stages) + len(professions) + similar_met,
        repeats=repeats,
        hours=problem.time_hours(common_slots(problem, members).bit_count()) if members else 0,
    )


def circle_value(problem: Problem, members: Sequence[int]) -> int:
    """`circle_score(problem, members).value`, computed without building the score: local
    search calls this millions of times, so it works on prefix/suffix unions of masks."""
    count = len(members)
    if not count:
        return 0
    offers = [problem.offers[m] for m in members]
    seeks = [problem.seeks[m] for m in members]
    offer_before = [0] * (count + 1)
    seek_before = [0] * (count + 1)
    for position in range(count):
        offer_before[position + 1] = offer_before[position] | offers[position]
        seek_before[position + 1] = seek_before[position] | seeks[position]
    offer_after = seek_after = 0
    coverage = mutual = 0
    for position in range(count - 1, -1, -1):
        received = seeks[position] & (offer_before[position] | offer_after)
        if received:
            coverage += received.bit_count()
            if offers[position] & (seek_before[position] | seek_after):
                mutual += 1
        offer_after |= offers[position]
        seek_after |= seeks[position]
    stage = problem.stage
    profession = problem.profession
    stages = {stage[m] for m in members}
    stages.discard(UNKNOWN)
    professions = [profession[m] for m in members]
    distinct = set(professions)
    mixing = len(stages) + len(distinct) - (UNKNOWN in distinct)
    # `past` is symmetric, so each repeated pair is counted once from each end.
    repeat_ends = 0
    hours = -1
    slots = problem.slots
    wants_similar = problem.wants_similar
    pasts = problem.past
    for position, member in enumerate(members):
        hours &= slots[member]
        if wants_similar[member]:
            mine = professions[position]
            if mine != UNKNOWN and professions.count(mine) > 1:
                mixing += 1
        past = pasts[member]
        if past and not past.isdisjoint(members):
            repeat_ends += len(past.intersection(members))
    common = hours.bit_count()
    cap = problem.time_cap
    per_hour = problem.slots_per_hour
    return (
        COVERAGE_WEIGHT * coverage
        + MUTUALITY_WEIGHT * mutual
        + MIXING_WEIGHT * mixing
        - REPEAT_PENALTY * (repeat_ends // 2)
        + TIME_WEIGHT * -(-(common if common < cap else cap) // per_hour)
    )


def assignment_value(problem: Problem, circles: Iterable[Sequence[int]]) -> AssignmentValue:
    placed = soft = 0
    for circle in circles:
        placed += len(circle)
        soft += circle_value(problem, circle)
    return AssignmentValue(placed=placed, soft=soft)
