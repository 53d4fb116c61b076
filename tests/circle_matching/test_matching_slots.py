"""Half- and quarter-hour slots (``"slot_minutes"``), for members in zones a half or three
quarters of an hour off UTC: their times are kept exact, and a circle still needs a whole
hour in common."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from circle_matching.audit import hard_rule_violations
from circle_matching.cli import main
from circle_matching.engine import circles_output, match_circles
from circle_matching.model import GroupSize, Member, parse_cohort
from circle_matching.problem import build_problem
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.circle_matching.test_matching_rules import cohorts

FAST_EXACT = {"exact_up_to": 30, "exact_deterministic_time": 0.3}
# Tuesday 19:30 to 21:30 UTC in half hours (Monday 00:00 is 0): 48 a day.
TUESDAY_1930_TO_2130 = [87, 88, 89, 90]


def _output(members: list[dict[str, Any]], slot_minutes: int, low: int = 2) -> dict[str, Any]:
    raw = {
        "group_size": {"min": low, "max": 4},
        "slot_minutes": slot_minutes,
        "budget": FAST_EXACT,
        "members": members,
    }
    return circles_output(match_circles(parse_cohort(raw)))


def _errors(raw: dict[str, Any]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([], stdin=io.StringIO(json.dumps(raw)), stdout=out, stderr=err)
    return code, err.getvalue()


def test_half_hour_slots_place_people_who_share_exactly_their_half_hours() -> None:
    members = [
        {"id": "kolkata", "slots": [86, *TUESDAY_1930_TO_2130]},  # from 19:00
        {"id": "adelaide", "slots": [*TUESDAY_1930_TO_2130, 91, 92]},  # to 22:30
        {"id": "st-johns", "slots": TUESDAY_1930_TO_2130},
        {"id": "elsewhere", "slots": [200, 201, 202]},
    ]
    output = _output(members, 30, low=3)
    assert [group["members"] for group in output["groups"]] == [["kolkata", "adelaide", "st-johns"]]
    assert output["groups"][0]["common_slots"] == TUESDAY_1930_TO_2130
    assert output["unassigned"] == [
        {
            "id": "elsewhere",
            "reason": {
                "code": "no_common_hour",
                "min_size": 3,
                "compatible": 0,
                "most_at_one_hour": 0,
            },
        }
    ]


def test_a_shared_half_hour_alone_is_not_enough_for_a_circle() -> None:
    """Free 19:00 to 20:00 and 19:30 to 20:30: only 19:30 to 20:00 is shared."""
    output = _output([{"id": "a", "slots": [86, 87]}, {"id": "b", "slots": [87, 88]}], 30)
    assert output["groups"] == []
    assert {item["id"] for item in output["unassigned"]} == {"a", "b"}


def test_a_shared_hour_may_run_across_the_end_of_the_week() -> None:
    """Sunday 23:30 to Monday 00:30 UTC is an hour: half hours 335 and 0."""
    output = _output([{"id": "a", "slots": [334, 335, 0]}, {"id": "b", "slots": [335, 0, 1]}], 30)
    assert [group["members"] for group in output["groups"]] == [["a", "b"]]
    assert output["groups"][0]["common_slots"] == [0, 335]


def test_quarter_hour_slots_keep_three_quarter_hour_zones_exact() -> None:
    """Kathmandu 7 to 9 pm is 13:15 to 15:15 UTC: quarter hours 53 to 60 of Monday."""
    kathmandu = list(range(53, 61))
    output = _output(
        [{"id": "kathmandu", "slots": kathmandu}, {"id": "utc", "slots": list(range(52, 60))}], 15
    )
    assert [group["members"] for group in output["groups"]] == [["kathmandu", "utc"]]
    assert output["groups"][0]["common_slots"] == list(range(53, 60))


def test_whole_hours_stay_the_default() -> None:
    cohort = parse_cohort({"members": [{"id": "a", "slots": [18]}]})
    assert (cohort.slot_minutes, cohort.week_slots) == (60, 168)
    assert build_problem(cohort).slots == build_problem(cohort).free == (1 << 18,)


def test_meeting_starts_are_the_slots_an_hour_fits_after() -> None:
    cohort = parse_cohort(
        {"slot_minutes": 30, "members": [{"id": "a", "slots": [10, 11, 12, 20, 335, 0]}]}
    )
    problem = build_problem(cohort)
    assert [bit for bit in range(336) if problem.slots[0] >> bit & 1] == [10, 11, 335]


@pytest.mark.parametrize("value", [20, 0, "30", None, 90])
def test_an_unknown_slot_length_is_refused(value: object) -> None:
    code, err = _errors({"slot_minutes": value, "members": []})
    assert code == 2
    assert err == (f'error: field "slot_minutes": expected one of [60, 30, 15], got {value!r}\n')


@pytest.mark.parametrize(
    ("minutes", "slot", "words"),
    [
        (30, 336, "half hours of the week from 0 to 335"),
        (15, 672, "quarter hours of the week from 0 to 671"),
    ],
)
def test_a_slot_beyond_the_week_names_the_slot_length(minutes: int, slot: int, words: str) -> None:
    code, err = _errors({"slot_minutes": minutes, "members": [{"id": "m1", "slots": [slot]}]})
    assert code == 2
    where = 'member "m1" (members[0]), field "slots"'
    assert err == f"error: {where}: expected a list of {words}, got [{slot}]\n"


def test_the_audit_counts_a_shared_half_hour_as_no_common_hour() -> None:
    members = [Member(id="a", slots=(86, 87)), Member(id="b", slots=(87, 88))]
    output = {
        "groups": [{"members": ["a", "b"], "common_slots": [87], "common_modes": []}],
        "unassigned": [],
    }
    assert hard_rule_violations(members, GroupSize(2, 2), output, slot_minutes=30) == [
        "group 0: no common hour"
    ]
    assert hard_rule_violations(members, GroupSize(2, 2), output) == []


@settings(max_examples=30, derandomize=True, deadline=None)
@given(cohorts(), st.sampled_from([30, 15]), st.data())
def test_finer_slots_never_break_a_hard_rule(
    raw: dict[str, Any], slot_minutes: int, data: st.DataObject
) -> None:
    """The same cohorts as the whole-hour rules, each hour split into finer slots, some of
    them trimmed by one slot at either end (so that some shared time is under an hour)."""
    per_hour = 60 // slot_minutes
    members = []
    for member in raw["members"]:
        if member.get("slots"):
            finer = sorted(h * per_hour + part for h in member["slots"] for part in range(per_hour))
            trim = data.draw(st.sampled_from([slice(None), slice(1, None), slice(None, -1)]))
            member = {**member, "slots": finer[trim]}
        members.append(member)
    cohort = parse_cohort({**raw, "slot_minutes": slot_minutes, "members": members})
    output = circles_output(match_circles(cohort))
    assert (
        hard_rule_violations(cohort.members, cohort.group_size, output, slot_minutes=slot_minutes)
        == []
    )
