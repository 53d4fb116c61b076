"""The JSON contract of MATCHING.md, through the command line and in-process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from circle_matching.cli import main

REPO_ROOT = Path(__file__).resolve().parents[3]
FAST_EXACT = {"exact_up_to": 30, "exact_deterministic_time": 0.5}


def _run_cli(arguments: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "circle_matching", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=60,
    )


def _run_in_process(raw: object, arguments: tuple[str, ...] = ()) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(arguments), stdin=io.StringIO(json.dumps(raw)), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _member(member_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": member_id, **fields}


SMALL_COHORT: dict[str, Any] = {
    "group_size": {"min": 2, "max": 3},
    "seed": 0,
    "budget": FAST_EXACT,
    "members": [
        _member("m1", offers=["exams"], seeks=["disclosure"], slots=[18, 19], modes=["asl"]),
        _member("m2", offers=["disclosure"], seeks=["exams"], slots=[19, 20]),
        _member("m3", slots=[100], modes=["spoken-english"]),
    ],
}


def test_matching_cli_writes_the_documented_output() -> None:
    result = _run_cli([], json.dumps(SMALL_COHORT))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    seconds = output["stats"].pop("seconds")
    assert isinstance(seconds, float)
    assert output == {
        "groups": [
            {
                "members": ["m1", "m2"],
                "common_slots": [19],
                "common_modes": ["asl"],
                "covered": {"m1": {"disclosure": ["m2"]}, "m2": {"exams": ["m1"]}},
            }
        ],
        "unassigned": [
            {
                "id": "m3",
                "reason": {
                    "code": "no_common_hour",
                    "min_size": 2,
                    "compatible": 0,
                    "most_at_one_hour": 0,
                },
            }
        ],
        "stats": {"solver": "cp-sat", "optimal": True},
    }


def test_matching_cli_rooms_mode_writes_rooms() -> None:
    gathering = {
        "rooms": [{"id": "r1", "topic": "exams", "capacity": 2, "interpreter": True}],
        "attendees": [{"id": "a1", "choices": ["exams"], "needs_interpreter": True}],
    }
    result = _run_cli(["rooms"], json.dumps(gathering))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "rooms": [{"id": "r1", "members": ["a1"]}],
        "unassigned": [],
    }


def test_matching_cli_rejects_bad_json_on_stderr() -> None:
    result = _run_cli([], "{not json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: input is not valid JSON")


def test_matching_cli_rejects_unknown_mode() -> None:
    result = _run_cli(["shuffle"], "{}")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m circle_matching")


def test_matching_wrong_type_names_member_and_field() -> None:
    raw = {"members": [_member("m1"), _member("m2", slots=["Monday evening"])]}
    code, out, err = _run_in_process(raw)
    assert (code, out) == (2, "")
    assert err == (
        'error: member "m2" (members[1]), field "slots": expected a list of whole hours of '
        "the week from 0 to 167, got ['Monday evening']\n"
    )


def test_matching_slot_out_of_range_is_rejected() -> None:
    code, _, err = _run_in_process({"members": [_member("m1", slots=[168])]})
    assert code == 2
    assert err.startswith('error: member "m1" (members[0]), field "slots"')


def test_matching_duplicate_ids_are_rejected() -> None:
    raw = {"members": [_member("m1"), _member("m2"), _member("m1")]}
    code, _, err = _run_in_process(raw)
    assert code == 2
    assert err == (
        'error: member "m1" (members[2]), field "id": duplicate id, first used at members[0]\n'
    )


def test_matching_min_above_max_is_rejected() -> None:
    code, _, err = _run_in_process({"group_size": {"min": 5, "max": 4}, "members": []})
    assert code == 2
    assert err == 'error: field "group_size": min (5) is greater than max (4)\n'


def test_matching_missing_id_names_the_position() -> None:
    code, _, err = _run_in_process({"members": [{"stage": "resident"}]})
    assert code == 2
    assert err == (
        'error: member at members[0], field "id": expected a non-empty string, got None\n'
    )


def test_matching_bad_preference_is_rejected() -> None:
    raw = {"members": [_member("m1", profession_preference="same")]}
    code, _, err = _run_in_process(raw)
    assert code == 2
    assert err == (
        'error: member "m1" (members[0]), field "profession_preference": expected one of '
        "['mixed', 'similar'], got 'same'\n"
    )


def test_matching_members_must_be_a_list() -> None:
    code, _, err = _run_in_process({"members": {"m1": {}}})
    assert code == 2
    assert err == "error: field \"members\": expected a list, got {'m1': {}}\n"


def test_matching_empty_cohort_gives_empty_output() -> None:
    code, out, _ = _run_in_process({"members": []})
    output = json.loads(out)
    assert code == 0
    assert (output["groups"], output["unassigned"]) == ([], [])


def test_matching_rooms_duplicate_attendee_is_rejected() -> None:
    raw = {"rooms": [], "attendees": [{"id": "a1"}, {"id": "a1"}]}
    code, _, err = _run_in_process(raw, ("rooms",))
    assert code == 2
    assert err == (
        'error: attendee "a1" (attendees[1]), field "id": duplicate id, first used at '
        "attendees[0]\n"
    )


def test_matching_rooms_bad_capacity_names_the_room() -> None:
    raw = {"rooms": [{"id": "r1", "capacity": "eight"}], "attendees": []}
    code, _, err = _run_in_process(raw, ("rooms",))
    assert code == 2
    assert err == (
        'error: room "r1" (rooms[0]), field "capacity": expected a whole number of at least 0, '
        "got 'eight'\n"
    )
