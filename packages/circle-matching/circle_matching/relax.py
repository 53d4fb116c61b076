"""What would help a member left out: each circle re-checked with one hard rule relaxed at a
time, as codes and figures (the caller writes the words).

For every member in no circle, and every circle, the rules the member breaks by joining it
are found: the circle is full (size), they share no hour with it (hours), or no way to take
part (modes), or one of them is on an avoid list with the other (avoid). A circle that only
one rule keeps them out of is a suggestion: "the circle fits them as it is" (no rule), "one
more hour of availability, at this start, would let them join" (hours: the start the circle
shares that lies nearest the member's own times), "accepting one of these modes would" (modes)
or "one more place in the circle would" (size).

Avoid lists are never revealed, not even indirectly: relaxing the avoid rule is never
suggested, and a circle where an avoid pair is one of the rules in the way gives no
suggestion at all (the reason stays the member's cohort-wide one, in which avoid lists read
only as a constraint). Profession preference and the other soft goals never keep anyone out,
so relaxing them is never suggested.

Cost: O(N + U * C * (K + W)) for N members, U of them left out, C circles of at most K
members and W slots in a week (168, 336 or 672): for each pair of a member left out and a
circle, a fixed number of bit-mask checks, an avoid check over the circle and, where an hour
is the one rule in the way, a pass over the circle's hours; plus, for each member left out,
two passes over the week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .model import Cohort
from .problem import Problem, bits_of, build_problem
from .reasons import UnplacedReason, unassigned_reason


class Relaxation(StrEnum):
    """The one rule that, relaxed, lets a member join a circle (in the order suggested)."""

    NONE = "none"  # nothing: the circle fits them as it is
    HOUR = "hour"  # one more hour of availability
    MODE = "mode"  # accepting one more way to take part
    SIZE = "size"  # one more place in the circle


@dataclass(frozen=True, slots=True)
class Suggestion:
    """`group` is the circle's position among the circles given. `slot` (for `HOUR`) is a
    slot at which a meeting of an hour can start for the whole circle, the nearest to the
    member's own times (with finer slots, the hour runs on from it); `modes` (for `MODE`) are
    the modes the whole circle can use, any of which would do."""

    relaxation: Relaxation
    group: int
    slot: int | None = None
    modes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "relaxation": self.relaxation.value,
            "group": self.group,
            "slot": self.slot,
            "modes": list(self.modes),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """A member in no circle: the first rule that stops them in the whole cohort (their
    `UnplacedReason`) and the circles that one relaxed rule would open to them."""

    id: str
    reason: UnplacedReason
    suggestions: tuple[Suggestion, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "reason": self.reason.as_json(),
            "suggestions": [item.as_json() for item in self.suggestions],
        }


_ORDER = list(Relaxation)


def _distances(problem: Problem, member: int) -> list[int]:
    """For each slot of the week, how many slots away the member's nearest free one is (in
    either direction, across the end of the week); 0 inside their times."""
    week = problem.week_slots
    free = problem.free[member]
    far = week  # no free slot at all (cannot happen: no slots listed means free always)
    distance = [0 if free >> slot & 1 else far for slot in range(week)]
    for _ in range(2):  # two rounds around the week settle the wrap-around
        for slot in range(week):
            distance[slot] = min(distance[slot], distance[slot - 1] + 1)
        for slot in range(week - 1, -1, -1):
            distance[slot] = min(distance[slot], distance[(slot + 1) % week] + 1)
    return distance


@dataclass(frozen=True, slots=True)
class _Circle:
    members: frozenset[int]
    starts: int  # meeting starts every member has
    modes: int  # modes every member can use
    full: bool  # at its largest size already (or past it)
    room_for_one_more: bool  # exactly at its largest size: one more place would do


def _circle(problem: Problem, members: list[int]) -> _Circle:
    starts, modes = (1 << problem.week_slots) - 1, (1 << (len(problem.mode_names) + 1)) - 1
    for member in members:
        starts &= problem.slots[member]
        modes &= problem.modes[member]
    size = len(members)
    return _Circle(
        frozenset(members),
        starts,
        modes,
        full=size >= problem.max_size,
        room_for_one_more=size == problem.max_size,
    )


def _suggestion(
    problem: Problem, member: int, index: int, circle: _Circle, distance: list[int] | None
) -> tuple[Suggestion | None, list[int] | None]:
    """The suggestion `circle` makes for `member`, if exactly one rule other than avoid
    keeps them out (and relaxing it alone would let them in); the member's distances to
    their free slots, worked out on first need."""
    if circle.members & problem.avoid[member]:
        return None, distance  # never a word about a circle an avoid list keeps them from
    hour_blocks = not problem.slots[member] & circle.starts
    mode_blocks = not problem.modes[member] & circle.modes
    blocking = [hour_blocks, mode_blocks, circle.full]
    if sum(blocking) > 1:
        return None, distance
    if not any(blocking):
        return Suggestion(Relaxation.NONE, index), distance
    if circle.full:
        if not circle.room_for_one_more:
            return None, distance
        return Suggestion(Relaxation.SIZE, index), distance
    if mode_blocks:
        named = circle.modes & ~problem.any_mode
        if not named:
            return None, distance
        names = tuple(problem.mode_names[bit] for bit in bits_of(named))
        return Suggestion(Relaxation.MODE, index, modes=names), distance
    if not circle.starts:
        return None, distance  # the circle has no hour itself: no hour of theirs would do
    if distance is None:
        distance = _distances(problem, member)
    nearest = min(bits_of(circle.starts), key=lambda slot: (distance[slot], slot))
    return Suggestion(Relaxation.HOUR, index, slot=nearest), distance


def explain_unplaced(cohort: Cohort, groups: Sequence[Sequence[str]]) -> list[Explanation]:
    """For each member of `cohort` in none of `groups` (circles as lists of member ids,
    every id one of the cohort's), in the cohort's order: why they are left out and which
    circles one relaxed rule would open to them, circles that fit as they are first, then
    by rule (hours, modes, size) and circle."""
    problem = build_problem(cohort)
    position = {member_id: index for index, member_id in enumerate(problem.ids)}
    circles = [_circle(problem, [position[m] for m in group]) for group in groups]
    placed = {position[m] for group in groups for m in group}
    explained = []
    for member in range(problem.size):
        if member in placed:
            continue
        distance: list[int] | None = None
        suggestions = []
        for index, circle in enumerate(circles):
            if not circle.members:
                continue  # an empty circle says nothing about who fits
            suggestion, distance = _suggestion(problem, member, index, circle, distance)
            if suggestion is not None:
                suggestions.append(suggestion)
        suggestions.sort(key=lambda item: (_ORDER.index(item.relaxation), item.group))
        explained.append(
            Explanation(problem.ids[member], unassigned_reason(problem, member), tuple(suggestions))
        )
    return explained
