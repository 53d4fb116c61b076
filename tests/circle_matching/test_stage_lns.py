"""Neighbourhood search: CP-SAT re-partitions a few circles, never going backwards."""

from __future__ import annotations

from circle_matching.lns import PROGRESS_REPORTS, LnsSettings, improve_by_lns
from circle_matching.local import Assignment
from circle_matching.model import Member
from circle_matching.score import assignment_value, circle_is_valid, circle_value

from tests.circle_matching.small import CROSSED, UNCROSSED, crossed_pairs, partition, problem_of

SETTINGS = LnsSettings(iterations=12, deterministic_time=0.5, seed=0)


def _plenty_of_time() -> float:
    return 100.0


def test_lns_places_someone_only_a_new_partition_can_fit() -> None:
    # e fits only with c and d, who are in full circles: re-partitioning both circles
    # (a b) (c d) into (a b) (c d e) places e.
    problem = problem_of(
        Member("a", slots=(1,)),
        Member("b", slots=(1,)),
        Member("c", slots=(1, 5)),
        Member("d", slots=(1, 5)),
        Member("e", slots=(5,)),
        low=2,
        high=3,
    )
    assignment = Assignment.start(problem, [[0, 1], [2, 3]], [4])
    report = improve_by_lns(assignment, SETTINGS, seconds_left=_plenty_of_time)
    assert assignment.unassigned == []
    assert partition(assignment.circles) == {frozenset({0, 1}), frozenset({2, 3, 4})}
    assert assignment.values == [circle_value(problem, c) for c in assignment.circles]
    assert report.improvements >= 1


def test_lns_improves_the_score_and_keeps_circles_valid() -> None:
    problem = crossed_pairs()
    assignment = Assignment.start(problem, CROSSED, [])
    before = assignment_value(problem, assignment.circles)
    report = improve_by_lns(assignment, SETTINGS, seconds_left=_plenty_of_time)
    assert partition(assignment.circles) == UNCROSSED
    assert assignment_value(problem, assignment.circles) > before
    assert all(circle_is_valid(problem, circle) for circle in assignment.circles)
    assert report.iterations == SETTINGS.iterations


def test_lns_does_nothing_without_time() -> None:
    assignment = Assignment.start(crossed_pairs(), CROSSED, [])
    report = improve_by_lns(assignment, SETTINGS, seconds_left=lambda: 0.0)
    assert (report.iterations, report.improvements) == (0, 0)
    assert assignment.circles == CROSSED


def test_lns_reports_progress_a_bounded_number_of_times() -> None:
    calls: list[tuple[int, int]] = []
    assignment = Assignment.start(crossed_pairs(), CROSSED, [])
    settings = LnsSettings(iterations=60, deterministic_time=0.05, seed=1)
    improve_by_lns(
        assignment,
        settings,
        seconds_left=_plenty_of_time,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert 1 <= len(calls) <= PROGRESS_REPORTS
    assert calls[-1] == (60, 60)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
