"""The words organizers and members read for the engine's codes."""

import pytest
from circle_matching import Phase, ReasonCode, RoomReason, UnplacedReason

from dm3p.circles.reasons import (
    PHASES,
    ROOM_REASONS,
    reason_for_organizers,
    reason_for_the_member,
)


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (
            UnplacedReason(ReasonCode.TOO_FEW_MEMBERS, min_size=4, compatible=2),
            "not enough compatible members to form a circle of at least 4",
        ),
        (
            UnplacedReason(ReasonCode.NO_COMMON_HOUR, min_size=4),
            "no other member shares any available hour",
        ),
        (
            UnplacedReason(ReasonCode.NO_COMMON_MODE, min_size=4),
            "no other member shares a communication mode",
        ),
        (
            UnplacedReason(ReasonCode.NO_HOUR_AND_MODE, min_size=4),
            "no other member shares both an available hour and a communication mode",
        ),
        (
            UnplacedReason(ReasonCode.ALL_AVOIDED, min_size=4),
            "A constraint applies: no circle fits them",
        ),
        (
            UnplacedReason(
                ReasonCode.TOO_FEW_AT_ANY_HOUR, min_size=5, compatible=6, most_at_one_hour=2
            ),
            "at no hour are 4 compatible members free together with them, so no circle of at "
            "least 5 can meet",
        ),
        (
            UnplacedReason(ReasonCode.CIRCLES_FULL, min_size=4, compatible=9, most_at_one_hour=5),
            "The circles they could join are full or a constraint applies, and too few "
            "compatible members are left to form another",
        ),
    ],
)
def test_reason_for_organizers_words_each_code(reason: UnplacedReason, words: str) -> None:
    assert reason_for_organizers(reason) == words
    assert reason_for_organizers(reason.as_json()) == words


def test_reason_for_the_member_hides_reasons_that_come_from_avoid_lists() -> None:
    avoided = reason_for_organizers(UnplacedReason(ReasonCode.ALL_AVOIDED, min_size=4))
    full = reason_for_organizers(UnplacedReason(ReasonCode.CIRCLES_FULL, min_size=4))
    no_hour = reason_for_organizers(UnplacedReason(ReasonCode.NO_COMMON_HOUR, min_size=4))
    assert reason_for_the_member(avoided) == "Not placed in a circle"
    assert reason_for_the_member(full) == "Not placed in a circle"
    assert reason_for_the_member(no_hour) == "no other member shares any available hour"


def test_every_room_reason_and_phase_has_words() -> None:
    assert set(ROOM_REASONS) == set(RoomReason)
    assert set(PHASES) == set(Phase)
    assert PHASES[Phase.PLACING_EVERYONE] == "Finding places for everyone"
    assert PHASES[Phase.DONE] == "Done"
