"""What makes a circle work, measured from its members' confirmed inputs: the shared hours
and modes (hard rules) and coverage, mutuality, mixing and repeats (soft goals), as
MATCHING.md defines them. Used for the organizers' draft summary and after manual moves."""

from dataclasses import dataclass, field

from dm3p.circles.weekhours import meeting_slots, week_slots


@dataclass(frozen=True)
class Seat:
    """One member's inputs, in plain values: ids of terms and people, UTC slots of the week
    (hours, or the round's finer slots: see weekhours)."""

    member_id: int
    stage: int | None = None
    profession: int | None = None
    offers: frozenset[int] = frozenset()
    seeks: frozenset[int] = frozenset()
    slots: frozenset[int] = frozenset()  # empty: any time
    modes: frozenset[int] = frozenset()  # empty: any mode
    past: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CircleQuality:
    size: int
    common_slots: list[int]  # UTC slots within an hour or more when everyone is free
    slot_minutes: int
    common_modes: list[int]
    any_mode: bool
    sought: int
    covered: int
    mutual: int
    stages: int
    professions: int
    repeats: int
    covered_by: dict[int, dict[int, list[int]]] = field(default_factory=dict)

    @property
    def meets_hard_rules(self) -> bool:
        return bool(self.common_slots) and (self.any_mode or bool(self.common_modes))

    @property
    def common_minutes(self) -> int:
        return len(self.common_slots) * self.slot_minutes


def common_slots(seats: list[Seat], slot_minutes: int = 60) -> list[int]:
    """The slots everyone is free, where they make up an hour or more together."""
    slots = set(range(week_slots(slot_minutes)))
    for seat in seats:
        if seat.slots:
            slots &= seat.slots
    return meeting_slots(slots, slot_minutes)


def common_modes(seats: list[Seat]) -> tuple[list[int], bool]:
    """Modes every member who lists modes can use, and whether nobody lists any."""
    listing = [seat.modes for seat in seats if seat.modes]
    if not listing:
        return [], True
    return sorted(frozenset.intersection(*listing)), False


def covered_by(seats: list[Seat]) -> dict[int, dict[int, list[int]]]:
    """For each member, each topic they seek that circle-mates offer, and who offers it."""
    covered: dict[int, dict[int, list[int]]] = {}
    for seat in seats:
        topics = {
            topic: [
                other.member_id for other in seats if other is not seat and topic in other.offers
            ]
            for topic in sorted(seat.seeks)
        }
        topics = {topic: people for topic, people in topics.items() if people}
        if topics:
            covered[seat.member_id] = topics
    return covered


def circle_quality(seats: list[Seat], slot_minutes: int = 60) -> CircleQuality:
    covered = covered_by(seats)
    givers = {
        giver for topics in covered.values() for people in topics.values() for giver in people
    }
    modes, any_mode = common_modes(seats)
    ids = {seat.member_id for seat in seats}
    return CircleQuality(
        size=len(seats),
        common_slots=common_slots(seats, slot_minutes),
        slot_minutes=slot_minutes,
        common_modes=modes,
        any_mode=any_mode,
        sought=sum(len(seat.seeks) for seat in seats),
        covered=sum(len(topics) for topics in covered.values()),
        mutual=sum(1 for seat in seats if seat.member_id in covered and seat.member_id in givers),
        stages=len({seat.stage for seat in seats if seat.stage is not None}),
        professions=len({seat.profession for seat in seats if seat.profession is not None}),
        repeats=sum(len(seat.past & ids) for seat in seats) // 2,
        covered_by=covered,
    )
