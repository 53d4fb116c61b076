"""The independent audit: every broken rule is named, and the figures are counted by hand."""

from __future__ import annotations

from circle_matching import RuleBreak, RuleBreakCode, rule_breaks
from circle_matching.audit import coverage_upper_bound, hard_rule_violations, quality_figures
from circle_matching.model import GroupSize, Member

MEMBERS = [
    Member("a", stage="student", offers=("exams",), seeks=("fatigue",), slots=(1,), avoid=("b",)),
    Member(
        "b",
        stage="resident",
        offers=("fatigue",),
        seeks=("exams", "rotations"),
        slots=(1, 2),
        past_groupmates=("c",),
    ),
    Member("c", stage="student", seeks=("exams",), slots=(1,), modes=("asl",)),
    Member("d", slots=(9,)),
]


def _group(members: list[str], slots: list[int], modes: list[str]) -> dict[str, object]:
    return {"members": members, "common_slots": slots, "common_modes": modes}


def test_a_valid_output_has_no_violations() -> None:
    output = {
        "groups": [_group(["b", "c"], [1], ["asl"])],
        "unassigned": [
            {"id": "a", "reason": {"code": "all_avoided"}},
            {"id": "d", "reason": {"code": "no_common_hour"}},
        ],
    }
    assert hard_rule_violations(MEMBERS, GroupSize(2, 3), output) == []


def test_every_broken_rule_is_named() -> None:
    output = {
        "groups": [
            _group(["a", "b", "c", "zed"], [1], []),
            _group(["c", "d"], [], ["asl"]),
        ],
        "unassigned": [{"id": "a", "reason": {"code": "all_avoided"}}, {"id": "e"}],
    }
    assert hard_rule_violations(MEMBERS, GroupSize(2, 3), output) == [
        "group 0: unknown member zed",
        "group 0: size 4 outside the allowed range",
        "group 0: avoid pair a, b",
        "group 0: common_modes do not match the members' modes",
        "group 1: c already in group 0",
        "group 1: no common hour",
        "a is both in a group and unassigned",
        "e is unassigned without a reason",
    ]


def test_broken_rules_come_as_codes_with_their_group_and_the_people_concerned() -> None:
    output = {
        "groups": [_group(["a", "b"], [1], []), _group(["c", "d"], [], ["asl"])],
        "unassigned": [],
    }
    assert rule_breaks(MEMBERS, GroupSize(2, 3), output) == [
        RuleBreak(RuleBreakCode.AVOID_PAIR, 0, ("a", "b")),
        RuleBreak(RuleBreakCode.NO_COMMON_HOUR, 1),
    ]


def test_half_hour_slots_need_a_whole_hour_in_common() -> None:
    members = [Member("a", slots=(86, 87)), Member("b", slots=(87, 88))]
    output = {"groups": [_group(["a", "b"], [87], [])], "unassigned": []}
    assert hard_rule_violations(members, GroupSize(2, 2), output, slot_minutes=30) == [
        "group 0: no common hour"
    ]


def test_someone_neither_placed_nor_unassigned_is_named() -> None:
    output = {"groups": [_group(["b", "c"], [1], ["asl"])], "unassigned": []}
    assert hard_rule_violations(MEMBERS, GroupSize(2, 3), output) == [
        "neither placed nor unassigned: a, d"
    ]


def test_quality_figures_count_coverage_mutuality_mixing_and_repeats() -> None:
    output = {
        "groups": [_group(["a", "b", "c"], [1], ["asl"])],
        "unassigned": [{"id": "d", "reason": {"code": "no_common_hour"}}],
    }
    figures = quality_figures(MEMBERS, output)
    # a gets fatigue (b), b gets exams (a), c gets exams (a): 3 of the 3 possible.
    assert (figures.placed, figures.unassigned) == (3, 1)
    assert (figures.coverage, figures.coverage_upper_bound) == (3, 3)
    assert figures.coverage_share == 1.0
    assert figures.mutual == 2  # a and b both give and receive; c only receives
    assert figures.mixing == 2.0  # two stages, no professions
    assert figures.repeats == 1  # b and c met before


def test_coverage_upper_bound_counts_topics_someone_else_offers() -> None:
    assert coverage_upper_bound(MEMBERS) == 3
    assert coverage_upper_bound([Member("a", offers=("x",), seeks=("x",))]) == 0
