"""What makes a circle work, measured from its members' confirmed inputs: the shared hours
and modes (hard rules) and coverage, mutuality, mixing and repeats (soft goals), as
MATCHING.md defines them. Used for the organizers' draft summary and after manual moves."""

from dataclasses import dataclass, field

ALL_HOURS = frozenset(range(168))


@dataclass(frozen=True)
class Seat:
    """One member's inputs, in plain values: ids of terms and people, UTC hours."""

    member_id: int
    stage: int | None = None
    profession: int | None = None
    offers: frozenset[int] = frozenset()
    seeks: frozenset[int] = frozenset()
    slots: frozenset[int] = frozenset()  # empty: any hour
    modes: frozenset[int] = frozenset()  # empty: any mode
    past: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CircleQuality:
    size: int
    common_hours: list[int]
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
        return bool(self.common_hours) and (self.any_mode or bool(self.common_modes))


def common_hours(seats: list[Seat]) -> list[int]:
    hours = set(ALL_HOURS)
    for seat in seats:
        if seat.slots:
            hours &= seat.slots
    return sorted(hours)


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


def circle_quality(seats: list[Seat]) -> CircleQuality:
    covered = covered_by(seats)
    givers = {
        giver for topics in covered.values() for people in topics.values() for giver in people
    }
    modes, any_mode = common_modes(seats)
    ids = {seat.member_id for seat in seats}
    return CircleQuality(
        size=len(seats),
        common_hours=common_hours(seats),
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
