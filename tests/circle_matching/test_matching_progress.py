"""The progress callback reports rising percentages by phase and never changes the result."""

from __future__ import annotations

from typing import Any

from circle_matching.engine import (
    DEFAULT_EXACT_UP_TO,
    PROGRESS_LNS_START,
    Phase,
    circles_output,
    match_circles,
)
from circle_matching.lns import PROGRESS_REPORTS
from circle_matching.model import parse_cohort

MEMBERS = 20
LNS_ITERATIONS = 30
HOURS = [18, 19, 20, 21, 42, 43]
TOPICS = ["exams", "disclosure", "fatigue", "rotations"]
FAST_HEURISTIC = {
    "lns_iterations": LNS_ITERATIONS,
    "subsolve_deterministic_time": 0.02,
    "anneal_steps": 2000,
    "local_search_passes": 3,
}
FAST_EXACT = {"exact_deterministic_time": 0.3}


def _cohort(count: int, budget: dict[str, Any]) -> dict[str, Any]:
    members = [
        {
            "id": f"m{number:02d}",
            "stage": ["student", "resident", "attending"][number % 3],
            "profession": ["physician", "nurse"][number % 2],
            # Each member shares hours with the next few: slots overlap without all matching.
            "slots": [HOURS[(number + shift) % len(HOURS)] for shift in range(3)],
            "modes": ["spoken-english"] if number % 5 else ["spoken-english", "text-chat"],
            "offers": [TOPICS[number % len(TOPICS)]],
            "seeks": [TOPICS[(number + 1) % len(TOPICS)]],
        }
        for number in range(count)
    ]
    return {"group_size": {"min": 4, "max": 6}, "seed": 7, "budget": budget, "members": members}


def _without_seconds(output: dict[str, Any]) -> dict[str, Any]:
    return {**output, "stats": {**output["stats"], "seconds": None}}


def _run(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[tuple[Phase, int]]]:
    """Output without a callback, output with a recording one, and what it recorded."""
    calls: list[tuple[Phase, int]] = []

    def record(phase: Phase, percent: int) -> None:
        calls.append((phase, percent))

    plain = circles_output(match_circles(parse_cohort(raw)))
    followed = circles_output(match_circles(parse_cohort(raw), progress=record))
    return plain, followed, calls


def _assert_well_formed(calls: list[tuple[Phase, int]]) -> None:
    assert calls
    percents = [percent for _, percent in calls]
    assert percents == sorted(percents), calls
    assert all(0 <= percent <= 100 for percent in percents), calls
    assert percents[0] < 100
    assert calls[-1] == (Phase.DONE, 100)


def test_matching_progress_rises_to_done_through_neighbourhood_search() -> None:
    assert MEMBERS > DEFAULT_EXACT_UP_TO
    _, followed, calls = _run(_cohort(MEMBERS, FAST_HEURISTIC))
    assert followed["stats"]["solver"] == "cp-sat+lns+anneal"
    _assert_well_formed(calls)
    phases = [phase for phase, _ in calls]
    assert list(dict.fromkeys(phases)) == [
        Phase.FORMING_FIRST_CIRCLES,
        Phase.PLACING_EVERYONE,
        Phase.FINE_TUNING,
        Phase.FINAL_POLISH,
        Phase.DONE,
    ]
    searching = [percent for phase, percent in calls if phase == Phase.PLACING_EVERYONE]
    assert searching[0] == PROGRESS_LNS_START
    assert searching[-1] == 70
    assert 1 < len(searching) - 1 <= PROGRESS_REPORTS


def test_matching_progress_does_not_change_the_output() -> None:
    plain, followed, _ = _run(_cohort(MEMBERS, FAST_HEURISTIC))
    assert _without_seconds(followed) == _without_seconds(plain)


def test_matching_progress_on_the_exact_path() -> None:
    plain, followed, calls = _run(_cohort(10, FAST_EXACT))
    assert plain["stats"]["solver"] == "cp-sat"
    _assert_well_formed(calls)
    assert (Phase.SEARCHING_BEST_POSSIBLE, 20) in calls
    assert _without_seconds(followed) == _without_seconds(plain)


def test_matching_progress_with_too_few_members_still_ends_done() -> None:
    plain, followed, calls = _run(_cohort(2, FAST_HEURISTIC))
    _assert_well_formed(calls)
    assert _without_seconds(followed) == _without_seconds(plain)
