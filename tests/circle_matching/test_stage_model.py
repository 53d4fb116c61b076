"""Reading the input: lists become tuples in a stable order, empty means no restriction."""

from __future__ import annotations

import pytest
from circle_matching import Budget, Cohort, GroupSize, InputError, Member, parse_cohort
from circle_matching.model import ProfessionPreference, parse_member


def test_a_member_is_read_with_duplicates_dropped_and_slots_sorted() -> None:
    raw = {
        "id": "m1",
        "stage": "",
        "profession": "nurse",
        "offers": ["exams", "fatigue", "exams"],
        "slots": [40, 3, 40],
        "modes": ["asl"],
        "profession_preference": "similar",
    }
    assert parse_member(raw, position=0) == Member(
        id="m1",
        profession="nurse",
        offers=("exams", "fatigue"),
        slots=(3, 40),
        modes=("asl",),
        profession_preference=ProfessionPreference.SIMILAR,
    )


def test_empty_slots_and_modes_mean_any() -> None:
    member = parse_member({"id": "m1", "slots": [], "modes": []}, position=0)
    assert (member.slots, member.modes) == (None, None)


def test_a_cohort_takes_its_defaults() -> None:
    cohort = parse_cohort({"members": [{"id": "m1"}]})
    assert cohort == Cohort(members=(Member("m1"),))
    assert (cohort.group_size, cohort.seed, cohort.time_limit_s) == (GroupSize(4, 6), 0, 120.0)
    assert cohort.budget == Budget()
    assert cohort.week_slots == 168


def test_a_cohort_in_quarter_hours_has_a_longer_week() -> None:
    cohort = parse_cohort({"slot_minutes": 15, "members": [{"id": "m1", "slots": [671]}]})
    assert cohort.week_slots == 672
    assert cohort.members[0].slots == (671,)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"members": [], "seed": True}, 'field "seed": expected a whole number, got True'),
        ({"members": [], "time_limit_s": 0}, 'field "time_limit_s": expected a number above 0'),
        ({"members": [], "group_size": {"min": 1}}, 'field "group_size.min": expected a whole'),
        ({"members": [], "budget": {"anneal_steps": -1}}, 'field "budget.anneal_steps"'),
        ({"members": [{"id": "m1", "avoid": "m2"}]}, 'member "m1" (members[0]), field "avoid"'),
    ],
)
def test_bad_input_names_the_field(raw: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_cohort(raw)
    assert str(refused.value).startswith(message)
