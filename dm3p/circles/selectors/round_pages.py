"""The organizers' pages of a round: the draft (each circle as the matching engine audits
it) and, once published, how the circles are going."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import ngettext

from dm3p.accounts.models import User
from dm3p.circles.enums import BrokenRule
from dm3p.circles.models import CheckIn, Circle, MatchingRound, RoundEntry
from dm3p.circles.reasons import TAKEN_OUT
from dm3p.circles.selectors.circles import check_ins_of_round, circles_of, comments_shared
from dm3p.circles.selectors.engine import (
    CircleAudit,
    Help,
    HelpKind,
    UnplacedHelp,
    circles_audit,
    round_inputs,
    unplaced_help,
)
from dm3p.circles.selectors.rounds import asked_to_move
from dm3p.circles.weekhours import duration_text, from_utc, meeting_slots, spans_text, zone_name
from dm3p.core.times import clock
from dm3p.members.availability import DAYS, PART_HOURS


@dataclass(frozen=True)
class DraftCircle:
    circle: Circle
    people: list[tuple[User, str]]  # (member, name)
    quality: CircleAudit
    free_time: str  # "2 hours 30 minutes", a week
    meeting_times: list[str]
    mode_labels: list[str]
    problems: list[str]


@dataclass(frozen=True)
class UnplacedRow:
    """Someone in no circle: why, and what would help (at most HELPS_SHOWN lines)."""

    entry: RoundEntry
    reason: str
    helps: list[str]


@dataclass(frozen=True)
class Draft:
    circles: list[DraftCircle]
    unplaced: list[RoundEntry]
    unplaced_rows: list[UnplacedRow]
    asked_to_move: set[int]
    changed_since_run: int  # people who joined or changed their answers after the last run


def _problem_words(rule: BrokenRule, detail: str, round: MatchingRound, size: int) -> str:
    """What a circle breaks, to follow its name ("Circle 2 has no hour ..."). An avoid pair
    is told without names."""
    people = ngettext("one person", "%(count)d people", size) % {"count": size}
    return rule.label.format(
        people=people, min_size=round.min_size, max_size=round.max_size, detail=detail
    )


HELPS_SHOWN = 3
"""The most suggestions shown for one person: the best ones (circles that suit them as they
are first, then one more hour, another way to take part, one more place)."""


def _part_of_day(hour: int) -> str:
    """ "evening" for 7 pm: the parts of the day members choose their times by."""
    return next(str(part) for part, hours in PART_HOURS.items() if hour in {h % 24 for h in hours})


def _hour_text(slot: int, *, zone: str, week_of: dt.date, slot_minutes: int) -> tuple[str, str]:
    """A UTC slot of the week as its part of the day and its time in ``zone``: ("evening",
    "Tuesdays at 8:00 pm EST")."""
    moment = from_utc([slot], zone, week_of, slot_minutes)[0]
    when = f"{DAYS[moment.weekday()]}s at {clock(moment)} {zone_name(moment)}"
    return _part_of_day(moment.hour), when


def _help_words(
    help: Help,
    circle: Circle,
    *,
    round: MatchingRound,
    zone: str,
    slot_minutes: int,
    mode_labels: dict[int, str],
) -> str:
    """One way to let someone join ``circle``, in words. Never about an avoid list: the
    engine suggests nothing for a circle one keeps them from."""
    match help.kind:
        case HelpKind.FITS:
            return (
                f"{circle} suits them as it is: it has room and shares an hour and a way to "
                "take part with them."
            )
        case HelpKind.HOUR:
            part, when = _hour_text(
                help.slot or 0, zone=zone, week_of=round.starts_on, slot_minutes=slot_minutes
            )
            return f"One more {part} hour free ({when}) would let them join {circle}."
        case HelpKind.MODE:
            labels = " or ".join(mode_labels[pk] for pk in help.mode_ids if pk in mode_labels)
            return f"Accepting {labels} would let them join {circle}."
        case HelpKind.SIZE:
            return (
                f"Allowing {round.max_size + 1} people in {circle}, one more than the round's "
                "largest circle, would let them join it."
            )


def _unplaced_rows(
    entries: list[RoundEntry],
    found: dict[int, UnplacedHelp],
    circles: list[Circle],
    *,
    round: MatchingRound,
    zone: str,
    slot_minutes: int,
    mode_labels: dict[int, str],
) -> list[UnplacedRow]:
    rows = []
    for entry in entries:
        help = found[entry.member_id]
        reason = entry.unassigned_reason if entry.unassigned_reason == TAKEN_OUT else help.reason
        words = [
            _help_words(
                item,
                circles[item.circle],
                round=round,
                zone=zone,
                slot_minutes=slot_minutes,
                mode_labels=mode_labels,
            )
            for item in help.helps[:HELPS_SHOWN]
        ]
        rows.append(UnplacedRow(entry, f"{reason[:1].upper()}{reason[1:]}.", words))
    return rows


def draft_of(*, round: MatchingRound, zone: str) -> Draft:
    """The round's circles, each with what the engine's audit says of it, for organizers.
    Never says who is on anyone's avoid list."""
    inputs = round_inputs(round=round)
    circles = list(circles_of(round=round))
    memberships = {
        circle.pk: [m for m in circle.memberships.all() if m.member_id in inputs.entries]
        for circle in circles
    }
    audits = circles_audit(
        round=round,
        members=inputs.members,
        slot_minutes=inputs.slot_minutes,
        circles=[[m.member_id for m in memberships[circle.pk]] for circle in circles],
    )
    mode_labels = {
        term.pk: term.label for entry in inputs.entries.values() for term in entry.modes.all()
    }
    drafted = []
    for circle, audit in zip(circles, audits, strict=True):
        times = meeting_slots(audit.common_slots, inputs.slot_minutes)
        drafted.append(
            DraftCircle(
                circle=circle,
                people=[(item.member, item.member.display_name) for item in memberships[circle.pk]],
                quality=audit,
                free_time=duration_text(len(times) * inputs.slot_minutes),
                meeting_times=spans_text(times, zone, round.starts_on, inputs.slot_minutes)[:3],
                mode_labels=[mode_labels[pk] for pk in audit.common_modes],
                problems=[
                    _problem_words(rule, detail, round, audit.size) for rule, detail in audit.broken
                ],
            )
        )
    placed = {member_id for audit in audits for member_id in audit.member_ids}
    unplaced = [entry for pk, entry in inputs.entries.items() if pk not in placed]
    found = unplaced_help(
        round=round,
        members=inputs.members,
        slot_minutes=inputs.slot_minutes,
        circles=[audit.member_ids for audit in audits],
    )
    finished = round.run_finished_at
    return Draft(
        circles=drafted,
        unplaced=unplaced,
        unplaced_rows=_unplaced_rows(
            unplaced,
            found,
            circles,
            round=round,
            zone=zone,
            slot_minutes=inputs.slot_minutes,
            mode_labels=mode_labels,
        ),
        asked_to_move=asked_to_move(member_ids=set(inputs.entries), round=round),
        changed_since_run=sum(
            1 for entry in inputs.entries.values() if finished and entry.updated_at > finished
        ),
    )


FEWEST_ANSWERS_SHOWN = 3
"""Figures from check-ins are shown for a circle only once at least this many of its members
have answered, so no figure is one or two people's own rating."""


@dataclass(frozen=True)
class CircleHealth:
    circle: Circle
    people: int
    answered: int | None  # None: fewer than FEWEST_ANSWERS_SHOWN answered (not how many)
    average: float | None  # of each member's latest rating; None when too few answered
    paused: int
    asked_to_move: list[str]
    shared_comments: list[tuple[str, str]]

    @property
    def too_few_answered(self) -> bool:
        return self.answered is None


def health_of(*, round: MatchingRound) -> list[CircleHealth]:
    """How each circle is going, from check-ins: figures only where enough members answered
    (FEWEST_ANSWERS_SHOWN), comments only where members shared them."""
    by_circle: dict[int, list[CheckIn]] = {}
    for item in check_ins_of_round(round=round):  # newest first
        by_circle.setdefault(item.circle_id, []).append(item)
    shared: dict[int, list[CheckIn]] = {}
    for item in comments_shared(round=round):
        shared.setdefault(item.circle_id, []).append(item)
    health = []
    for circle in circles_of(round=round):
        latest: dict[int, CheckIn] = {}
        for item in by_circle.get(circle.pk, []):
            latest.setdefault(item.member_id, item)
        ratings = [item.rating for item in latest.values()]
        enough = len(ratings) >= FEWEST_ANSWERS_SHOWN
        memberships = list(circle.memberships.all())
        health.append(
            CircleHealth(
                circle=circle,
                people=len(memberships),
                answered=len(ratings) if enough else None,
                average=round_to_tenth(sum(ratings) / len(ratings)) if enough else None,
                paused=sum(1 for item in memberships if item.paused),
                asked_to_move=[
                    item.member.display_name for item in memberships if item.wants_different
                ],
                shared_comments=[
                    (item.member.display_name, item.comment or "")
                    for item in shared.get(circle.pk, [])
                ],
            )
        )
    return health


def round_to_tenth(value: float) -> float:
    return round(value, 1)
