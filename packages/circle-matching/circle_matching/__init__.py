"""Forming mutual-mentorship circles and breakout rooms (README.md).

Plain Python, no web framework: build a `Cohort` (or parse one from JSON with
`parse_cohort`), call `match_circles`, and read its `groups()` and `unplaced()`; or give
a `Gathering` to `assign_rooms`. The command line (`python -m circle_matching`) reads and
writes the same JSON. Reasons and progress phases are codes: the caller writes the words.
"""

from .audit import (
    QualityFigures,
    RuleBreak,
    RuleBreakCode,
    hard_rule_violations,
    quality_figures,
    rule_breaks,
)
from .baselines import ExactOutcome, exact_circles, greedy_only, greedy_with_swaps, random_circles
from .engine import (
    Group,
    MatchOutcome,
    Phase,
    ProgressCallback,
    circles_output,
    describe_circles,
    match_circles,
)
from .model import (
    Budget,
    Cohort,
    GroupSize,
    InputError,
    Member,
    ProfessionPreference,
    parse_cohort,
)
from .reasons import ReasonCode, Unplaced, UnplacedReason
from .relax import Explanation, Relaxation, Suggestion, explain_unplaced
from .rooms import (
    Attendee,
    Gathering,
    Room,
    RoomReason,
    RoomsOutcome,
    assign_rooms,
    parse_gathering,
    rooms_output,
)
from .score import AssignmentValue

__all__ = [
    "AssignmentValue",
    "Attendee",
    "Budget",
    "Cohort",
    "ExactOutcome",
    "Explanation",
    "Gathering",
    "Group",
    "GroupSize",
    "InputError",
    "MatchOutcome",
    "Member",
    "Phase",
    "ProfessionPreference",
    "ProgressCallback",
    "QualityFigures",
    "ReasonCode",
    "Relaxation",
    "Room",
    "RoomReason",
    "RoomsOutcome",
    "RuleBreak",
    "RuleBreakCode",
    "Suggestion",
    "Unplaced",
    "UnplacedReason",
    "assign_rooms",
    "circles_output",
    "describe_circles",
    "exact_circles",
    "explain_unplaced",
    "greedy_only",
    "greedy_with_swaps",
    "hard_rule_violations",
    "match_circles",
    "parse_cohort",
    "parse_gathering",
    "quality_figures",
    "random_circles",
    "rooms_output",
    "rule_breaks",
]
