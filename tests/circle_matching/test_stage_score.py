"""Scoring one circle and a whole assignment: the hard rules and the weighted soft goals."""

from __future__ import annotations

from circle_matching.model import Member, ProfessionPreference
from circle_matching.score import (
    AssignmentValue,
    CircleScore,
    assignment_value,
    circle_is_compatible,
    circle_is_valid,
    circle_score,
    circle_value,
    covered_topics,
)

from tests.circle_matching.small import problem_of

A, B, C, D, E = 0, 1, 2, 3, 4


def _four() -> list[Member]:
    return [
        Member(
            "a",
            stage="student",
            profession="physician",
            offers=("exams",),
            seeks=("fatigue",),
            slots=(1, 2),
            past_groupmates=("c",),
        ),
        Member(
            "b",
            stage="resident",
            profession="physician",
            offers=("fatigue",),
            seeks=("exams", "rotations"),
            slots=(2, 3),
            profession_preference=ProfessionPreference.SIMILAR,
        ),
        Member("c", stage="student", profession="nurse", slots=(2,), modes=("spoken",)),
        Member("d", slots=(2,), modes=("asl",), avoid=("a",)),
        Member("e", slots=(5,)),
    ]


def test_circle_score_counts_each_goal() -> None:
    problem = problem_of(*_four())
    score = circle_score(problem, [A, B, C])
    # a receives fatigue from b and b exams from a; both give and receive. Two stages, two
    # professions, and b (who asked for a colleague) has one. a and c met before. One hour.
    assert score == CircleScore(coverage=2, mutual=2, mixing=5, repeats=1, hours=1)
    assert score.value == 1000 * 2 + 300 * 2 + 100 * 5 - 60 * 1 + 1


def test_fast_circle_value_is_the_score_value() -> None:
    problem = problem_of(*_four())
    for circle in ([A, B, C], [B, C], [A, C], [C], []):
        assert circle_value(problem, circle) == circle_score(problem, circle).value


def test_common_hours_count_up_to_a_day() -> None:
    problem = problem_of(Member("a"), Member("b"))
    assert circle_score(problem, [0, 1]).hours == 24
    assert circle_value(problem, [0, 1]) == 24


def test_covered_topics_per_member() -> None:
    problem = problem_of(*_four())
    exams, fatigue = 1 << 0, 1 << 1
    assert problem.topic_names == ("exams", "fatigue", "rotations")
    assert covered_topics(problem, [A, B, C]) == [fatigue, exams, 0]
    assert covered_topics(problem, [A, C]) == [0, 0]


def test_hard_rules_of_a_circle() -> None:
    problem = problem_of(*_four(), low=2, high=3)
    assert circle_is_compatible(problem, [A, B, C])
    assert not circle_is_compatible(problem, [A, B, D])  # d avoids a
    assert not circle_is_compatible(problem, [B, C, D])  # c speaks, d signs: no common mode
    assert circle_is_compatible(problem, [B, D])  # b lists no modes: any will do
    assert not circle_is_compatible(problem, [A, E])  # no common hour
    assert circle_is_valid(problem, [A, B, C])
    assert not circle_is_valid(problem, [C])  # too small
    assert not circle_is_valid(problem, [A, B, C, C])  # too big


def test_placing_one_more_person_outweighs_any_soft_value() -> None:
    assert AssignmentValue(placed=3, soft=0) > AssignmentValue(placed=2, soft=10**9)
    problem = problem_of(*_four())
    assert assignment_value(problem, [[A, B, C]]) == AssignmentValue(
        3, circle_value(problem, [A, B, C])
    )
    assert assignment_value(problem, []) == AssignmentValue(0, 0)
