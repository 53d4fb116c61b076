"""Independent checks of an output against its cohort: hard-rule violations and the
figures the bench reports. Works from ids and the raw member data, not from the engine's
internal structures, so that a bug there cannot hide itself here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .model import MINUTES_PER_WEEK, GroupSize, Member


def _holds_an_hour(slots: set[int], slot_minutes: int) -> bool:
    """Whether some whole hour (consecutive slots, across the end of the week too) is in
    ``slots``."""
    week = MINUTES_PER_WEEK // slot_minutes
    per_hour = 60 // slot_minutes
    return any(all((start + step) % week in slots for step in range(per_hour)) for start in slots)


class RuleBreakCode(StrEnum):
    """Which hard rule an output breaks."""

    UNKNOWN_MEMBER = "unknown_member"
    PLACED_TWICE = "placed_twice"
    SIZE = "size"
    AVOID_PAIR = "avoid_pair"
    NO_COMMON_HOUR = "no_common_hour"
    COMMON_SLOTS_WRONG = "common_slots_wrong"
    NO_COMMON_MODE = "no_common_mode"
    COMMON_MODES_WRONG = "common_modes_wrong"
    PLACED_AND_UNASSIGNED = "placed_and_unassigned"
    UNASSIGNED_WITHOUT_REASON = "unassigned_without_reason"
    NEITHER_PLACED_NOR_UNASSIGNED = "neither_placed_nor_unassigned"


@dataclass(frozen=True, slots=True)
class RuleBreak:
    """One broken hard rule: its code, the group it is in (None for the output as a whole),
    and the ids and figures it concerns. ``str()`` gives a line for logs and the bench."""

    code: RuleBreakCode
    group: int | None = None
    ids: tuple[str, ...] = ()
    size: int = 0
    other_group: int = 0

    def __str__(self) -> str:
        where = f"group {self.group}: " if self.group is not None else ""
        first = self.ids[0] if self.ids else ""
        match self.code:
            case RuleBreakCode.UNKNOWN_MEMBER:
                what = f"unknown member {first}"
            case RuleBreakCode.PLACED_TWICE:
                what = f"{first} already in group {self.other_group}"
            case RuleBreakCode.SIZE:
                what = f"size {self.size} outside the allowed range"
            case RuleBreakCode.AVOID_PAIR:
                what = f"avoid pair {', '.join(self.ids)}"
            case RuleBreakCode.NO_COMMON_HOUR:
                what = "no common hour"
            case RuleBreakCode.COMMON_SLOTS_WRONG:
                what = "common_slots do not match the members' hours"
            case RuleBreakCode.NO_COMMON_MODE:
                what = "no common mode"
            case RuleBreakCode.COMMON_MODES_WRONG:
                what = "common_modes do not match the members' modes"
            case RuleBreakCode.PLACED_AND_UNASSIGNED:
                what = f"{first} is both in a group and unassigned"
            case RuleBreakCode.UNASSIGNED_WITHOUT_REASON:
                what = f"{first} is unassigned without a reason"
            case RuleBreakCode.NEITHER_PLACED_NOR_UNASSIGNED:
                what = f"neither placed nor unassigned: {', '.join(self.ids)}"
        return where + what


def rule_breaks(
    members: Sequence[Member],
    group_size: GroupSize,
    output: Mapping[str, Any],
    *,
    slot_minutes: int = 60,
) -> list[RuleBreak]:
    """Every broken hard rule; empty when the output is valid. Slots are hours of the
    week, or half or quarter hours with ``slot_minutes`` 30 or 15."""
    every_slot = range(MINUTES_PER_WEEK // slot_minutes)
    by_id = {member.id: member for member in members}
    breaks: list[RuleBreak] = []
    seen: dict[str, int] = {}
    for number, group in enumerate(output["groups"]):
        ids: list[str] = group["members"]
        for member_id in ids:
            if member_id not in by_id:
                breaks.append(RuleBreak(RuleBreakCode.UNKNOWN_MEMBER, number, (member_id,)))
            elif member_id in seen:
                breaks.append(
                    RuleBreak(
                        RuleBreakCode.PLACED_TWICE,
                        number,
                        (member_id,),
                        other_group=seen[member_id],
                    )
                )
            seen.setdefault(member_id, number)
        people = [by_id[i] for i in ids if i in by_id]
        if not group_size.min <= len(ids) <= group_size.max:
            breaks.append(RuleBreak(RuleBreakCode.SIZE, number, size=len(ids)))
        for position, person in enumerate(people):
            for other in people[position + 1 :]:
                if other.id in person.avoid or person.id in other.avoid:
                    breaks.append(
                        RuleBreak(RuleBreakCode.AVOID_PAIR, number, (person.id, other.id))
                    )
        hours = set(every_slot)
        for person in people:
            if person.slots is not None:
                hours &= set(person.slots)
        if not _holds_an_hour(hours, slot_minutes):
            breaks.append(RuleBreak(RuleBreakCode.NO_COMMON_HOUR, number))
        if sorted(hours) != sorted(group["common_slots"]):
            breaks.append(RuleBreak(RuleBreakCode.COMMON_SLOTS_WRONG, number))
        listed = [set(person.modes) for person in people if person.modes is not None]
        modes = set.intersection(*listed) if listed else set()
        if listed and not modes:
            breaks.append(RuleBreak(RuleBreakCode.NO_COMMON_MODE, number))
        if sorted(modes) != sorted(group["common_modes"]):
            breaks.append(RuleBreak(RuleBreakCode.COMMON_MODES_WRONG, number))
    for item in output["unassigned"]:
        if item["id"] in seen:
            breaks.append(RuleBreak(RuleBreakCode.PLACED_AND_UNASSIGNED, ids=(item["id"],)))
        seen.setdefault(item["id"], -1)
        if not item.get("reason"):
            breaks.append(RuleBreak(RuleBreakCode.UNASSIGNED_WITHOUT_REASON, ids=(item["id"],)))
    missing = tuple(member.id for member in members if member.id not in seen)
    if missing:
        breaks.append(RuleBreak(RuleBreakCode.NEITHER_PLACED_NOR_UNASSIGNED, ids=missing[:5]))
    return breaks


def hard_rule_violations(
    members: Sequence[Member],
    group_size: GroupSize,
    output: Mapping[str, Any],
    *,
    slot_minutes: int = 60,
) -> list[str]:
    """``rule_breaks`` as one line each, for logs and the bench."""
    return [str(b) for b in rule_breaks(members, group_size, output, slot_minutes=slot_minutes)]


@dataclass(frozen=True, slots=True)
class QualityFigures:
    placed: int
    unassigned: int
    coverage: int
    coverage_upper_bound: int
    mutual: int
    mixing: float
    repeats: int

    @property
    def coverage_share(self) -> float:
        return self.coverage / self.coverage_upper_bound if self.coverage_upper_bound else 1.0


def coverage_upper_bound(members: Sequence[Member]) -> int:
    """Topics each member seeks that anyone else in the cohort offers."""
    offered_by: dict[str, set[str]] = {}
    for member in members:
        for topic in member.offers:
            offered_by.setdefault(topic, set()).add(member.id)
    return sum(
        1
        for member in members
        for topic in member.seeks
        if offered_by.get(topic, set()) - {member.id}
    )


def quality_figures(members: Sequence[Member], output: Mapping[str, Any]) -> QualityFigures:
    """Coverage and mutuality counted per member; mixing is the mean number of distinct
    stages plus distinct professions per circle; repeats are past-groupmate pairs."""
    by_id = {member.id: member for member in members}
    coverage = mutual = repeats = placed = 0
    mixing_total = 0
    for group in output["groups"]:
        people = [by_id[i] for i in group["members"]]
        placed += len(people)
        for person in people:
            others = [o for o in people if o is not person]
            offered = {t for o in others for t in o.offers}
            sought = {t for o in others for t in o.seeks}
            received = [t for t in person.seeks if t in offered]
            coverage += len(received)
            if received and any(t in sought for t in person.offers):
                mutual += 1
            repeats += sum(
                1
                for o in others
                if o.id > person.id
                and (o.id in person.past_groupmates or person.id in o.past_groupmates)
            )
        mixing_total += len({p.stage for p in people if p.stage}) + len(
            {p.profession for p in people if p.profession}
        )
    groups = len(output["groups"])
    return QualityFigures(
        placed=placed,
        unassigned=len(output["unassigned"]),
        coverage=coverage,
        coverage_upper_bound=coverage_upper_bound(members),
        mutual=mutual,
        mixing=mixing_total / groups if groups else 0.0,
        repeats=repeats,
    )
