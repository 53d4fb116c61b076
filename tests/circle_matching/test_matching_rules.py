"""Hard rules hold for any input, output is deterministic, and left-out members get reasons."""

from __future__ import annotations

from typing import Any

from circle_matching import (
    ReasonCode,
    UnplacedReason,
    circles_output,
    greedy_only,
    hard_rule_violations,
    match_circles,
    parse_cohort,
)
from hypothesis import given, settings
from hypothesis import strategies as st

FAST_LNS = {
    "lns_iterations": 6,
    "subsolve_deterministic_time": 0.02,
    "exact_up_to": 0,
    "anneal_steps": 2000,
}
FAST_EXACT = {"exact_up_to": 30, "exact_deterministic_time": 0.3}
HOURS = [18, 19, 20, 42, 43, 150]
MODES = ["spoken-english", "asl", "text-chat"]
TOPICS = ["exams", "disclosure", "fatigue", "rotations"]


@st.composite
def cohorts(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=0, max_value=13))
    ids = [f"m{number}" for number in range(count)]
    low = draw(st.integers(min_value=2, max_value=4))
    high = draw(st.integers(min_value=low, max_value=5))
    members = []
    for member_id in ids:
        member: dict[str, Any] = {
            "id": member_id,
            "stage": draw(st.sampled_from(["student", "resident", "attending", None])),
            "profession": draw(st.sampled_from(["physician", "nurse", None])),
            "offers": draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True)),
            "seeks": draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True)),
            "avoid": draw(st.lists(st.sampled_from([*ids, "gone"]), max_size=2, unique=True)),
            "past_groupmates": draw(st.lists(st.sampled_from(ids or ["x"]), max_size=2)),
            "profession_preference": draw(st.sampled_from(["mixed", "similar"])),
        }
        if draw(st.booleans()):
            member["slots"] = draw(st.lists(st.sampled_from(HOURS), max_size=3, unique=True))
        if draw(st.booleans()):
            member["modes"] = draw(st.lists(st.sampled_from(MODES), max_size=2, unique=True))
        members.append(member)
    budget = draw(st.sampled_from([FAST_LNS, FAST_EXACT]))
    seed = draw(st.integers(min_value=0, max_value=3))
    return {
        "group_size": {"min": low, "max": high},
        "seed": seed,
        "budget": budget,
        "members": members,
    }


def _without_seconds(output: dict[str, Any]) -> dict[str, Any]:
    return {**output, "stats": {**output["stats"], "seconds": None}}


@settings(max_examples=40, derandomize=True, deadline=None)
@given(cohorts())
def test_matching_output_never_breaks_a_hard_rule(raw: dict[str, Any]) -> None:
    cohort = parse_cohort(raw)
    output = circles_output(match_circles(cohort))
    assert hard_rule_violations(cohort.members, cohort.group_size, output) == []


@settings(max_examples=25, derandomize=True, deadline=None)
@given(cohorts())
def test_matching_unassigned_never_exceeds_greedy(raw: dict[str, Any]) -> None:
    cohort = parse_cohort(raw)
    engine = match_circles(cohort)
    assert len(engine.unassigned) <= len(greedy_only(cohort).unassigned)


@settings(max_examples=10, derandomize=True, deadline=None)
@given(cohorts())
def test_matching_same_input_gives_same_output(raw: dict[str, Any]) -> None:
    first = circles_output(match_circles(parse_cohort(raw)))
    second = circles_output(match_circles(parse_cohort(raw)))
    assert _without_seconds(first) == _without_seconds(second)


def _member(member_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": member_id, "slots": [18], "modes": ["spoken-english"], **fields}


def _reasons(
    members: list[dict[str, Any]], low: int = 2, high: int = 4
) -> dict[str, UnplacedReason]:
    raw = {"group_size": {"min": low, "max": high}, "budget": FAST_EXACT, "members": members}
    return {item.id: item.reason for item in match_circles(parse_cohort(raw)).unplaced()}


def test_matching_reason_when_no_hour_is_shared() -> None:
    members = [_member("a"), _member("b"), _member("lonely", slots=[100])]
    assert _reasons(members) == {"lonely": UnplacedReason(ReasonCode.NO_COMMON_HOUR, min_size=2)}


def test_matching_reason_when_no_mode_is_shared() -> None:
    members = [_member("a"), _member("b"), _member("signer", modes=["asl"])]
    assert _reasons(members) == {"signer": UnplacedReason(ReasonCode.NO_COMMON_MODE, min_size=2)}


def test_matching_reason_when_everyone_compatible_is_avoided() -> None:
    members = [
        _member("a", avoid=["c"]),
        _member("b", avoid=["c"]),
        _member("c"),
        _member("x", slots=[30]),
        _member("y", slots=[30]),
    ]
    assert _reasons(members) == {"c": UnplacedReason(ReasonCode.ALL_AVOIDED, min_size=2)}


def test_matching_reason_when_too_few_members_are_compatible() -> None:
    members = [_member("a"), _member("b"), _member("c", slots=[40]), _member("d", slots=[40])]
    one_compatible = UnplacedReason(ReasonCode.TOO_FEW_MEMBERS, min_size=3, compatible=1)
    assert _reasons(members, low=3, high=4) == dict.fromkeys("abcd", one_compatible)


def test_matching_members_without_slots_or_modes_fit_anyone() -> None:
    members = [_member("a"), _member("b"), {"id": "free"}, {"id": "also-free", "slots": []}]
    raw = {"group_size": {"min": 4, "max": 4}, "budget": FAST_EXACT, "members": members}
    output = circles_output(match_circles(parse_cohort(raw)))
    assert output["groups"][0]["members"] == ["a", "b", "free", "also-free"]
    assert output["groups"][0]["common_slots"] == [18]
    assert output["groups"][0]["common_modes"] == ["spoken-english"]
    assert output["unassigned"] == []


def test_matching_unknown_ids_in_avoid_and_past_are_ignored() -> None:
    members = [
        _member("a", avoid=["someone-else"], past_groupmates=["left-last-year"]),
        _member("b"),
    ]
    raw = {"group_size": {"min": 2, "max": 2}, "budget": FAST_EXACT, "members": members}
    output = circles_output(match_circles(parse_cohort(raw)))
    assert [group["members"] for group in output["groups"]] == [["a", "b"]]
