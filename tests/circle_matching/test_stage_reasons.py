"""Why someone is left out: the first rule that stops them, with its figures, naming nobody."""

from __future__ import annotations

import pytest
from circle_matching.model import Member
from circle_matching.reasons import ReasonCode, UnplacedReason, unassigned_reason

from tests.circle_matching.small import problem_of


def test_too_few_in_the_whole_cohort() -> None:
    problem = problem_of(Member("a"), Member("b"), low=3)
    assert unassigned_reason(problem, 0) == UnplacedReason(ReasonCode.TOO_FEW_MEMBERS, 3)


def test_hour_and_mode_shared_with_different_people() -> None:
    problem = problem_of(
        Member("a", slots=(1,), modes=("asl",)),
        Member("b", slots=(1,), modes=("text-chat",)),
        Member("c", slots=(2,), modes=("asl",)),
    )
    assert unassigned_reason(problem, 0) == UnplacedReason(ReasonCode.NO_HOUR_AND_MODE, 2)


def test_too_few_compatible_counts_them() -> None:
    problem = problem_of(
        Member("a", slots=(1,)), Member("b", slots=(1,)), Member("c", slots=(2,)), low=3
    )
    assert unassigned_reason(problem, 0) == UnplacedReason(
        ReasonCode.TOO_FEW_MEMBERS, 3, compatible=1
    )


def test_enough_compatible_but_never_at_one_hour() -> None:
    problem = problem_of(
        Member("a", slots=(1, 2)), Member("b", slots=(1,)), Member("c", slots=(2,)), low=3
    )
    assert unassigned_reason(problem, 0) == UnplacedReason(
        ReasonCode.TOO_FEW_AT_ANY_HOUR, 3, compatible=2, most_at_one_hour=1
    )


def test_circles_full_when_no_rule_alone_stops_them() -> None:
    problem = problem_of(*(Member(m, slots=(1,)) for m in "abc"), low=2, high=2)
    assert unassigned_reason(problem, 2) == UnplacedReason(
        ReasonCode.CIRCLES_FULL, 2, compatible=2, most_at_one_hour=2
    )


def test_too_few_because_of_an_avoid_list_reads_as_avoided() -> None:
    """Without the avoid list there would be company enough: the avoid list is the rule
    that stops them, and the reason says no more (not "too few", nor how many)."""
    problem = problem_of(
        Member("a", slots=(1,), avoid=("b",)),
        Member("b", slots=(1,)),
        Member("c", slots=(1,)),
        low=3,
    )
    assert unassigned_reason(problem, 0) == UnplacedReason(ReasonCode.ALL_AVOIDED, 3)


def test_avoided_people_are_not_counted_as_company() -> None:
    problem = problem_of(
        Member("a", slots=(1,), avoid=("b",)),
        Member("b", slots=(1,)),
        Member("c", slots=(1,)),
        Member("d", slots=(2,)),
        low=4,
    )
    assert unassigned_reason(problem, 0) == UnplacedReason(
        ReasonCode.TOO_FEW_MEMBERS, 4, compatible=1
    )


def test_a_reason_reads_back_from_its_json() -> None:
    reason = UnplacedReason(ReasonCode.TOO_FEW_AT_ANY_HOUR, 4, compatible=5, most_at_one_hour=2)
    assert reason.as_json() == {
        "code": "too_few_at_any_hour",
        "min_size": 4,
        "compatible": 5,
        "most_at_one_hour": 2,
    }
    assert UnplacedReason.from_json(reason.as_json()) == reason
    with pytest.raises(ValueError, match="not a reason"):
        UnplacedReason.from_json({"code": "no_common_hour", "min_size": "4"})
    with pytest.raises(ValueError, match="is not a valid ReasonCode"):
        UnplacedReason.from_json({"code": "tired", "min_size": 4})
