"""Weekly availability: stored as hours of the week in the member's own time zone
(0 is Monday 00:00, 167 is Sunday 23:00), chosen in the form as parts of each day."""

from dm3p.members.enums import DayPart

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Hours of one day each part covers; night runs from 10 pm into the next morning.
PART_HOURS: dict[str, list[int]] = {
    DayPart.MORNING: list(range(6, 12)),
    DayPart.AFTERNOON: list(range(12, 17)),
    DayPart.EVENING: list(range(17, 22)),
    DayPart.NIGHT: [22, 23, 24, 25, 26, 27, 28, 29],
}


def part_hours_of_week(day: int, part: str) -> list[int]:
    return [(day * 24 + hour) % 168 for hour in PART_HOURS[part]]


def hours_from_parts(chosen: dict[int, list[str]]) -> list[int]:
    hours = {
        hour
        for day, parts in chosen.items()
        for part in parts
        for hour in part_hours_of_week(day, part)
    }
    return sorted(hours)


def parts_from_hours(hours: list[int]) -> dict[int, list[str]]:
    held = set(hours)
    return {
        day: [part for part in PART_HOURS if set(part_hours_of_week(day, part)) <= held]
        for day in range(7)
    }


def availability_summary(hours: list[int]) -> str:
    """“Mondays: evening; Saturdays: morning, afternoon”, or "" when nothing is chosen."""
    labels = {part.value: part.label.split(" (")[0].lower() for part in DayPart}
    days = [
        f"{DAYS[day]}s: {', '.join(labels[part] for part in parts)}"
        for day, parts in parts_from_hours(hours).items()
        if parts
    ]
    return "; ".join(days)
