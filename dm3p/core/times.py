"""Dates and times written out for people: "Tuesday 9 December 2026, 7:00 pm EST"."""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError


def clock(moment: dt.datetime | dt.time) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def day(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def when_text(start: dt.datetime, end: dt.datetime, zone: str) -> str:
    """Start and end in ``zone``, with the zone named, e.g.
    "Tuesday 9 December 2026, 7:00 pm to 8:30 pm EST"."""
    local_start, local_end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))
    if local_start.date() == local_end.date():
        return f"{day(local_start)}, {clock(local_start)} to {clock(local_end)} {local_end:%Z}"
    return (
        f"{day(local_start)}, {clock(local_start)} {local_start:%Z} to "
        f"{day(local_end)}, {clock(local_end)} {local_end:%Z}"
    )


def zone_label(zone: str) -> str:
    """ "America/New_York" -> "New York time"."""
    return f"{zone.rsplit('/', 1)[-1].replace('_', ' ')} time"


def moment_text(moment: dt.datetime, zone: str) -> str:
    """One moment in ``zone``, with the zone named, e.g.
    "Tuesday 9 December 2026, 7:00 pm EST"."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{day(local)}, {clock(local)} {_zone_name(local)}"


def moment_short(moment: dt.datetime, zone: str) -> str:
    """The same, shorter, for a moment among many (a post's, a list's):
    "9 Dec 2026, 7:00 pm EST"."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {local:%b %Y}, {clock(local)} {_zone_name(local)}"


def _zone_name(local: dt.datetime) -> str:
    name = f"{local:%Z}"
    if name[:1] in {"+", "-"}:  # a zone with no abbreviation: "UTC+5:45"
        offset = int((local.utcoffset() or dt.timedelta()).total_seconds()) // 60
        hours, minutes = divmod(abs(offset), 60)
        name = f"UTC{'-' if offset < 0 else '+'}{hours}{f':{minutes:02d}' if minutes else ''}"
    return name


# The zones most members live in, first, with the names people call them.
COMMON_TIME_ZONES = [
    ("America/New_York", "Eastern Time (US and Canada)"),
    ("America/Chicago", "Central Time (US and Canada)"),
    ("America/Denver", "Mountain Time (US and Canada)"),
    ("America/Phoenix", "Arizona"),
    ("America/Los_Angeles", "Pacific Time (US and Canada)"),
    ("America/Anchorage", "Alaska"),
    ("Pacific/Honolulu", "Hawaii"),
    ("America/Halifax", "Atlantic Time (Canada)"),
    ("America/St_Johns", "Newfoundland"),
    ("America/Puerto_Rico", "Puerto Rico"),
    ("Europe/London", "United Kingdom and Ireland"),
    ("Europe/Berlin", "Central Europe"),
    ("Asia/Kolkata", "India"),
    ("Australia/Sydney", "Sydney and Melbourne"),
]


def time_zone_label(zone: str) -> str:
    """How a zone is shown: "Central Time (US and Canada), Chicago" or "Europe, Lisbon"."""
    friendly = dict(COMMON_TIME_ZONES).get(zone)
    area, _, place = zone.partition("/")
    place = place.replace("_", " ").replace("/", ", ")
    return f"{friendly}, {place}" if friendly else f"{area}, {place}"


def zone_words(zone: str) -> str:
    """A zone as people say it: "Eastern Time (New York)", or "Lisbon time"."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    friendly = dict(COMMON_TIME_ZONES).get(zone)
    return f"{friendly.split(' (')[0]} ({city})" if friendly else f"{city} time"


def start_words(moment: dt.datetime, zone: str) -> str:
    """When something starts, for people checking it before they save:
    "Tuesday 12 January 2027, 7:00 pm Eastern Time (New York)"."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{day(local)}, {clock(local)} {zone_words(zone)}"


def time_zone_check(value: str) -> None:
    """A zone's name as the time zone database writes it, e.g. "America/New_York"."""
    try:
        known = value in _zone_names() and bool(ZoneInfo(value))
    except (ZoneInfoNotFoundError, ValueError):
        known = False
    if not known:
        raise ValidationError(
            "Choose a time zone from the list, e.g. “America/New_York”.", code="unknown_time_zone"
        )


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())
