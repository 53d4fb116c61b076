"""The instants tests set the clock to, so the suite means the same at any hour of any day.

A test (or a module, through ``pytestmark``) that depends on the clock says which instant
it runs at with ``@pytest.mark.clock(INSTANT)``; tests/conftest.py freezes the clock there
for the test's whole run, factories and fixtures included. Tests that don't ask run on the
real clock (CI runs the suite once more under faketime at a nasty hour to catch any that
should have asked).
"""

import datetime as dt

# An ordinary working hour: Wednesday 10 June 2026, 11:00 am in New York (the site's zone),
# 3:00 pm UTC, the same date everywhere from Hawaii to New Zealand.
ORDINARY = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)

# Late evening in New York, already the next day in UTC: Wednesday 10 June 2026, 9:30 pm in
# New York is Thursday 11 June, 1:30 am UTC. A date taken in the wrong zone shows up here.
NEW_YORK_EVENING = dt.datetime(2026, 6, 11, 1, 30, tzinfo=dt.UTC)

# Just after midnight UTC on the day New York's clocks go forward (Sunday 14 March 2027,
# 2:00 am there): 7:30 pm on Saturday 13 March in New York.
BEFORE_SPRING_FORWARD = dt.datetime(2027, 3, 14, 0, 30, tzinfo=dt.UTC)

# New Year's Eve in New York: 11:45 pm on Thursday 31 December 2026 there, 4:45 am on
# Friday 1 January 2027 in UTC (a new day, month and year at once).
NEW_YEARS_EVE = dt.datetime(2027, 1, 1, 4, 45, tzinfo=dt.UTC)

# Every instant above, for tests that must hold at each of them.
ALL = [ORDINARY, NEW_YORK_EVENING, BEFORE_SPRING_FORWARD, NEW_YEARS_EVE]
