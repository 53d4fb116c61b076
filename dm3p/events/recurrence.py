"""Monthly rules: the n-th (or last) weekday of a month, at a local time in a time zone."""

import calendar
import datetime as dt
from zoneinfo import ZoneInfo


def nth_weekday(year: int, month: int, weekday: int, week: int) -> dt.date:
    """``week`` 1-4 counts from the start of the month; -1 is the last such weekday."""
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.weekday() == weekday
    ]
    return days[-1] if week == -1 else days[week - 1]


def monthly_starts(
    *, first_month: dt.date, months: int, weekday: int, week: int, at: dt.time, zone: str
) -> list[dt.datetime]:
    """The start of each month's event, as aware datetimes (daylight saving handled by the
    zone: 19:00 stays 19:00 local all year)."""
    starts = []
    year, month = first_month.year, first_month.month
    for _ in range(months):
        date = nth_weekday(year, month, weekday, week)
        starts.append(dt.datetime.combine(date, at, tzinfo=ZoneInfo(zone)))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return starts
