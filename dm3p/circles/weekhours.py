"""Times of the week between a member's own time zone and UTC.

Availability is kept as hours of the week in the member's zone (0 is Monday 00:00). The
engine wants UTC slots of the week: whole hours when every member's zone is a whole number
of hours off UTC, else half hours (India, Newfoundland, central Australia, Iran...) or
quarter hours (Nepal, the Chatham Islands, Eucla), so that everyone's choice is kept
exactly. Offsets change with daylight saving, so both directions use the week in which a
round starts.
"""

import datetime as dt
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from dm3p.core.times import clock
from dm3p.members.availability import DAYS

HOURS_IN_WEEK = 168
MINUTES_IN_WEEK = HOURS_IN_WEEK * 60
SLOT_MINUTES = (60, 30, 15)  # what the engine takes, coarsest first


def _monday(day: dt.date) -> dt.datetime:
    """00:00 UTC on the Monday of the week of ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return dt.datetime(monday.year, monday.month, monday.day, tzinfo=dt.UTC)


def _hour_of_week(moment: dt.datetime) -> int:
    return moment.weekday() * 24 + moment.hour


def _minute_of_week(moment: dt.datetime) -> int:
    return (moment.weekday() * 24 + moment.hour) * 60 + moment.minute


def week_slots(slot_minutes: int) -> int:
    """Slots in a week: 168 hours, 336 half hours or 672 quarter hours."""
    return MINUTES_IN_WEEK // slot_minutes


@functools.lru_cache(maxsize=1024)
def _zone_slot_minutes(zone: str, monday: dt.datetime) -> int:
    """The longest slot that fits every offset ``zone`` has during the week."""
    local = ZoneInfo(zone)
    minutes = set()
    for hour in range(HOURS_IN_WEEK + 1):
        offset = (monday + dt.timedelta(hours=hour)).astimezone(local).utcoffset()
        minutes.add(int(offset.total_seconds()) if offset else 0)
    for slot in SLOT_MINUTES:
        if all(seconds % (slot * 60) == 0 for seconds in minutes):
            return slot
    return SLOT_MINUTES[-1]  # offsets of odd minutes (none today): slots wholly inside


def slot_minutes_for(zones: Iterable[str], week_of: dt.date) -> int:
    """Whole hours (60) unless one of ``zones`` is a half hour (30) or a quarter of an hour
    (15) off UTC during the week of ``week_of``."""
    monday = _monday(week_of)
    return min((_zone_slot_minutes(zone, monday) for zone in set(zones)), default=60)


@functools.lru_cache(maxsize=1024)
def _local_hours_of_slots(
    zone: str, monday: dt.datetime, slot_minutes: int
) -> tuple[tuple[int, int], ...]:
    """For each UTC slot of the week: the local hours of the week of its first and its
    last minute (the same hour unless the slot straddles two)."""
    local = ZoneInfo(zone)
    hours = []
    for slot in range(week_slots(slot_minutes)):
        begins = monday + dt.timedelta(minutes=slot * slot_minutes)
        ends = begins + dt.timedelta(minutes=slot_minutes - 1)
        hours.append(
            (_hour_of_week(begins.astimezone(local)), _hour_of_week(ends.astimezone(local)))
        )
    return tuple(hours)


def to_utc(hours: list[int], zone: str, week_of: dt.date, slot_minutes: int = 60) -> list[int]:
    """Local hours of the week (in ``zone``) as the UTC slots of the week (of
    ``slot_minutes``) that lie wholly inside them: exactly the same times when the slots
    suit the zone (``slot_minutes_for``). With slots too long for the zone, if none fits
    inside, the nearest overlapping ones, so a choice is never read as "any time"."""
    chosen = set(hours)
    if not chosen:
        return []
    inside, touching = [], []
    for slot, (first, last) in enumerate(
        _local_hours_of_slots(zone, _monday(week_of), slot_minutes)
    ):
        if first in chosen and last in chosen:
            inside.append(slot)
        elif first in chosen or last in chosen:
            touching.append(slot)
    return inside or touching


def from_utc(
    slots: Iterable[int], zone: str, week_of: dt.date, slot_minutes: int = 60
) -> list[dt.datetime]:
    """UTC slots of the week as the moments they start in ``zone`` during the week of
    ``week_of``."""
    start = _monday(week_of)
    local = ZoneInfo(zone)
    return sorted(
        (start + dt.timedelta(minutes=slot * slot_minutes)).astimezone(local) for slot in slots
    )


def meeting_slots(slots: Iterable[int], slot_minutes: int = 60) -> list[int]:
    """The slots that lie within an hour or more of consecutive ones (across the end of
    the week too): the times a circle can actually meet. Whole hours are all kept."""
    held = set(slots)
    per_hour, week = 60 // slot_minutes, week_slots(slot_minutes)
    if per_hour == 1:
        return sorted(held)
    starts = [s for s in held if all((s + step) % week in held for step in range(per_hour))]
    return sorted({(s + step) % week for s in starts for step in range(per_hour)})


def duration_text(minutes: int) -> str:
    """ "1 hour", "2 hours 30 minutes", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def zone_name(moment: dt.datetime) -> str:
    """The zone's abbreviation at ``moment`` ("IST", "ACDT"), or "UTC+5:45" where it has
    only a number."""
    name = f"{moment:%Z}"
    if name[:1] not in {"+", "-"}:
        return name
    offset = int((moment.utcoffset() or dt.timedelta()).total_seconds()) // 60
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{'-' if offset < 0 else '+'}{hours}{f':{minutes:02d}' if minutes else ''}"


def spans_text(
    slots: Iterable[int], zone: str, week_of: dt.date, slot_minutes: int = 60
) -> list[str]:
    """UTC slots as readable spans in ``zone``, e.g. "Tuesdays, 7:30 pm to 9:30 pm IST"
    or "Sundays 10:00 pm to Mondays 1:00 am EST" (spans run on across midnight and the end
    of the week)."""
    moments = from_utc(slots, zone, week_of, slot_minutes)
    if not moments:
        return []
    name = zone_name(moments[0])
    held = {_minute_of_week(moment) for moment in moments}
    if len(held) * slot_minutes >= MINUTES_IN_WEEK:
        return [f"Any time of the week ({name})"]
    texts = []
    for start in sorted(m for m in held if (m - slot_minutes) % MINUTES_IN_WEEK not in held):
        end = start
        while (end + slot_minutes) % MINUTES_IN_WEEK in held:
            end = (end + slot_minutes) % MINUTES_IN_WEEK
        after = (end + slot_minutes) % MINUTES_IN_WEEK
        begins = clock(dt.time(start // 60 % 24, start % 60))
        at_midnight = after % (24 * 60) == 0
        finishes = "midnight" if at_midnight else clock(dt.time(after // 60 % 24, after % 60))
        first_day, last_day = start // (24 * 60), (end if at_midnight else after) // (24 * 60)
        if first_day == last_day:
            texts.append(f"{DAYS[first_day]}s, {begins} to {finishes} {name}")
        else:
            texts.append(f"{DAYS[first_day]}s {begins} to {DAYS[last_day]}s {finishes} {name}")
    return texts
