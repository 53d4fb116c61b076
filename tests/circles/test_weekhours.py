"""Times of the week between members' zones and UTC, in zones a half or three quarters of an
hour off UTC as in whole-hour ones: the slots suit every zone, and nothing chosen is lost."""

import datetime as dt

import pytest

from dm3p.circles.weekhours import (
    duration_text,
    from_utc,
    meeting_slots,
    slot_minutes_for,
    spans_text,
    to_utc,
    zone_name,
)

KOLKATA = "Asia/Kolkata"  # +5:30
ST_JOHNS = "America/St_Johns"  # -3:30, -2:30 in the northern summer
KATHMANDU = "Asia/Kathmandu"  # +5:45
ADELAIDE = "Australia/Adelaide"  # +10:30 in the southern summer, +9:30 in its winter
NEW_YORK = "America/New_York"  # -5, -4 in summer
JANUARY = dt.date(2027, 1, 12)  # a Tuesday; its week starts Monday 11 January
JULY = dt.date(2027, 7, 13)
TUESDAY_7_TO_10_PM = [43, 44, 45]  # local hours of the week, Monday 00:00 is 0


def moment_of_week(moment: dt.datetime) -> tuple[int, int, int]:
    return moment.weekday(), moment.hour, moment.minute


@pytest.mark.parametrize(
    ("zones", "minutes"),
    [
        ([NEW_YORK, "Europe/Berlin", "UTC"], 60),
        ([KOLKATA], 30),
        ([ST_JOHNS], 30),
        ([ADELAIDE], 30),
        ([NEW_YORK, KOLKATA, ADELAIDE], 30),
        ([KATHMANDU], 15),
        ([KOLKATA, KATHMANDU, NEW_YORK], 15),
        ([], 60),
    ],
)
def test_slots_are_whole_hours_unless_a_zone_needs_finer_ones(
    zones: list[str], minutes: int
) -> None:
    assert slot_minutes_for(zones, JANUARY) == minutes
    assert slot_minutes_for(zones, JULY) == minutes


@pytest.mark.parametrize(
    ("zone", "week_of", "minutes", "first_utc_slot"),
    [
        # Tuesday 7 pm is 1:30 pm UTC: half hour 2 * (24 + 13) + 1 of the week.
        (KOLKATA, JANUARY, 30, 75),
        (KOLKATA, JULY, 30, 75),
        # 7 pm NST is 10:30 pm UTC; 7 pm NDT is 9:30 pm UTC.
        (ST_JOHNS, JANUARY, 30, 93),
        (ST_JOHNS, JULY, 30, 91),
        # 7 pm ACDT is 8:30 am UTC; 7 pm ACST is 9:30 am UTC.
        (ADELAIDE, JANUARY, 30, 65),
        (ADELAIDE, JULY, 30, 67),
        # 7 pm in Nepal is 1:15 pm UTC: quarter hour 4 * (24 + 13) + 1.
        (KATHMANDU, JANUARY, 15, 149),
        # 7 pm EST is midnight UTC (Wednesday); 7 pm EDT is 11 pm UTC.
        (NEW_YORK, JANUARY, 60, 48),
        (NEW_YORK, JULY, 60, 47),
    ],
)
def test_local_hours_become_exactly_the_same_utc_slots(
    zone: str, week_of: dt.date, minutes: int, first_utc_slot: int
) -> None:
    per_hour = 60 // minutes
    slots = to_utc(TUESDAY_7_TO_10_PM, zone, week_of, minutes)
    assert slots == list(range(first_utc_slot, first_utc_slot + 3 * per_hour))


@pytest.mark.parametrize("zone", [KOLKATA, ST_JOHNS, KATHMANDU, ADELAIDE, NEW_YORK])
@pytest.mark.parametrize("week_of", [JANUARY, JULY])
def test_utc_slots_come_back_as_the_same_local_times(zone: str, week_of: dt.date) -> None:
    """Scattered hours, across midnight and the end of the week: every minute chosen comes
    back, and nothing else."""
    hours = [0, 1, 43, 44, 45, 100, 166, 167]
    minutes = slot_minutes_for([zone], week_of)
    moments = from_utc(to_utc(hours, zone, week_of, minutes), zone, week_of, minutes)
    assert len(moments) == len(hours) * 60 // minutes
    assert sorted({moment.weekday() * 24 + moment.hour for moment in moments}) == hours
    assert {moment.minute for moment in moments} == set(range(0, 60, minutes))


def test_from_utc_gives_the_local_start_of_each_slot() -> None:
    assert [moment_of_week(m) for m in from_utc([75, 76], KOLKATA, JANUARY, 30)] == [
        (1, 19, 0),
        (1, 19, 30),
    ]
    assert [moment_of_week(m) for m in from_utc([149], KATHMANDU, JANUARY, 15)] == [(1, 19, 0)]
    assert [moment_of_week(m) for m in from_utc([65], ADELAIDE, JANUARY, 30)] == [(1, 19, 0)]
    assert [moment_of_week(m) for m in from_utc([93], ST_JOHNS, JANUARY, 30)] == [(1, 19, 0)]


def test_whole_hour_slots_in_a_half_hour_zone_keep_only_hours_wholly_inside() -> None:
    """What the app no longer does for such zones: Tuesday 7 to 10 pm in India kept only
    2 to 4 pm UTC (7:30 to 9:30 pm there), losing an hour of the evening."""
    assert to_utc(TUESDAY_7_TO_10_PM, KOLKATA, JANUARY) == [38, 39]
    assert to_utc(TUESDAY_7_TO_10_PM, KOLKATA, JANUARY, 30) == [75, 76, 77, 78, 79, 80]


def test_half_hour_times_read_right_in_every_zone() -> None:
    """Tuesday 2 to 4 pm UTC is 7:30 to 9:30 pm in India."""
    common = list(range(76, 80))
    assert spans_text(common, KOLKATA, JANUARY, 30) == ["Tuesdays, 7:30 pm to 9:30 pm IST"]
    assert spans_text(common, NEW_YORK, JANUARY, 30) == ["Tuesdays, 9:00 am to 11:00 am EST"]
    assert spans_text(common, ST_JOHNS, JANUARY, 30) == ["Tuesdays, 10:30 am to 12:30 pm NST"]
    assert spans_text(common, ADELAIDE, JANUARY, 30) == ["Wednesdays, 12:30 am to 2:30 am ACDT"]
    assert spans_text(common, ADELAIDE, JULY, 30) == [
        "Tuesdays 11:30 pm to Wednesdays 1:30 am ACST"
    ]


def test_quarter_hour_times_read_right_and_name_a_numbered_zone() -> None:
    """Monday 1:15 to 3:15 pm UTC is 7 to 9 pm in Nepal, whose zone has no abbreviation."""
    common = list(range(53, 61))
    assert spans_text(common, KATHMANDU, JANUARY, 15) == ["Mondays, 7:00 pm to 9:00 pm UTC+5:45"]
    assert spans_text(common, KOLKATA, JANUARY, 15) == ["Mondays, 6:45 pm to 8:45 pm IST"]
    assert spans_text(common, "America/Sao_Paulo", JANUARY, 15) == [
        "Mondays, 10:15 am to 12:15 pm UTC-3"
    ]


def test_half_hour_spans_run_on_across_midnight_and_the_end_of_the_week() -> None:
    sunday_night = to_utc([166, 167, 0], KOLKATA, JANUARY, 30)  # Sunday 10 pm to Monday 1 am
    assert spans_text(sunday_night, KOLKATA, JANUARY, 30) == [
        "Sundays 10:00 pm to Mondays 1:00 am IST"
    ]
    assert spans_text(sunday_night, "UTC", JANUARY, 30) == ["Sundays, 4:30 pm to 7:30 pm UTC"]
    evening = to_utc([21, 22, 23], KOLKATA, JANUARY, 30)
    assert spans_text(evening, KOLKATA, JANUARY, 30) == ["Mondays, 9:00 pm to midnight IST"]
    assert spans_text(range(336), KOLKATA, JANUARY, 30) == ["Any time of the week (IST)"]


def test_meeting_times_leave_out_shared_moments_shorter_than_an_hour() -> None:
    assert meeting_slots([10, 11, 12, 20, 335, 0], 30) == [0, 10, 11, 12, 335]
    assert meeting_slots([10, 11, 12, 20], 15) == []
    assert meeting_slots([1, 2, 3, 4, 20], 15) == [1, 2, 3, 4]
    assert meeting_slots([5, 9], 60) == [5, 9]


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (60, "1 hour"),
        (120, "2 hours"),
        (150, "2 hours 30 minutes"),
        (45, "45 minutes"),
        (0, "0 minutes"),
        (1, "1 minute"),
    ],
)
def test_durations_read_in_hours_and_minutes(minutes: int, text: str) -> None:
    assert duration_text(minutes) == text


def test_a_zone_with_only_a_number_is_named_from_utc() -> None:
    [nepal] = from_utc([0], KATHMANDU, JANUARY)
    [india] = from_utc([0], KOLKATA, JANUARY)
    assert (zone_name(nepal), zone_name(india)) == ("UTC+5:45", "IST")
