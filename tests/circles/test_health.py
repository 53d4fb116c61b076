"""The organizers' health page shows figures from check-ins only where at least three members
of a circle answered, so no figure is one or two people's own rating."""

import pytest

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, MatchingRound
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.factories.circles import make_check_in, make_circle, make_round, publish
from tests.helpers import signed_in
from tests.html_tree import Element, parse, table_rows

pytestmark = pytest.mark.django_db

TOO_FEW = ["Fewer than three", "Not shown: too few have checked in"]


def people(count: int, prefix: str) -> list[User]:
    made = [make_user(name=f"{prefix} {number}") for number in range(count)]
    for person in made:
        profile_ensure(user=person)
    return made


def check_in(circle: Circle, person: User, rating: int) -> None:
    make_check_in(circle=circle, member=person, rating=rating)


def health_page(round: MatchingRound) -> Element:
    response = signed_in(make_user(is_organizer=True)).get(f"/manage/circles/{round.pk}/health/")
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("h1").text() == "How the circles of Spring circles are going"
    return page


@pytest.mark.parametrize(
    ("answers", "figures"),
    [
        (1, TOO_FEW),
        (2, TOO_FEW),
        (3, ["3", "3.7 of 5"]),
    ],
)
def test_health_figures_appear_from_three_answers(answers: int, figures: list[str]) -> None:
    round = publish(make_round())
    members = people(4, "Member")
    circle = make_circle(round, members)
    for person, rating in zip(members[:answers], [5, 4, 2], strict=False):
        check_in(circle, person, rating)
    page = health_page(round)
    assert table_rows(page, "Each circle's health") == [["Circle 1", "4", *figures, "0", "Nobody"]]
    if answers < 3:
        assert "of 5" not in page.one("main").text()


def test_health_counts_people_not_check_ins() -> None:
    round = publish(make_round())
    members = people(4, "Member")
    circle = make_circle(round, members)
    for rating in (1, 2, 5):
        check_in(circle, members[0], rating)
    check_in(circle, members[1], 3)
    page = health_page(round)
    assert table_rows(page, "Each circle's health") == [["Circle 1", "4", *TOO_FEW, "0", "Nobody"]]


def test_health_figures_are_held_back_per_circle() -> None:
    round = publish(make_round())
    busy, quiet = people(3, "Busy"), people(3, "Quiet")
    first, second = make_circle(round, busy), make_circle(round, quiet)
    for person, rating in zip(busy, [4, 4, 5], strict=True):
        check_in(first, person, rating)
    check_in(second, quiet[0], 1)
    assert table_rows(health_page(round), "Each circle's health") == [
        ["Circle 1", "3", "3", "4.3 of 5", "0", "Nobody"],
        ["Circle 2", "3", *TOO_FEW, "0", "Nobody"],
    ]
