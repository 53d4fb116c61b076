"""Plain-language reasons why a member was left out of every circle.

Reasons are for organizers. They never name another member, so nobody's avoid list or
availability is revealed through them.
"""

from __future__ import annotations

from dm3p.circles.matching.problem import Problem, bits_of

NO_COMMON_HOUR = "no other member shares any available hour"
NO_COMMON_MODE = "no other member shares a communication mode"
NO_HOUR_AND_MODE = "no other member shares both an available hour and a communication mode"
ALL_AVOIDED = (
    "everyone who could join a circle with them is on their avoid list (or has them on theirs)"
)


def too_few_members(min_size: int) -> str:
    return f"not enough compatible members to form a circle of at least {min_size}"


def too_few_at_any_hour(min_size: int) -> str:
    return (
        f"at no hour are {min_size - 1} compatible members free together with them, "
        f"so no circle of at least {min_size} can meet"
    )


CIRCLES_FULL = (
    "the circles they could join are full or include someone they must not meet, and too "
    "few compatible members are left to form another"
)


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


def unassigned_reason(problem: Problem, member: int) -> str:
    others = [other for other in range(problem.size) if other != member]
    if len(others) + 1 < problem.min_size:
        return too_few_members(problem.min_size)
    hour_mates = [o for o in others if problem.slots[o] & problem.slots[member]]
    if not hour_mates:
        return NO_COMMON_HOUR
    mode_mates = [o for o in others if problem.modes[o] & problem.modes[member]]
    if not mode_mates:
        return NO_COMMON_MODE
    compatible = [o for o in hour_mates if problem.modes[o] & problem.modes[member]]
    if not compatible:
        return NO_HOUR_AND_MODE
    company = [o for o in compatible if o not in problem.avoid[member]]
    if not company:
        return ALL_AVOIDED
    if len(company) + 1 < problem.min_size:
        return too_few_members(problem.min_size)
    if _best_hour_company(problem, member, company) + 1 < problem.min_size:
        return too_few_at_any_hour(problem.min_size)
    return CIRCLES_FULL
