"""Building the problem: members become bit masks, avoid and past lists go both ways."""

from __future__ import annotations

from circle_matching.model import Member, ProfessionPreference
from circle_matching.problem import UNKNOWN, bits_of, build_problem, hour_long_starts

from tests.circle_matching.small import problem_of

EVERY_HOUR = (1 << 168) - 1


def test_bits_of_lists_set_bits_in_order() -> None:
    assert bits_of(0) == []
    assert bits_of(0b1011) == [0, 1, 3]
    assert bits_of(1 << 200) == [200]


def test_members_become_masks_by_sorted_names() -> None:
    problem = problem_of(
        Member(
            "a",
            stage="resident",
            profession="nurse",
            offers=("rotations", "exams"),
            seeks=("disclosure",),
            slots=(3, 1),
            modes=("text-chat", "asl"),
        ),
        Member("b", stage="student", seeks=("exams",), modes=("text-chat",)),
        Member("c", profession_preference=ProfessionPreference.SIMILAR),
    )
    assert problem.ids == ("a", "b", "c")
    assert problem.topic_names == ("disclosure", "exams", "rotations")
    assert problem.offers == (0b110, 0, 0)
    assert problem.seeks == (0b001, 0b010, 0)
    assert problem.mode_names == ("asl", "text-chat")
    # Listing no modes means any mode: every mode bit, plus the bit only such members carry.
    assert problem.modes == (0b011, 0b010, 0b111)
    assert problem.any_mode == 0b100
    assert problem.lists_modes == (True, True, False)
    assert problem.slots == (0b1010, EVERY_HOUR, EVERY_HOUR)
    assert problem.lists_slots == (True, False, False)
    assert problem.stage == (0, 1, UNKNOWN)
    assert problem.profession == (0, UNKNOWN, UNKNOWN)
    assert problem.wants_similar == (False, False, True)


def test_avoid_and_past_hold_both_ways_and_ignore_unknown_ids_and_oneself() -> None:
    problem = problem_of(
        Member("a", avoid=("c", "ghost", "a")),
        Member("b", past_groupmates=("a",)),
        Member("c"),
    )
    assert problem.avoid == (frozenset({2}), frozenset(), frozenset({0}))
    assert problem.past == (frozenset({1}), frozenset({0}), frozenset())


def test_half_hour_slots_become_the_starts_of_a_whole_hour() -> None:
    # Free 19:00 to 20:30 on Tuesday (half hours 86, 87, 88): an hour can start at 86 or 87.
    problem = problem_of(Member("a", slots=(86, 87, 88)), slot_minutes=30)
    assert problem.free == ((1 << 86) | (1 << 87) | (1 << 88),)
    assert bits_of(problem.slots[0]) == [86, 87]
    assert problem.slots_per_hour == 2
    assert problem.week_slots == 336


def test_an_hour_may_start_at_the_end_of_the_week() -> None:
    # Sunday 23:30 and Monday 00:00 in half hours.
    free = (1 << 335) | 1
    assert bits_of(hour_long_starts(free, per_hour=2, week_slots=336)) == [335]
    assert hour_long_starts(1 << 10, per_hour=4, week_slots=672) == 0


def test_time_counts_common_starts_in_whole_hours_up_to_a_day() -> None:
    hours = problem_of(Member("a"))
    quarters = problem_of(Member("a"), slot_minutes=15)
    assert [hours.time_hours(n) for n in (0, 1, 24, 100)] == [0, 1, 24, 24]
    assert [quarters.time_hours(n) for n in (1, 4, 5, 96, 200)] == [1, 1, 2, 24, 24]


def test_an_empty_cohort_builds_an_empty_problem() -> None:
    problem = problem_of()
    assert problem.size == 0
    assert build_problem(problem.cohort).ids == ()
