"""A member's circle on their home: its name and its next meeting, in their time zone, with
the link to join when there is one; where to set a meeting when there is none."""

import datetime as dt

import pytest
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, MatchingRound
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_round, publish
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def member_in(zone: str) -> User:
    person = make_user(name="Mei Member")
    profile = profile_ensure(user=person)
    profile.time_zone = zone
    profile.save(update_fields=["time_zone"])
    return person


def running_round() -> MatchingRound:
    today = timezone.localdate()
    return publish(
        make_round(
            name="Autumn circles",
            signup_opens_on=today - dt.timedelta(days=90),
            signup_closes_on=today - dt.timedelta(days=70),
            starts_on=today - dt.timedelta(days=60),
            ends_on=today + dt.timedelta(days=60),
        )
    )


def circle_of(person: User, **fields: object) -> Circle:
    circle = make_circle(running_round(), [person, make_user()])
    for name, value in fields.items():
        setattr(circle, name, value)
    circle.save()
    return circle


def circle_panel(person: User) -> Element:
    response = signed_in(person).get("/home/")
    assert response.status_code == 200
    return parse(response.content).one(**{"aria-labelledby": "panel-circle"})


def links(panel: Element) -> list[tuple[str, str]]:
    return [(link.text(), link.attrs["href"]) for link in panel.all("a")]


def test_home_circle_panel_shows_the_name_and_next_meeting_in_the_members_zone() -> None:
    person = member_in("Asia/Kolkata")
    circle = circle_of(
        person,
        name="Night owls",
        next_meeting_at=ORDINARY + dt.timedelta(days=6),
        next_meeting_link="https://meet.example.org/night-owls",
    )
    panel = circle_panel(person)
    assert panel.one("h3").text() == "Night owls, Autumn circles"
    assert "Next meeting: Tuesday 16 June 2026, 8:30 pm IST" in panel.text()
    assert ("Join the meeting of Night owls", "https://meet.example.org/night-owls") in links(panel)
    assert ("Night owls, Autumn circles", f"/circles/{circle.pk}/") in links(panel)
    assert "No meeting date yet" not in panel.text()


def test_home_circle_panel_meeting_without_a_link_says_so() -> None:
    person = member_in("America/New_York")
    circle_of(person, next_meeting_at=ORDINARY + dt.timedelta(hours=4))
    panel = circle_panel(person)
    assert "Next meeting: Wednesday 10 June 2026, 3:00 pm EDT" in panel.text()
    assert "No link yet." in panel.text()
    assert "Join the meeting" not in panel.text()


@pytest.mark.parametrize(
    "meeting_at", [None, ORDINARY - dt.timedelta(days=2)], ids=["never-set", "over"]
)
def test_home_circle_panel_without_a_coming_meeting_says_where_to_set_one(
    meeting_at: dt.datetime | None,
) -> None:
    person = member_in("America/New_York")
    circle = circle_of(
        person, next_meeting_at=meeting_at, next_meeting_link="https://meet.example.org/old"
    )
    panel = circle_panel(person)
    assert panel.one("h3").text() == f"Circle {circle.number}, Autumn circles"
    assert "No meeting date yet." in panel.text()
    assert ("On your circle's page", f"/circles/{circle.pk}/") in links(panel)
    assert "Join the meeting" not in panel.text()


def test_home_circle_panel_meeting_just_started_keeps_its_link() -> None:
    person = member_in("America/New_York")
    circle_of(
        person,
        next_meeting_at=ORDINARY - dt.timedelta(hours=1),
        next_meeting_link="https://meet.example.org/now",
    )
    panel = circle_panel(person)
    assert "Next meeting: Wednesday 10 June 2026, 10:00 am EDT" in panel.text()
    assert "Join the meeting" in panel.text()


def test_home_reads_as_many_queries_with_a_meeting_as_without() -> None:
    without, with_meeting = member_in("UTC"), member_in("UTC")
    circle_of(without)
    circle_of(
        with_meeting,
        name="Tuesday circle",
        next_meeting_at=ORDINARY + dt.timedelta(days=1),
        next_meeting_link="https://meet.example.org/x",
    )
    assert queries_for_page(signed_in(without), "/home/") == queries_for_page(
        signed_in(with_meeting), "/home/"
    )
