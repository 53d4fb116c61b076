"""A matching round whose members live in zones a half or three quarters of an hour off UTC
(India, Newfoundland, central Australia, Nepal) with others in whole-hour zones: each keeps
exactly the times they chose, so people whose evenings overlap by an hour or two are placed
together, and the organizers' draft and every member's circle page show the exact common
time, each in the reader's own zone."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.selectors.engine import cohort_input, round_inputs
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.factories.circles import make_entry, make_round
from tests.helpers import Capture, run_queued_tasks, signed_in
from tests.html_tree import parse

KOLKATA = "Asia/Kolkata"
ST_JOHNS = "America/St_Johns"
ADELAIDE = "Australia/Adelaide"
KATHMANDU = "Asia/Kathmandu"
NEW_YORK = "America/New_York"
# Sign-up is open on Monday 4 January 2027; circles start the week of 11 January, when
# Newfoundland and New York keep standard time and Adelaide summer time (+10:30).
TODAY = dt.datetime(2027, 1, 4, 12, tzinfo=dt.UTC)
STARTS_ON = dt.date(2027, 1, 12)

# Every test runs on that day (factories included): the round's dates depend on it.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(TODAY)]


def page_items(client: Client, url: str) -> list[tuple[str, str, str]]:
    """The text of each h2, h3, dt, dd and li, with the h2 it falls under."""
    response = client.get(url)
    assert response.status_code == 200
    items, section = [], ""
    for element in parse(response).all():
        if element.tag in {"h2", "h3", "dt", "dd", "li"}:
            if element.tag == "h2":
                section = element.text()
            items.append((element.tag, element.text(), section))
    return items


def member(name: str, zone: str, hours: list[int], round: MatchingRound) -> User:
    """Someone in ``zone`` who opted in, free at ``hours`` of the week in their zone."""
    person = make_user(name=name)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(
        display_name=name, time_zone=zone
    )
    make_entry(round, person, hours=hours, zone=zone)
    return person


def circles_by_name(round: MatchingRound) -> list[set[str]]:
    found: dict[int, set[str]] = {}
    for circle_id, name in CircleMembership.objects.filter(round=round).values_list(
        "circle_id", "member__profile__display_name"
    ):
        found.setdefault(circle_id, set()).add(name)
    return sorted(found.values(), key=len, reverse=True)


def test_a_round_across_half_and_quarter_hour_zones_places_people_by_their_exact_times(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(
        min_size=3, max_size=5, starts_on=STARTS_ON, ends_on=STARTS_ON + dt.timedelta(days=120)
    )
    # Free together exactly Tuesday 1:30 to 3:30 pm UTC: 7 to 9 pm in India.
    asha = member("Asha", KOLKATA, [43, 44], round)  # Tuesday 7 to 9 pm
    member("Ben", ST_JOHNS, [34, 35], round)  # Tuesday 10 am to noon
    chloe = member("Chloe", ADELAIDE, [48, 49], round)  # Wednesday midnight to 2 am
    dipak = member("Dipak", KATHMANDU, [43, 44, 45], round)  # Tuesday 7 to 10 pm
    ed = member("Ed", NEW_YORK, [32, 33, 34], round)  # Tuesday 8 to 11 am
    # Free together exactly Thursday 2:30 to 3:30 pm UTC, 8 to 9 pm in India: whole UTC
    # hours wholly inside each one's choice would have left them nothing in common.
    member("Farah", KOLKATA, [91, 92], round)  # Thursday 7 to 9 pm
    member("Gus", ADELAIDE, [97, 98], round)  # Friday 1 to 3 am
    member("Hana", ST_JOHNS, [83, 84], round)  # Thursday 11 am to 1 pm

    boss = make_user(is_organizer=True)
    Profile.objects.filter(pk=profile_ensure(user=boss).pk).update(time_zone=KOLKATA)
    organizer = signed_in(boss)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(f"/manage/circles/{round.pk}/", {"action": "run"})
    assert response.status_code == 302
    run_queued_tasks()
    round.refresh_from_db()

    assert round.run_status == "done"
    assert circles_by_name(round) == [
        {"Asha", "Ben", "Chloe", "Dipak", "Ed"},
        {"Farah", "Gus", "Hana"},
    ]
    assert list(RoundEntry.objects.exclude(unassigned_reason="")) == []

    draft = page_items(organizer, f"/manage/circles/{round.pk}/")
    free = [text for tag, text, _ in draft if tag == "dd" and " a week" in text]
    assert sorted(free) == [
        "1 hour a week, such as Thursdays, 8:00 pm to 9:00 pm IST",
        "2 hours a week, such as Tuesdays, 7:00 pm to 9:00 pm IST",
    ]

    MatchingRound.objects.filter(pk=round.pk).update(signup_closed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(f"/manage/circles/{round.pk}/publish/")
    circle = CircleMembership.objects.get(member=asha).circle_id
    shown = {
        name: [
            text
            for tag, text, section in page_items(signed_in(person), f"/circles/{circle}/")
            if tag == "li" and section == "When you can all meet"
        ]
        for name, person in {"Asha": asha, "Chloe": chloe, "Dipak": dipak, "Ed": ed}.items()
    }
    assert shown == {
        "Asha": ["Tuesdays, 7:00 pm to 9:00 pm IST"],
        "Chloe": ["Wednesdays, 12:00 am to 2:00 am ACDT"],
        "Dipak": ["Tuesdays, 7:15 pm to 9:15 pm UTC+5:45"],
        "Ed": ["Tuesdays, 8:30 am to 10:30 am EST"],
    }


def test_the_engine_gets_whole_hours_unless_a_zone_needs_finer_slots() -> None:
    whole = make_round(starts_on=STARTS_ON)
    ed = member("Ed", NEW_YORK, [43, 44, 45], whole)  # Tuesday 7 to 10 pm
    member("Eve", "Europe/London", [43], whole)
    cohort = cohort_input(round=whole, inputs=round_inputs(round=whole), member_ids=[ed.pk])
    assert "slot_minutes" not in cohort
    assert cohort["members"][0]["slots"] == [48, 49, 50]  # Wednesday midnight UTC on

    half = make_round(starts_on=STARTS_ON)
    asha = member("Asha", KOLKATA, [43, 44, 45], half)
    make_entry(half, ed, hours=[43, 44, 45])
    # Someone in a quarter-hour zone who gave no times (any time) doesn't need finer slots.
    member("Dipak", KATHMANDU, [], half)
    cohort = cohort_input(round=half, inputs=round_inputs(round=half), member_ids=[asha.pk, ed.pk])
    assert cohort["slot_minutes"] == 30
    assert [item["slots"] for item in cohort["members"]] == [
        list(range(96, 102)),  # Ed: Wednesday midnight to 3 am UTC, in half hours
        list(range(75, 81)),  # Asha: Tuesday 1:30 to 4:30 pm UTC
    ]
