"""The draft's list of people in no circle: why each is left out and what would help, on a
cohort whose answer is known (an hour, a way to take part, a place, an avoid list that stays
hidden)."""

import html

import pytest
from django.test import Client

from dm3p.accounts.models import User
from dm3p.circles.models import MatchingPreferences, MatchingRound
from dm3p.circles.selectors.round_pages import draft_of
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile, Term
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round
from tests.factories.members import make_term
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

# Hours of the week in New York (Monday 00:00 is 0): Tuesday 7 pm, Tuesday 8 pm, Wednesday noon.
TUESDAY_7PM, TUESDAY_8PM, WEDNESDAY_NOON = 43, 44, 60


def member(name: str) -> User:
    person = make_user(name=name)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(time_zone="America/New_York")
    return person


def organizer() -> Client:
    person = make_user(is_organizer=True)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(time_zone="America/New_York")
    return signed_in(person)


def avoids(owner: User, other: User) -> None:
    preferences, _ = MatchingPreferences.objects.get_or_create(member=owner)
    preferences.avoid.add(other)


def circle_at(
    round: MatchingRound, prefix: str, count: int, hour: int, modes: list[Term]
) -> list[User]:
    people = [member(f"{prefix} {number}") for number in range(1, count + 1)]
    for person in people:
        make_entry(round, person, hours=[hour], modes=modes)
    make_circle(round, people)
    return people


def left_out(round: MatchingRound, name: str, hour: int, modes: list[Term]) -> User:
    person = member(name)
    make_entry(round, person, hours=[hour], modes=modes)
    return person


def rows(client: Client, round: MatchingRound) -> dict[str, tuple[str, str]]:
    """Each person not placed: (why, what would help), as the page shows them."""
    page = parse(client.get(f"/manage/circles/{round.pk}/"))
    table = next(t for t in page.all("table") if "not in any circle" in t.text())
    found = {}
    for row in table.all("tr")[1:]:
        cells = row.all("td")  # a tick box while the draft can change, then why and help
        name = row.all("th")[0].text().strip()
        found[name] = (
            html.unescape(cells[-2].text().strip()),
            html.unescape(cells[-1].text().strip()),
        )
    return found


def known_cohort() -> tuple[MatchingRound, dict[str, User]]:
    """Circle 1 meets Tuesdays at 7 pm by text chat and has room; Circle 2 meets Wednesdays
    at noon, any way, and is full. Each person left out needs exactly one thing."""
    chat = make_term(TermKind.MODE, "Text chat")
    asl = make_term(TermKind.MODE, "ASL")
    round = make_round(min_size=3, max_size=4)
    first = circle_at(round, "Tuesday", 3, TUESDAY_7PM, [chat])
    circle_at(round, "Wednesday", 4, WEDNESDAY_NOON, [])
    people = {
        "hour": left_out(round, "Hour Short", TUESDAY_8PM, [chat]),
        "mode": left_out(round, "Mode Short", TUESDAY_7PM, [asl]),
        "size": left_out(round, "Size Short", WEDNESDAY_NOON, []),
        "avoider": left_out(round, "Quiet Avoider", TUESDAY_7PM, [chat]),
    }
    avoids(people["avoider"], first[0])
    return round, people


def test_each_person_left_out_reads_the_one_change_that_would_let_them_in() -> None:
    round, _ = known_cohort()
    found = rows(organizer(), round)
    assert found["Hour Short"] == (
        "No other member shares any available hour.",
        "One more evening hour free (Tuesdays at 7:00 pm EDT) would let them join Circle 1.",
    )
    assert found["Mode Short"][1] == "Accepting Text chat would let them join Circle 1."
    assert found["Size Short"][1] == (
        "One more evening hour free (Tuesdays at 7:00 pm EDT) would let them join Circle 1. "
        "Allowing 5 people in Circle 2, one more than the round's largest circle, would let "
        "them join it."
    )


def test_an_avoid_list_in_the_way_reads_only_as_a_constraint_and_points_at_no_circle() -> None:
    round, _ = known_cohort()
    why, helps = rows(organizer(), round)["Quiet Avoider"]
    assert "constraint applies" in why
    assert helps == "No single change to one circle would let them join it."
    assert "Tuesday 1" not in why + helps


def test_no_suggestion_where_avoidance_is_in_the_way_besides_the_hour() -> None:
    """Two people with the same times and ways: one more hour would let the first join
    Circle 1; the second is on the list of someone there, so nothing is said of Circle 1
    for them (it would suggest that the hour alone is in the way)."""
    chat = make_term(TermKind.MODE, "Text chat")
    round = make_round(min_size=3, max_size=5)
    first = circle_at(round, "Tuesday", 3, TUESDAY_7PM, [chat])
    left_out(round, "Hour Short", TUESDAY_8PM, [chat])
    hidden = left_out(round, "Hidden Reason", TUESDAY_8PM, [chat])
    avoids(first[1], hidden)  # listed by someone in the circle, not by them
    found = rows(organizer(), round)
    assert "Circle 1" in found["Hour Short"][1]
    assert found["Hidden Reason"][0] == found["Hour Short"][0]
    assert "Circle 1" not in found["Hidden Reason"][1]
    assert "Tuesday 2" not in str(found)


def test_a_circle_that_suits_them_as_it_is_is_said_first() -> None:
    round = make_round(min_size=3, max_size=5)
    circle_at(round, "Tuesday", 3, TUESDAY_7PM, [])
    left_out(round, "Late Joiner", TUESDAY_7PM, [])
    _why, helps = rows(organizer(), round)["Late Joiner"]
    assert helps.startswith("Circle 1 suits them as it is")


def test_taken_out_by_an_organizer_keeps_saying_so() -> None:
    round = make_round(min_size=3, max_size=5)
    people = circle_at(round, "Tuesday", 4, TUESDAY_7PM, [])
    client = organizer()
    client.post(f"/manage/circles/{round.pk}/draft/move/", {"people": [people[0].pk], "to": "out"})
    why, helps = rows(client, round)["Tuesday 1"]
    assert why == "Taken out of the circles by an organizer."
    assert helps.startswith("Circle 1 suits them as it is")


def test_at_most_three_suggestions_per_person() -> None:
    round = make_round(min_size=3, max_size=5)
    for hour in (40, 41, 42, 43, 46):
        circle_at(round, f"At {hour}", 3, hour, [])
    left_out(round, "Many Options", 50, [])
    draft = draft_of(round=round, zone="America/New_York")
    (row,) = draft.unplaced_rows
    assert len(row.helps) == 3


def test_the_draft_page_makes_as_many_queries_with_one_or_many_people_left_out() -> None:
    chat = make_term(TermKind.MODE, "Text chat")
    asl = make_term(TermKind.MODE, "ASL")
    round = make_round(min_size=3, max_size=4)
    circle_at(round, "Tuesday", 3, TUESDAY_7PM, [chat])
    left_out(round, "Hour Short", TUESDAY_8PM, [chat])
    client = organizer()
    url = f"/manage/circles/{round.pk}/"
    with_one = queries_for_page(client, url)
    circle_at(round, "Wednesday", 4, WEDNESDAY_NOON, [])
    for number in range(5):
        left_out(round, f"Mode Short {number}", TUESDAY_7PM, [asl])
        left_out(round, f"Size Short {number}", WEDNESDAY_NOON, [])
    assert queries_for_page(client, url) == with_one
    assert len(draft_of(round=round, zone="UTC").unplaced_rows) == 11
