"""Small hand-made problems for the engine's stage tests."""

from __future__ import annotations

from circle_matching.model import Cohort, GroupSize, Member
from circle_matching.problem import Problem, build_problem

P, Q, R, S = 0, 1, 2, 3


def problem_of(*members: Member, low: int = 2, high: int = 3, slot_minutes: int = 60) -> Problem:
    cohort = Cohort(members=members, group_size=GroupSize(low, high), slot_minutes=slot_minutes)
    return build_problem(cohort)


def crossed_pairs() -> Problem:
    """Four people free at hour 1, in circles of two: p seeks what s offers and r seeks what
    q offers, so pairing p with q and r with s covers nothing, and p with s, q with r covers
    both (1,001 each: one topic covered and one common hour)."""
    return problem_of(
        Member("p", seeks=("exams",), slots=(1,)),
        Member("q", offers=("fatigue",), slots=(1,)),
        Member("r", seeks=("fatigue",), slots=(1,)),
        Member("s", offers=("exams",), slots=(1,)),
        low=2,
        high=2,
    )


CROSSED = [[P, Q], [R, S]]
UNCROSSED = {frozenset({P, S}), frozenset({Q, R})}


def partition(circles: list[list[int]]) -> set[frozenset[int]]:
    return {frozenset(circle) for circle in circles if circle}
