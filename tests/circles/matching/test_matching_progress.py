"""The progress callback reports rising percentages in plain words and never changes the result."""

from __future__ import annotations

from typing import Any

from dm3p.circles.matching.engine import (
    DEFAULT_EXACT_UP_TO,
    PLACING_PHASE,
    PROGRESS_LNS_START,
    circles_output,
    match_circles,
)
from dm3p.circles.matching.lns import PROGRESS_REPORTS
from dm3p.circles.matching.model import parse_cohort

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


def _run(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[tuple[str, int]]]:
    """Output without a callback, output with a recording one, and what it recorded."""
    calls: list[tuple[str, int]] = []

    def record(phase: str, percent: int) -> None:
        calls.append((phase, percent))

    plain = circles_output(match_circles(parse_cohort(raw)))
    followed = circles_output(match_circles(parse_cohort(raw), progress=record))
    return plain, followed, calls


def _assert_well_formed(calls: list[tuple[str, int]]) -> None:
    assert calls
    percents = [percent for _, percent in calls]
    assert percents == sorted(percents), calls
    assert all(0 <= percent <= 100 for percent in percents), calls
    assert percents[0] < 100
    assert calls[-1] == ("Done", 100)
    assert all(phase.strip() for phase, _ in calls)


def test_matching_progress_rises_to_done_through_neighbourhood_search() -> None:
    assert MEMBERS > DEFAULT_EXACT_UP_TO
    _, followed, calls = _run(_cohort(MEMBERS, FAST_HEURISTIC))
    assert followed["stats"]["solver"] == "cp-sat+lns+anneal"
    _assert_well_formed(calls)
    phases = [phase for phase, _ in calls]
    assert phases[0] == "Forming first circles"
    assert "Fine-tuning circles" in phases
    assert "Final polish" in phases
    searching = [percent for phase, percent in calls if phase == PLACING_PHASE]
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
    assert ("Searching for the best possible circles", 20) in calls
    assert _without_seconds(followed) == _without_seconds(plain)


def test_matching_progress_with_too_few_members_still_ends_done() -> None:
    plain, followed, calls = _run(_cohort(2, FAST_HEURISTIC))
    _assert_well_formed(calls)
    assert _without_seconds(followed) == _without_seconds(plain)
