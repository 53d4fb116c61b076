"""Hours of the week between a member's own time zone and UTC.

Availability is kept as hours of the week in the member's zone (0 is Monday 00:00); the
engine wants UTC hours, and only hours every member is wholly free are suggested. Offsets
change with daylight saving, so both directions use the week in which a round starts.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from dm3p.core.times import clock
from dm3p.members.availability import DAYS

HOURS_IN_WEEK = 168


def _monday(day: dt.date) -> dt.datetime:
    monday = day - dt.timedelta(days=day.weekday())
    return dt.datetime(monday.year, monday.month, monday.day)  # noqa: DTZ001 - wall clock; zoned by callers


def _hour_of_week(moment: dt.datetime) -> int:
    return moment.weekday() * 24 + moment.hour


def to_utc(hours: list[int], zone: str, week_of: dt.date) -> list[int]:
    """Local hours of the week (in ``zone``) as the UTC hours of the week that lie wholly
    inside them; in zones a half hour off UTC, the nearest overlapping ones if none does."""
    chosen = set(hours)
    if not chosen:
        return []
    start = _monday(week_of).replace(tzinfo=dt.UTC)
    local = ZoneInfo(zone)
    inside, touching = [], []
    for hour in range(HOURS_IN_WEEK):
        begins = (start + dt.timedelta(hours=hour)).astimezone(local)
        ends = (start + dt.timedelta(hours=hour, minutes=59)).astimezone(local)
        covered = [_hour_of_week(begins) in chosen, _hour_of_week(ends) in chosen]
        if all(covered):
            inside.append(hour)
        elif any(covered):
            touching.append(hour)
    return inside or touching


def from_utc(hours: list[int], zone: str, week_of: dt.date) -> list[dt.datetime]:
    """UTC hours of the week as moments in ``zone`` during the week of ``week_of``."""
    start = _monday(week_of).replace(tzinfo=dt.UTC)
    local = ZoneInfo(zone)
    return sorted((start + dt.timedelta(hours=hour)).astimezone(local) for hour in hours)


def spans_text(hours: list[int], zone: str, week_of: dt.date) -> list[str]:
    """UTC hours as readable spans in ``zone``, e.g. "Tuesdays, 7:00 pm to 9:00 pm EST" or
    "Sundays 10:00 pm to Mondays 1:00 am EST" (spans run on across midnight and the end of
    the week)."""
    moments = from_utc(hours, zone, week_of)
    if not moments:
        return []
    minute, zone_name = moments[0].minute, f"{moments[0]:%Z}"
    held = {_hour_of_week(moment) for moment in moments}
    if len(held) == HOURS_IN_WEEK:
        return [f"Any time of the week ({zone_name})"]
    texts = []
    for start in sorted(hour for hour in held if (hour - 1) % HOURS_IN_WEEK not in held):
        end = start
        while (end + 1) % HOURS_IN_WEEK in held:
            end = (end + 1) % HOURS_IN_WEEK
        after = (end + 1) % HOURS_IN_WEEK
        begins = clock(dt.time(start % 24, minute))
        finishes = (
            "midnight" if after % 24 == 0 and minute == 0 else clock(dt.time(after % 24, minute))
        )
        if end // 24 == start // 24:
            texts.append(f"{DAYS[start // 24]}s, {begins} to {finishes} {zone_name}")
        else:
            last_day = DAYS[(end if finishes == "midnight" else after) // 24]
            texts.append(f"{DAYS[start // 24]}s {begins} to {last_day}s {finishes} {zone_name}")
    return texts
