"""Dates and times written out for people: "Tuesday 9 December 2026, 7:00 pm EST"."""

import datetime as dt
from zoneinfo import ZoneInfo


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
    """One instant in ``zone``, with the zone named: "Tuesday 24 November 2026, 7:00 pm EST"."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{day(local)}, {clock(local)} {local:%Z}"
