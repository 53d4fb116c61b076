"""The words for what the matching engine reports in codes: why someone was left out of
every circle or breakout room (the words for a run's phases are RunPhase's labels).

Organizers read why someone was left out; where the reason comes from an avoid list, which
is private, they read only that a constraint applies, and the member's own data export says
no more than that they weren't placed.
"""

from collections.abc import Mapping

from circle_matching import ReasonCode, RoomReason, UnplacedReason

TAKEN_OUT = "Taken out of the circles by an organizer"
CONSTRAINT = "A constraint applies: no circle fits them"
FULL_OR_CONSTRAINT = (
    "The circles they could join are full or a constraint applies, and too few compatible "
    "members are left to form another"
)
NOT_PLACED = "Not placed in a circle"


def _unplaced_words(reason: UnplacedReason) -> str:
    match reason.code:
        case ReasonCode.TOO_FEW_MEMBERS:
            return f"not enough compatible members to form a circle of at least {reason.min_size}"
        case ReasonCode.NO_COMMON_HOUR:
            return "no other member shares any available hour"
        case ReasonCode.NO_COMMON_MODE:
            return "no other member shares a communication mode"
        case ReasonCode.NO_HOUR_AND_MODE:
            return "no other member shares both an available hour and a communication mode"
        case ReasonCode.ALL_AVOIDED:
            return CONSTRAINT
        case ReasonCode.TOO_FEW_AT_ANY_HOUR:
            return (
                f"at no hour are {reason.min_size - 1} compatible members free together with "
                f"them, so no circle of at least {reason.min_size} can meet"
            )
        case ReasonCode.CIRCLES_FULL:
            return FULL_OR_CONSTRAINT


def reason_for_organizers(engine_reason: UnplacedReason | Mapping[str, object]) -> str:
    """What organizers read (and the round stores) for a member the engine left out; takes
    the engine's reason or its JSON form (the `reason` of an `unassigned` entry)."""
    if not isinstance(engine_reason, UnplacedReason):
        engine_reason = UnplacedReason.from_json(engine_reason)
    return _unplaced_words(engine_reason)


def reason_for_the_member(stored: str) -> str:
    return NOT_PLACED if stored in {CONSTRAINT, FULL_OR_CONSTRAINT} else stored


ROOM_REASONS = {
    RoomReason.NO_ROOMS: "there are no breakout rooms",
    RoomReason.NO_INTERPRETER_ROOM: "no room has an interpreter",
    RoomReason.INTERPRETER_ROOMS_FULL: "every room with an interpreter is full",
    RoomReason.ALL_ROOMS_FULL: "every room is full",
}
# Reasons that would say someone asked for interpretation: organizers who don't coordinate
# access see only how many people they apply to.
INTERPRETER_REASONS = {
    ROOM_REASONS[RoomReason.NO_INTERPRETER_ROOM],
    ROOM_REASONS[RoomReason.INTERPRETER_ROOMS_FULL],
}
