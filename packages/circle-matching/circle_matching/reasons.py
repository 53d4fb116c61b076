"""Why a member was left out of every circle, as a code with details; the caller writes
the words.

Reasons are for organizers. They never name another member, so nobody's avoid list or
availability is revealed through them: the details are counts and the rule's own figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum

from .problem import Problem, bits_of


class ReasonCode(StrEnum):
    """The first hard rule, checked in this order, that stops a member from being placed."""

    # Fewer compatible members in the cohort (or the whole cohort) than the smallest circle.
    TOO_FEW_MEMBERS = "too_few_members"
    # Nobody else is free at any hour they are.
    NO_COMMON_HOUR = "no_common_hour"
    # Nobody else can use any of their modes.
    NO_COMMON_MODE = "no_common_mode"
    # Some share an hour, others a mode, but nobody both.
    NO_HOUR_AND_MODE = "no_hour_and_mode"
    # Avoid lists are what stop them: everyone who shares an hour and a mode is on an avoid
    # list with them (either way), or without avoid lists a later rule would let them pass.
    ALL_AVOIDED = "all_avoided"
    # Enough compatible members, but never enough of them free at one hour.
    TOO_FEW_AT_ANY_HOUR = "too_few_at_any_hour"
    # A circle could have held them, but the circles formed are full or hold someone they
    # must not meet, and too few are left over to form another.
    CIRCLES_FULL = "circles_full"


@dataclass(frozen=True, slots=True)
class UnplacedReason:
    """A reason code and the figures behind it.

    `min_size` is the smallest circle allowed; `compatible` counts the other members who
    share an hour and a mode with this one and are on no avoid list with them (0 when an
    earlier rule stopped them); `most_at_one_hour` is the most of those free together at one
    hour with one mode in common (0 unless counted, that is for the last two codes)."""

    code: ReasonCode
    min_size: int
    compatible: int = 0
    most_at_one_hour: int = 0

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "code": self.code.value}

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> UnplacedReason:
        """Read back what `as_json` wrote (the `reason` of an `unassigned` entry)."""
        code, min_size = raw["code"], raw["min_size"]
        compatible, most = raw.get("compatible", 0), raw.get("most_at_one_hour", 0)
        if not (
            isinstance(code, str)
            and isinstance(min_size, int)
            and isinstance(compatible, int)
            and isinstance(most, int)
        ):
            raise ValueError(f"not a reason: {raw!r}")
        return cls(ReasonCode(code), min_size, compatible, most)


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A member left out of every circle (by id), and why."""

    id: str
    reason: UnplacedReason


def _best_hour_company(problem: Problem, member: int, company: list[int]) -> int:
    """Most compatible members free at one hour of `member` and sharing one mode."""
    best = 0
    for hour in bits_of(problem.slots[member]):
        free = [other for other in company if problem.slots[other] >> hour & 1]
        if len(free) <= best:
            continue
        for mode in bits_of(problem.modes[member]):
            sharing = sum(1 for other in free if problem.modes[other] >> mode & 1)
            best = max(best, sharing)
    return best


def unassigned_reason(problem: Problem, member: int) -> UnplacedReason:
    """The first rule that stops `member` (a position in the problem) from joining a circle,
    or `CIRCLES_FULL` when none does on its own."""
    low = problem.min_size
    others = [other for other in range(problem.size) if other != member]
    if len(others) + 1 < low:
        return UnplacedReason(ReasonCode.TOO_FEW_MEMBERS, low)
    hour_mates = [o for o in others if problem.slots[o] & problem.slots[member]]
    if not hour_mates:
        return UnplacedReason(ReasonCode.NO_COMMON_HOUR, low)
    mode_mates = [o for o in others if problem.modes[o] & problem.modes[member]]
    if not mode_mates:
        return UnplacedReason(ReasonCode.NO_COMMON_MODE, low)
    compatible = [o for o in hour_mates if problem.modes[o] & problem.modes[member]]
    if not compatible:
        return UnplacedReason(ReasonCode.NO_HOUR_AND_MODE, low)
    # From here on, a rule that fails only because of avoid lists is told as ALL_AVOIDED, so
    # neither the code nor its figures say anything an avoid list alone decided.
    company = [o for o in compatible if o not in problem.avoid[member]]
    if not company:
        return UnplacedReason(ReasonCode.ALL_AVOIDED, low)
    if len(company) + 1 < low:
        if len(compatible) + 1 >= low:
            return UnplacedReason(ReasonCode.ALL_AVOIDED, low)
        return UnplacedReason(ReasonCode.TOO_FEW_MEMBERS, low, len(company))
    most = _best_hour_company(problem, member, company)
    if most + 1 < low:
        if _best_hour_company(problem, member, compatible) + 1 >= low:
            return UnplacedReason(ReasonCode.ALL_AVOIDED, low)
        return UnplacedReason(ReasonCode.TOO_FEW_AT_ANY_HOUR, low, len(company), most)
    return UnplacedReason(ReasonCode.CIRCLES_FULL, low, len(company), most)
