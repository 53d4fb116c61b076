"""The adapter to the matching engine, and the only module that imports it.

It turns the app's rows into the engine's input (MATCHING.md), runs the engine for circles
and for breakout rooms, and turns what the engine returns into plain app values: member and
room ids, reasons and run phases as organizers read them, and the engine's own audit of
circles (the hard rules each breaks, and its quality figures), which is what the draft and
circle pages show, so they can't drift from what was optimised. Writing rows is the
services' part.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from circle_matching import (
    Cohort,
    Phase,
    Relaxation,
    RuleBreak,
    RuleBreakCode,
    assign_rooms,
    circles_output,
    describe_circles,
    explain_unplaced,
    match_circles,
    parse_cohort,
    parse_gathering,
    quality_figures,
    rule_breaks,
)
from django.conf import settings

from dm3p.circles.enums import BrokenRule, ProfessionPreference, RunPhase
from dm3p.circles.models import BreakoutRoom, MatchingRound, RoundEntry
from dm3p.circles.reasons import ROOM_REASONS, reason_for_organizers
from dm3p.circles.selectors.rounds import avoid_pairs, entries_of, past_groupmates
from dm3p.circles.weekhours import slot_minutes_for, to_utc, week_slots

EngineMember = dict[str, Any]
"""One member as the engine reads them (MATCHING.md): ids are tokens, slots UTC."""


def _token(prefix: str, pk: int | None) -> str:
    return f"{prefix}{pk}"


def _pk_of(token: str) -> int:
    return int(token[1:])


def slot_minutes_of(
    entries: Iterable[RoundEntry], round: MatchingRound, week_of: dt.date | None = None
) -> int:
    """Whole hours unless a member who gave times is in a zone a half or three quarters of
    an hour off UTC in the week the round starts (or the week of ``week_of``)."""
    return slot_minutes_for(
        (entry.time_zone for entry in entries if entry.availability), week_of or round.starts_on
    )


def entry_input(
    entry: RoundEntry,
    *,
    round: MatchingRound,
    slot_minutes: int,
    past: Iterable[int] = (),
    avoid: Iterable[int] = (),
    about_the_person: bool = True,
    week_of: dt.date | None = None,
) -> EngineMember:
    """A member's entry as the engine's input; with ``about_the_person``, their profile's
    stage and (first) profession and their standing preference too (load them with the
    entry: see entries_of)."""
    member: EngineMember = {
        "id": str(entry.member_id),
        "offers": [_token("t", term.pk) for term in entry.topics_offered.all()],
        "seeks": [_token("t", term.pk) for term in entry.topics_sought.all()],
        "modes": [_token("m", term.pk) for term in entry.modes.all()],
        "avoid": [str(pk) for pk in sorted(avoid)],
        "past_groupmates": [str(pk) for pk in sorted(past)],
    }
    for key in ("offers", "seeks", "modes"):
        member[key].sort(key=_pk_of)
    # Offsets from UTC as in the week the round starts, unless another week is asked for
    # (a circle's page shows this week's times: daylight saving may have moved them).
    slots = to_utc(
        entry.availability or [], entry.time_zone, week_of or round.starts_on, slot_minutes
    )
    if slots:
        member["slots"] = sorted(slots)
    if not about_the_person:
        return member
    profile = getattr(entry.member, "profile", None)
    if profile is not None:
        if profile.stage_id is not None:
            member["stage"] = _token("s", profile.stage_id)
        professions = sorted(term.pk for term in profile.professions.all())
        if professions:
            member["profession"] = _token("p", professions[0])
    chosen = getattr(entry.member, "matching_preferences", None)
    member["profession_preference"] = str(
        chosen.profession_preference if chosen else ProfessionPreference.MIXED
    )
    return member


@dataclass(frozen=True)
class RoundInputs:
    """A round's entries (of people still members) and each one's input to the engine."""

    entries: dict[int, RoundEntry]
    members: dict[int, EngineMember]
    slot_minutes: int  # of the slots: 60 unless someone's zone needs finer ones


def round_inputs(*, round: MatchingRound) -> RoundInputs:
    entries = {entry.member_id: entry for entry in entries_of(round=round)}
    ids = set(entries)
    past = past_groupmates(member_ids=ids, before=round)
    avoid = avoid_pairs(member_ids=ids)
    slot_minutes = slot_minutes_of(entries.values(), round)
    members = {
        member_id: entry_input(
            entry,
            round=round,
            slot_minutes=slot_minutes,
            past=past.get(member_id, set()),
            avoid=avoid.get(member_id, set()),
        )
        for member_id, entry in entries.items()
    }
    return RoundInputs(entries, members, slot_minutes)


def _cohort(
    round: MatchingRound, members: Iterable[EngineMember], slot_minutes: int
) -> dict[str, Any]:
    cohort: dict[str, Any] = {
        "group_size": {"min": round.min_size, "max": round.max_size},
        "time_limit_s": settings.CIRCLES_MATCH_TIME_LIMIT_S,
        "seed": round.pk * 1000 + round.run_count,
        "members": list(members),
    }
    if slot_minutes != 60:
        cohort["slot_minutes"] = slot_minutes
    return cohort


def cohort_input(
    *, round: MatchingRound, inputs: RoundInputs, member_ids: Iterable[int]
) -> dict[str, Any]:
    """The engine's input (MATCHING.md) for some of the round's members."""
    return _cohort(
        round, (inputs.members[member_id] for member_id in sorted(member_ids)), inputs.slot_minutes
    )


# Running the engine.


def run_phase_of(engine_phase: Phase) -> RunPhase:
    """The engine's phase as the round stores it (RunPhase holds the engine's phases under
    the same codes, with the words organizers read)."""
    return RunPhase(engine_phase.value)


@dataclass(frozen=True)
class MatchResult:
    """Circles as lists of member ids; those left out, each with the reason organizers
    read (never naming anyone, nor what is on an avoid list)."""

    circles: list[list[int]]
    unplaced: dict[int, str]
    seconds: float
    solver: str


def circles_match(
    *,
    round: MatchingRound,
    inputs: RoundInputs,
    member_ids: Iterable[int],
    progress: Callable[[RunPhase, int], None],
) -> MatchResult:
    cohort = parse_cohort(cohort_input(round=round, inputs=inputs, member_ids=member_ids))
    outcome = match_circles(
        cohort, progress=lambda phase, percent: progress(run_phase_of(phase), percent)
    )
    document = circles_output(outcome)
    return MatchResult(
        circles=[[int(pk) for pk in group["members"]] for group in document["groups"]],
        unplaced={
            int(item["id"]): reason_for_organizers(item["reason"])
            for item in document["unassigned"]
        },
        seconds=document["stats"]["seconds"],
        solver=document["stats"]["solver"],
    )


@dataclass(frozen=True)
class RoomsMatch:
    members: dict[int, list[int]]  # room id -> member ids
    unassigned: list[tuple[int, str]]  # (member id, why, for organizers)


def _room_topic(room: BreakoutRoom) -> str:
    return f"room-{room.pk}"


def rooms_match(
    *,
    rooms: Sequence[BreakoutRoom],
    attendee_ids: Sequence[int],
    choices: Mapping[int, list[int]],
    needs_interpreter: set[int],
    seed: int,
) -> RoomsMatch:
    """Everyone coming into a room: interpretation needs are hard, first choices first,
    sizes balanced."""
    by_id = {room.pk: room for room in rooms}
    gathering = parse_gathering(
        {
            "rooms": [
                {
                    "id": str(room.pk),
                    "topic": _room_topic(room),
                    "capacity": room.capacity,
                    "interpreter": room.has_interpreter,
                }
                for room in rooms
            ],
            "attendees": [
                {
                    "id": str(member_id),
                    "choices": [
                        _room_topic(by_id[pk]) for pk in choices.get(member_id, []) if pk in by_id
                    ],
                    "needs_interpreter": member_id in needs_interpreter,
                }
                for member_id in attendee_ids
            ],
            "seed": seed,
        }
    )
    outcome = assign_rooms(gathering)
    return RoomsMatch(
        members={
            int(room_id): [int(member_id) for member_id in members]
            for room_id, members in outcome.members.items()
        },
        unassigned=[
            (int(member_id), ROOM_REASONS[reason]) for member_id, reason in outcome.unassigned
        ],
    )


# The engine's audit of circles.


@dataclass(frozen=True)
class CircleAudit:
    """One circle as the engine describes and audits it."""

    member_ids: list[int]
    common_slots: list[int]  # UTC slots of the week every member gave (any, if nobody did)
    common_modes: list[int]  # ids of the modes everyone who lists modes can use
    any_mode: bool  # nobody lists modes
    broken: list[tuple[BrokenRule, str]]  # each hard rule broken, with the engine's words
    sought: int  # topics sought, counted per member
    covered: int  # of those, offered by a circle-mate
    mutual: int  # members who both receive and give
    stages: int
    professions: int
    repeats: int  # pairs who shared a circle before

    @property
    def size(self) -> int:
        return len(self.member_ids)


_BROKEN_RULES = {
    RuleBreakCode.SIZE: BrokenRule.SIZE,
    RuleBreakCode.AVOID_PAIR: BrokenRule.AVOID_PAIR,
    RuleBreakCode.NO_COMMON_HOUR: BrokenRule.NO_COMMON_HOUR,
    RuleBreakCode.NO_COMMON_MODE: BrokenRule.NO_COMMON_MODE,
}


def _broken_rule(rule_break: RuleBreak) -> tuple[BrokenRule, str]:
    """The app's rule for a break the engine found; one the app has no words for keeps the
    engine's line, so it still blocks publishing and says what it is."""
    rule = _BROKEN_RULES.get(rule_break.code, BrokenRule.OTHER)
    return rule, str(rule_break).partition(": ")[2] if rule is BrokenRule.OTHER else ""


def _broken_rules(found: list[tuple[BrokenRule, str]]) -> list[tuple[BrokenRule, str]]:
    """Each rule broken once (a circle may hold several avoid pairs), in BrokenRule's order."""
    order = list(BrokenRule)
    return sorted(set(found), key=lambda item: (order.index(item[0]), item[1]))


def _empty_circle_audit(slot_minutes: int) -> CircleAudit:
    """A circle nobody is in (any more): like the engine's, nobody's times restrict it."""
    every_slot = list(range(week_slots(slot_minutes)))
    return CircleAudit([], every_slot, [], True, [(BrokenRule.SIZE, "size 0")], 0, 0, 0, 0, 0, 0)


def circles_audit(
    *,
    round: MatchingRound,
    members: Mapping[int, EngineMember],
    slot_minutes: int,
    circles: Sequence[Sequence[int]],
) -> list[CircleAudit]:
    """What the engine says of each circle (of members in ``members``): the times and
    modes they share, the hard rules it breaks, and its quality figures."""
    placed = [member_id for circle in circles for member_id in circle]
    cohort: Cohort = parse_cohort(
        _cohort(round, (members[member_id] for member_id in placed), slot_minutes)
    )
    filled = [circle for circle in circles if circle]
    document = circles_output(
        describe_circles(cohort, [[str(member_id) for member_id in circle] for circle in filled])
    )
    groups = iter(document["groups"])
    broken: dict[int, list[tuple[BrokenRule, str]]] = {}
    for rule_break in rule_breaks(
        cohort.members,
        cohort.group_size,
        {"groups": document["groups"], "unassigned": []},
        slot_minutes=cohort.slot_minutes,
    ):
        if rule_break.group is not None:
            broken.setdefault(rule_break.group, []).append(_broken_rule(rule_break))
    by_id = {member.id: member for member in cohort.members}
    audits = []
    number = 0  # of the circle among those with people: the engine's group number
    for circle in circles:
        if not circle:
            audits.append(_empty_circle_audit(slot_minutes))
            continue
        group = next(groups)
        people = [by_id[member_id] for member_id in group["members"]]
        figures = quality_figures(people, {"groups": [group], "unassigned": []})
        listed_modes = any(person.modes is not None for person in people)
        stages = len({person.stage for person in people if person.stage})
        audits.append(
            CircleAudit(
                member_ids=[int(member_id) for member_id in group["members"]],
                common_slots=list(group["common_slots"]),
                common_modes=sorted(_pk_of(mode) for mode in group["common_modes"]),
                any_mode=not listed_modes,
                broken=_broken_rules(broken.get(number, [])),
                sought=sum(len(person.seeks) for person in people),  # as the members gave
                covered=figures.coverage,
                mutual=figures.mutual,
                # The audit's mixing of one circle is its stages plus its professions.
                stages=stages,
                professions=int(figures.mixing) - stages,
                repeats=figures.repeats,
            )
        )
        number += 1
    return audits


# What would help someone left out of every circle.


class HelpKind(StrEnum):
    """The one rule that, relaxed, would let someone join a circle (never an avoid list)."""

    FITS = "fits"  # nothing: the circle suits them as it is
    HOUR = "hour"  # one more hour free
    MODE = "mode"  # accepting one more way to take part
    SIZE = "size"  # one more place in the circle


_HELP_KINDS = {
    Relaxation.NONE: HelpKind.FITS,
    Relaxation.HOUR: HelpKind.HOUR,
    Relaxation.MODE: HelpKind.MODE,
    Relaxation.SIZE: HelpKind.SIZE,
}


@dataclass(frozen=True)
class Help:
    """A circle that one relaxed rule would open: by its position among the circles given;
    for HOUR, a UTC slot of the week at which an hour-long meeting can start for the whole
    circle (nearest the person's own times); for MODE, the ids of the modes all of the
    circle can use."""

    kind: HelpKind
    circle: int
    slot: int | None = None
    mode_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class UnplacedHelp:
    """Why someone is in no circle (in organizers' words: an avoid list reads only as a
    constraint) and the circles one relaxed rule would open to them, best first."""

    reason: str
    helps: list[Help]


def unplaced_help(
    *,
    round: MatchingRound,
    members: Mapping[int, EngineMember],
    slot_minutes: int,
    circles: Sequence[Sequence[int]],
) -> dict[int, UnplacedHelp]:
    """For each of ``members`` in none of ``circles``: the engine's reason and what would
    help, each circle re-checked with one rule relaxed at a time (no queries; a fixed number
    of checks per person and circle)."""
    cohort = parse_cohort(_cohort(round, members.values(), slot_minutes))
    explained = explain_unplaced(
        cohort, [[str(member_id) for member_id in circle] for circle in circles]
    )
    return {
        int(item.id): UnplacedHelp(
            reason=reason_for_organizers(item.reason),
            helps=[
                Help(
                    kind=_HELP_KINDS[suggestion.relaxation],
                    circle=suggestion.group,
                    slot=suggestion.slot,
                    mode_ids=tuple(_pk_of(mode) for mode in suggestion.modes),
                )
                for suggestion in item.suggestions
            ],
        )
        for item in explained
    }
