"""Typed input of a matching round, and its validation from parsed JSON.

Validation errors name the member (by id when it has a usable one, else by position)
and the field, so an organizer can fix the input without reading code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

HOURS_PER_WEEK = 168
MINUTES_PER_WEEK = HOURS_PER_WEEK * 60
# Slot lengths a cohort may use: whole hours (the default), half hours, quarter hours.
SLOT_MINUTES = (60, 30, 15)
SLOT_NAMES = {60: "whole hours", 30: "half hours", 15: "quarter hours"}
DEFAULT_MIN_SIZE = 4
DEFAULT_MAX_SIZE = 6
DEFAULT_TIME_LIMIT_S = 120.0


class InputError(ValueError):
    """The input does not follow the contract; the message says where and why."""


class ProfessionPreference(StrEnum):
    MIXED = "mixed"
    SIMILAR = "similar"


@dataclass(frozen=True, slots=True)
class GroupSize:
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class Budget:
    """Deterministic work limits; `None` means "derive from the cohort size"."""

    lns_iterations: int | None = None
    subsolve_deterministic_time: float | None = None
    local_search_passes: int | None = None
    exact_up_to: int | None = None
    exact_deterministic_time: float | None = None
    anneal_steps: int | None = None


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    stage: str | None = None
    profession: str | None = None
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    slots: tuple[int, ...] | None = None
    modes: tuple[str, ...] | None = None
    avoid: tuple[str, ...] = ()
    past_groupmates: tuple[str, ...] = ()
    profession_preference: ProfessionPreference = ProfessionPreference.MIXED


@dataclass(frozen=True, slots=True)
class Cohort:
    members: tuple[Member, ...]
    group_size: GroupSize = GroupSize(DEFAULT_MIN_SIZE, DEFAULT_MAX_SIZE)
    seed: int = 0
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    budget: Budget = field(default_factory=Budget)
    slot_minutes: int = 60

    @property
    def week_slots(self) -> int:
        """How many slots make a week: 168 hours, 336 half hours or 672 quarter hours."""
        return MINUTES_PER_WEEK // self.slot_minutes


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_int(value: object) -> int | None:
    """`value` if it is a whole number (booleans are not), else `None`."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _as_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _where(member_id: str | None, position: int) -> str:
    if member_id is None:
        return f"member at members[{position}]"
    return f'member "{member_id}" (members[{position}])'


def _string_list(value: object, *, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(
            f'{where}, field "{name}": expected a list of strings, got {_describe(value)}'
        )
    # Keep first occurrences in order: the list is a set, but order makes output stable.
    return tuple(dict.fromkeys(value))


def _optional_string(value: object, *, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f'{where}, field "{name}": expected a string, got {_describe(value)}')
    return value or None


def _slots(value: object, *, where: str, slot_minutes: int) -> tuple[int, ...] | None:
    if value is None:
        return None
    week = MINUTES_PER_WEEK // slot_minutes
    hours = [_as_int(hour) for hour in value] if isinstance(value, list) else [None]
    valid = [hour for hour in hours if hour is not None and 0 <= hour < week]
    if len(valid) != len(hours):
        raise InputError(
            f'{where}, field "slots": expected a list of {SLOT_NAMES[slot_minutes]} of the '
            f"week from 0 to {week - 1}, got {_describe(value)}"
        )
    # An empty list is read like a missing one: the member gave no restriction.
    return tuple(sorted(set(valid))) or None


def _modes(value: object, *, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    return _string_list(value, where=where, name="modes") or None


def _preference(value: object, *, where: str) -> ProfessionPreference:
    if value is None:
        return ProfessionPreference.MIXED
    allowed = [preference.value for preference in ProfessionPreference]
    if not isinstance(value, str) or value not in allowed:
        raise InputError(
            f'{where}, field "profession_preference": expected one of {allowed}, '
            f"got {_describe(value)}"
        )
    return ProfessionPreference(value)


def parse_member(raw: object, *, position: int, slot_minutes: int = 60) -> Member:
    if not isinstance(raw, dict):
        raise InputError(f"members[{position}]: expected an object, got {_describe(raw)}")
    raw_id = raw.get("id")
    if not isinstance(raw_id, str) or not raw_id:
        raise InputError(
            f'{_where(None, position)}, field "id": expected a non-empty string, '
            f"got {_describe(raw_id)}"
        )
    where = _where(raw_id, position)
    return Member(
        id=raw_id,
        stage=_optional_string(raw.get("stage"), where=where, name="stage"),
        profession=_optional_string(raw.get("profession"), where=where, name="profession"),
        offers=_string_list(raw.get("offers", []), where=where, name="offers"),
        seeks=_string_list(raw.get("seeks", []), where=where, name="seeks"),
        slots=_slots(raw.get("slots"), where=where, slot_minutes=slot_minutes),
        modes=_modes(raw.get("modes"), where=where),
        avoid=_string_list(raw.get("avoid", []), where=where, name="avoid"),
        past_groupmates=_string_list(
            raw.get("past_groupmates", []), where=where, name="past_groupmates"
        ),
        profession_preference=_preference(raw.get("profession_preference"), where=where),
    )


def _size_bound(value: object, name: str) -> int:
    bound = _as_int(value)
    if bound is None or bound < 2:
        raise InputError(
            f'field "group_size.{name}": expected a whole number of at least 2, '
            f"got {_describe(value)}"
        )
    return bound


def parse_group_size(raw: object) -> GroupSize:
    if raw is None:
        return GroupSize(DEFAULT_MIN_SIZE, DEFAULT_MAX_SIZE)
    if not isinstance(raw, dict):
        raise InputError(f'field "group_size": expected an object, got {_describe(raw)}')
    low = _size_bound(raw.get("min", DEFAULT_MIN_SIZE), "min")
    high = _size_bound(raw.get("max", DEFAULT_MAX_SIZE), "max")
    if low > high:
        raise InputError(f'field "group_size": min ({low}) is greater than max ({high})')
    return GroupSize(low, high)


def _optional_positive_int(raw: Mapping[str, object], name: str) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    number = _as_int(value)
    if number is None or number < 0:
        raise InputError(
            f'field "budget.{name}": expected a whole number of at least 0, got {_describe(value)}'
        )
    return number


def _optional_positive_number(raw: Mapping[str, object], name: str) -> float | None:
    value = raw.get(name)
    number = _as_number(value)
    if value is not None and (number is None or number <= 0):
        raise InputError(
            f'field "budget.{name}": expected a number above 0, got {_describe(value)}'
        )
    return number


def parse_budget(raw: object) -> Budget:
    """Optional overrides of the engine's deterministic budgets (tests use small ones)."""
    if raw is None:
        return Budget()
    if not isinstance(raw, dict):
        raise InputError(f'field "budget": expected an object, got {_describe(raw)}')
    return Budget(
        lns_iterations=_optional_positive_int(raw, "lns_iterations"),
        subsolve_deterministic_time=_optional_positive_number(raw, "subsolve_deterministic_time"),
        local_search_passes=_optional_positive_int(raw, "local_search_passes"),
        exact_up_to=_optional_positive_int(raw, "exact_up_to"),
        exact_deterministic_time=_optional_positive_number(raw, "exact_deterministic_time"),
        anneal_steps=_optional_positive_int(raw, "anneal_steps"),
    )


def parse_cohort(raw: object) -> Cohort:
    """Validate parsed JSON and return the cohort; raise `InputError` naming the problem."""
    if not isinstance(raw, dict):
        raise InputError(f"input: expected a JSON object, got {_describe(raw)}")
    seed = _as_int(raw.get("seed", 0))
    if seed is None:
        raise InputError(f'field "seed": expected a whole number, got {_describe(raw["seed"])}')
    raw_limit = raw.get("time_limit_s", DEFAULT_TIME_LIMIT_S)
    time_limit = _as_number(raw_limit)
    if time_limit is None or time_limit <= 0:
        raise InputError(
            f'field "time_limit_s": expected a number above 0, got {_describe(raw_limit)}'
        )
    slot_minutes = _as_int(raw.get("slot_minutes", 60))
    if slot_minutes is None or slot_minutes not in SLOT_MINUTES:
        raise InputError(
            f'field "slot_minutes": expected one of {list(SLOT_MINUTES)}, '
            f"got {_describe(raw['slot_minutes'])}"
        )
    raw_members = raw.get("members")
    if not isinstance(raw_members, list):
        raise InputError(f'field "members": expected a list, got {_describe(raw_members)}')
    members = _parse_members(raw_members, slot_minutes=slot_minutes)
    return Cohort(
        members=members,
        group_size=parse_group_size(raw.get("group_size")),
        seed=seed,
        time_limit_s=time_limit,
        budget=parse_budget(raw.get("budget")),
        slot_minutes=slot_minutes,
    )


def _parse_members(raw_members: Sequence[object], *, slot_minutes: int) -> tuple[Member, ...]:
    members: list[Member] = []
    first_position: dict[str, int] = {}
    for position, raw_member in enumerate(raw_members):
        member = parse_member(raw_member, position=position, slot_minutes=slot_minutes)
        if member.id in first_position:
            raise InputError(
                f'{_where(member.id, position)}, field "id": duplicate id, first used at '
                f"members[{first_position[member.id]}]"
            )
        first_position[member.id] = position
        members.append(member)
    return tuple(members)
