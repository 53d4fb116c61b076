"""Independent checks of an output against its cohort: hard-rule violations and the
figures the bench reports. Works from ids and the raw member data, not from the engine's
internal structures, so that a bug there cannot hide itself here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import MINUTES_PER_WEEK, GroupSize, Member


def _holds_an_hour(slots: set[int], slot_minutes: int) -> bool:
    """Whether some whole hour (consecutive slots, across the end of the week too) is in
    ``slots``."""
    week = MINUTES_PER_WEEK // slot_minutes
    per_hour = 60 // slot_minutes
    return any(all((start + step) % week in slots for step in range(per_hour)) for start in slots)


def hard_rule_violations(
    members: Sequence[Member],
    group_size: GroupSize,
    output: Mapping[str, Any],
    *,
    slot_minutes: int = 60,
) -> list[str]:
    """Every broken hard rule, one line each; empty when the output is valid. Slots are
    hours of the week, or half or quarter hours with ``slot_minutes`` 30 or 15."""
    every_slot = range(MINUTES_PER_WEEK // slot_minutes)
    by_id = {member.id: member for member in members}
    problems: list[str] = []
    seen: dict[str, int] = {}
    groups = output["groups"]
    for number, group in enumerate(groups):
        ids: list[str] = group["members"]
        for member_id in ids:
            if member_id not in by_id:
                problems.append(f"group {number}: unknown member {member_id}")
            elif member_id in seen:
                problems.append(f"group {number}: {member_id} already in group {seen[member_id]}")
            seen.setdefault(member_id, number)
        people = [by_id[i] for i in ids if i in by_id]
        if not group_size.min <= len(ids) <= group_size.max:
            problems.append(f"group {number}: size {len(ids)} outside the allowed range")
        for position, person in enumerate(people):
            for other in people[position + 1 :]:
                if other.id in person.avoid or person.id in other.avoid:
                    problems.append(f"group {number}: avoid pair {person.id}, {other.id}")
        hours = set(every_slot)
        for person in people:
            if person.slots is not None:
                hours &= set(person.slots)
        if not _holds_an_hour(hours, slot_minutes):
            problems.append(f"group {number}: no common hour")
        if sorted(hours) != sorted(group["common_slots"]):
            problems.append(f"group {number}: common_slots do not match the members' hours")
        listed = [set(person.modes) for person in people if person.modes is not None]
        if listed:
            modes = set.intersection(*listed)
            if not modes:
                problems.append(f"group {number}: no common mode")
            if sorted(modes) != sorted(group["common_modes"]):
                problems.append(f"group {number}: common_modes do not match the members' modes")
        elif group["common_modes"]:
            problems.append(f"group {number}: common_modes listed though nobody lists modes")
    for item in output["unassigned"]:
        if item["id"] in seen:
            problems.append(f"{item['id']} is both in a group and unassigned")
        seen.setdefault(item["id"], -1)
        if not item.get("reason"):
            problems.append(f"{item['id']} is unassigned without a reason")
    missing = [member.id for member in members if member.id not in seen]
    if missing:
        problems.append(f"neither placed nor unassigned: {', '.join(missing[:5])}")
    return problems


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
