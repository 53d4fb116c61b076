"""What would help someone left out: each circle re-checked with one rule relaxed at a time,
on small cohorts whose answer is known. Avoid lists are never what a suggestion comes from."""

from __future__ import annotations

from typing import Any

from circle_matching import (
    Cohort,
    Explanation,
    GroupSize,
    Member,
    ProfessionPreference,
    ReasonCode,
    Relaxation,
    Suggestion,
    explain_unplaced,
)

SPOKEN = ("spoken-english",)


def explain(
    *members: Member, groups: list[list[str]], low: int = 2, high: int = 3
) -> dict[str, Explanation]:
    cohort = Cohort(members=members, group_size=GroupSize(low, high))
    return {item.id: item for item in explain_unplaced(cohort, groups)}


def pair(
    prefix: str, *, slots: tuple[int, ...], modes: tuple[str, ...] = SPOKEN, **extra: Any
) -> list[Member]:
    return [Member(f"{prefix}{n}", slots=slots, modes=modes, **extra) for n in (1, 2)]


def test_one_more_hour_names_the_circles_hour_nearest_their_own() -> None:
    found = explain(
        *pair("x", slots=(10, 11)),
        *pair("y", slots=(50,)),
        Member("p", slots=(12,), modes=SPOKEN),
        groups=[["x1", "x2"], ["y1", "y2"]],
    )
    assert list(found) == ["p"]
    assert found["p"].reason.code is ReasonCode.NO_COMMON_HOUR
    assert found["p"].suggestions == (
        Suggestion(Relaxation.HOUR, 0, slot=11),
        Suggestion(Relaxation.HOUR, 1, slot=50),
    )


def test_the_nearest_hour_runs_on_across_the_end_of_the_week() -> None:
    found = explain(
        *pair("x", slots=(3, 100)), Member("p", slots=(166,), modes=SPOKEN), groups=[["x1", "x2"]]
    )
    assert found["p"].suggestions == (Suggestion(Relaxation.HOUR, 0, slot=3),)


def test_accepting_another_mode() -> None:
    found = explain(
        *pair("x", slots=(10,), modes=("spoken-english", "text-chat")),
        Member("p", slots=(10,), modes=("asl",)),
        groups=[["x1", "x2"]],
    )
    assert found["p"].reason.code is ReasonCode.NO_COMMON_MODE
    assert found["p"].suggestions == (
        Suggestion(Relaxation.MODE, 0, modes=("spoken-english", "text-chat")),
    )


def test_one_more_place_in_a_full_circle() -> None:
    found = explain(
        *pair("x", slots=(10,)),
        Member("x3", slots=(10,), modes=SPOKEN),
        Member("p", slots=(10,), modes=SPOKEN),
        groups=[["x1", "x2", "x3"]],
    )
    assert found["p"].reason.code is ReasonCode.CIRCLES_FULL
    assert found["p"].suggestions == (Suggestion(Relaxation.SIZE, 0),)


def test_a_circle_that_fits_as_it_is_comes_first() -> None:
    found = explain(
        *pair("x", slots=(50,)),
        *pair("y", slots=(10,)),
        Member("p", slots=(10,), modes=SPOKEN),
        groups=[["x1", "x2"], ["y1", "y2"], []],
    )
    assert found["p"].suggestions == (
        Suggestion(Relaxation.NONE, 1),
        Suggestion(Relaxation.HOUR, 0, slot=50),
    )


def test_two_rules_in_the_way_suggest_nothing() -> None:
    found = explain(
        *pair("x", slots=(50,)),
        Member("x3", slots=(50,), modes=SPOKEN),
        Member("p", slots=(10,), modes=SPOKEN),
        groups=[["x1", "x2", "x3"]],
    )
    assert found["p"].suggestions == ()


def test_soft_preferences_never_keep_anyone_out() -> None:
    found = explain(
        *pair("x", slots=(10,), profession="nurse"),
        Member(
            "p",
            slots=(10,),
            modes=SPOKEN,
            profession="physician",
            profession_preference=ProfessionPreference.SIMILAR,
        ),
        groups=[["x1", "x2"]],
    )
    assert found["p"].suggestions == (Suggestion(Relaxation.NONE, 0),)


# Avoid lists: the only blocker of a circle, or one of two; listed by either side.


def test_a_circle_kept_from_them_only_by_an_avoid_list_is_never_suggested() -> None:
    found = explain(
        *pair("x", slots=(10,)),
        Member("p", slots=(10,), modes=SPOKEN, avoid=("x1",)),
        groups=[["x1", "x2"]],
    )
    assert found["p"].suggestions == ()
    # Too few left without the avoided one, though enough without avoid lists: only "a
    # constraint", not "too few members".
    found = explain(
        *pair("x", slots=(10,)),
        Member("p", slots=(10,), modes=SPOKEN, avoid=("x1",)),
        groups=[["x1", "x2"]],
        low=3,
    )
    assert found["p"].reason.code is ReasonCode.ALL_AVOIDED
    assert found["p"].suggestions == ()


def test_relaxing_another_rule_is_not_suggested_where_avoidance_also_blocks() -> None:
    """Circle 0 would take them with one more hour, but someone there listed them: only
    circle 1, which needs the same kind of help and no avoidance, is suggested."""
    found = explain(
        Member("x1", slots=(50,), modes=SPOKEN, avoid=("p",)),
        Member("x2", slots=(50,), modes=SPOKEN),
        Member("x3", slots=(50,), modes=SPOKEN),
        *pair("y", slots=(60,)),
        Member("p", slots=(10,), modes=SPOKEN),
        groups=[["x1", "x2", "x3"], ["y1", "y2"]],
        high=4,
    )
    assert found["p"].reason.code is ReasonCode.NO_COMMON_HOUR
    assert found["p"].suggestions == (Suggestion(Relaxation.HOUR, 1, slot=60),)
    # With circle 1 gone, nothing at all: no word points at circle 0.
    found = explain(
        Member("x1", slots=(50,), modes=SPOKEN, avoid=("p",)),
        Member("x2", slots=(50,), modes=SPOKEN),
        Member("p", slots=(10,), modes=SPOKEN),
        groups=[["x1", "x2"]],
    )
    assert found["p"].suggestions == ()


def test_too_few_at_one_hour_because_of_an_avoid_list_reads_as_a_constraint() -> None:
    found = explain(
        Member("a", slots=(1, 2), avoid=("b",)),
        Member("b", slots=(1,)),
        Member("c", slots=(1,)),
        Member("d", slots=(2,)),
        groups=[],
        low=3,
    )
    assert found["a"].reason.code is ReasonCode.ALL_AVOIDED


def test_explanations_read_as_json() -> None:
    found = explain(*pair("x", slots=(10,)), Member("p", slots=(11,)), groups=[["x1", "x2"]])
    assert isinstance(found["p"], Explanation)
    assert found["p"].as_json() == {
        "id": "p",
        "reason": {"code": "no_common_hour", "min_size": 2, "compatible": 0, "most_at_one_hour": 0},
        "suggestions": [{"relaxation": "hour", "group": 0, "slot": 10, "modes": []}],
    }
