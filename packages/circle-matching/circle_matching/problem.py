"""The cohort turned into integer-indexed data that the solvers work on.

Members are numbered by their position in the input. Sets of hours, modes and topics are
Python ints used as bit masks, which keeps circle checks to a few machine operations.

Hard rule 4 asks for an hour of the week common to the whole circle. With whole-hour slots a
member's mask is simply their slots. With half- or quarter-hour slots (members in zones a
half or three quarters of an hour off UTC) a member's mask holds the slots at which an
hour-long meeting can *start* for them: every slot of the hour that follows is theirs. Since
a start suits a circle exactly when it suits each member, the solvers keep working on plain
intersections, and a circle can never be formed around a shared half hour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Cohort, ProfessionPreference

UNKNOWN = -1
# More common hours help up to about a day a week; past that they only break ties.
TIME_CAP_HOURS = 24


@dataclass(frozen=True, slots=True)
class Problem:
    cohort: Cohort
    min_size: int
    max_size: int
    ids: tuple[str, ...]
    slots: tuple[int, ...]  # slots where an hour-long meeting may start (see above)
    free: tuple[int, ...]  # the slots as given
    lists_slots: tuple[bool, ...]
    modes: tuple[int, ...]
    lists_modes: tuple[bool, ...]
    mode_names: tuple[str, ...]
    seeks: tuple[int, ...]
    offers: tuple[int, ...]
    topic_names: tuple[str, ...]
    stage: tuple[int, ...]
    profession: tuple[int, ...]
    wants_similar: tuple[bool, ...]
    avoid: tuple[frozenset[int], ...]
    past: tuple[frozenset[int], ...]
    slot_minutes: int = 60

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def week_slots(self) -> int:
        return self.cohort.week_slots

    @property
    def slots_per_hour(self) -> int:
        return 60 // self.slot_minutes

    @property
    def time_cap(self) -> int:
        """Common meeting starts worth counting (about a day a week of them)."""
        return TIME_CAP_HOURS * self.slots_per_hour

    def time_hours(self, starts: int) -> int:
        """The time goal's measure from a circle's count of common meeting starts: with
        whole-hour slots the common hours, capped; with finer slots, the starts in hours,
        rounded up (so one window of common time counts the same whole hours either way)."""
        per_hour = self.slots_per_hour
        return -(-min(starts, self.time_cap) // per_hour)

    @property
    def any_mode(self) -> int:
        """The bit carried only by members who list no modes ("can use any"); they carry
        every other mode bit too. A circle of such members alone keeps this bit in common."""
        return 1 << len(self.mode_names)


def bits_of(mask: int) -> list[int]:
    """Indices of the set bits of `mask`, ascending."""
    found: list[int] = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def _index(values: list[str]) -> dict[str, int]:
    return {value: position for position, value in enumerate(sorted(set(values)))}


def _mask(values: tuple[str, ...], index: dict[str, int]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << index[value]
    return mask


def hour_long_starts(free: int, *, per_hour: int, week_slots: int) -> int:
    """The slots of ``free`` at which an hour (``per_hour`` slots) lies wholly inside it,
    running on across the end of the week."""
    everything = (1 << week_slots) - 1
    starts = free
    for step in range(1, per_hour):
        rotated = (free >> step) | ((free << (week_slots - step)) & everything)
        starts &= rotated
    return starts


def _symmetric(pairs: list[set[int]]) -> tuple[frozenset[int], ...]:
    both = [set(linked) for linked in pairs]
    for member, linked in enumerate(pairs):
        for other in linked:
            both[other].add(member)
    return tuple(frozenset(linked) for linked in both)


def build_problem(cohort: Cohort) -> Problem:
    members = cohort.members
    position = {member.id: index for index, member in enumerate(members)}
    mode_index = _index([mode for member in members for mode in member.modes or ()])
    topic_index = _index([t for member in members for t in (*member.offers, *member.seeks)])
    stage_index = _index([member.stage for member in members if member.stage])
    profession_index = _index([member.profession for member in members if member.profession])
    every_mode = (1 << (len(mode_index) + 1)) - 1
    week_slots = cohort.week_slots
    per_hour = 60 // cohort.slot_minutes
    every_slot = (1 << week_slots) - 1
    slots: list[int] = []
    free: list[int] = []
    modes: list[int] = []
    for member in members:
        free_mask = every_slot
        if member.slots is not None:
            free_mask = sum(1 << slot for slot in member.slots)
        free.append(free_mask)
        slots.append(
            hour_long_starts(free_mask, per_hour=per_hour, week_slots=week_slots)
            if per_hour > 1
            else free_mask
        )
        modes.append(every_mode if member.modes is None else _mask(member.modes, mode_index))

    def linked(ids: tuple[str, ...], me: int) -> set[int]:
        return {position[other] for other in ids if other in position and position[other] != me}

    return Problem(
        cohort=cohort,
        min_size=cohort.group_size.min,
        max_size=cohort.group_size.max,
        ids=tuple(member.id for member in members),
        slots=tuple(slots),
        free=tuple(free),
        lists_slots=tuple(member.slots is not None for member in members),
        modes=tuple(modes),
        lists_modes=tuple(member.modes is not None for member in members),
        mode_names=tuple(sorted(mode_index, key=mode_index.__getitem__)),
        seeks=tuple(_mask(member.seeks, topic_index) for member in members),
        offers=tuple(_mask(member.offers, topic_index) for member in members),
        topic_names=tuple(sorted(topic_index, key=topic_index.__getitem__)),
        stage=tuple(stage_index[m.stage] if m.stage else UNKNOWN for m in members),
        profession=tuple(
            profession_index[m.profession] if m.profession else UNKNOWN for m in members
        ),
        wants_similar=tuple(
            m.profession_preference is ProfessionPreference.SIMILAR for m in members
        ),
        avoid=_symmetric([linked(m.avoid, i) for i, m in enumerate(members)]),
        past=_symmetric([linked(m.past_groupmates, i) for i, m in enumerate(members)]),
        slot_minutes=cohort.slot_minutes,
    )
