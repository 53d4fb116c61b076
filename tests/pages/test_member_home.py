"""A person's home (/home/): one panel per app, for each role, in a fixed number of
queries; signing in lands there."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.circles.models import MatchingRound
from dm3p.events.enums import EventVisibility, RsvpAnswer
from dm3p.members.enums import ApplicationStatus
from tests.clock import ORDINARY
from tests.factories import TEST_PASSWORD, make_user
from tests.factories.circles import make_circle, make_round, publish
from tests.factories.events import make_event, make_rsvp
from tests.factories.members import make_profile
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, parse
from tests.site_pages import home_rows, own_application

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def home(person: object) -> Element:
    response = signed_in(person).get("/home/")  # type: ignore[arg-type]
    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text().startswith("Welcome, ")
    return page


def panel_titles(page: Element) -> list[str]:
    return [section.one("h2").text() for section in page.one("main").all(class_="panel")]


def panel(page: Element, name: str) -> str:
    return page.one(**{"aria-labelledby": f"panel-{name}"}).text()


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


def test_signing_in_lands_on_home() -> None:
    person = make_user(email="rosa@example.org")
    response = Client().post(
        "/accounts/login/", {"login": "rosa@example.org", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/home/"
    assert person.is_authenticated


def test_visitors_sign_in_first() -> None:
    response = Client().get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_in_a_circle_sees_their_gathering_answer_circle_and_check_in() -> None:
    member = make_user(name="Mei Member")
    make_profile(user=member, display_name="Mei", bio="Nurse.", availability=[10])
    event = make_event(days_ahead=3, title="Members' evening", visibility=EventVisibility.MEMBERS)
    make_rsvp(event=event, member=member, answer=RsvpAnswer.GOING)
    circle = make_circle(running_round(), [member, make_user()])
    page = home(member)
    assert page.one("h1").text() == "Welcome, Mei"
    assert panel_titles(page) == [
        "Your next gathering",
        "Your circle",
        "Your access requests",
        "Messages",
    ]
    assert "Members' evening" in panel(page, "next-gathering")
    assert "Your answer: I'm coming." in panel(page, "next-gathering")
    circle_text = panel(page, "circle")
    assert f"Circle {circle.number}, Autumn circles" in circle_text
    assert "Your check-in is due." in circle_text
    assert "No new messages." in panel(page, "messages")


def test_member_without_a_circle_or_gathering_is_told_how_each_comes() -> None:
    member = make_user()
    page = home(member)
    assert panel_titles(page) == [
        "Your next gathering",
        "Your circle",
        "Your access requests",
        "Messages",
        "Your profile",
    ]
    assert "The next gathering is not announced yet." in panel(page, "next-gathering")
    circle_text = panel(page, "circle")
    assert "You are not in a circle yet. Circles form in rounds" in circle_text
    assert "When the next round opens, you will see it here" in circle_text
    assert "Add a few words about yourself and the times you are usually free." in panel(
        page, "profile-step"
    )


def test_member_sees_a_round_open_for_sign_up() -> None:
    member = make_user()
    round = make_round(name="Winter circles")
    page = home(member)
    circle_text = panel(page, "circle")
    assert "Sign-up is open: Winter circles" in circle_text
    assert ("Sign up for a circle", f"/circles/rounds/{round.pk}/") in [
        (link.text(), link.attrs["href"]) for link in page.all("a")
    ]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (ApplicationStatus.DRAFT, "Your application is not sent yet."),
        (ApplicationStatus.SUBMITTED, "Your application is waiting for review"),
        (ApplicationStatus.MORE_INFO, "An organizer has a question about your application."),
    ],
)
def test_applicant_sees_their_application_and_what_happens_next(
    status: ApplicationStatus, words: str
) -> None:
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    own_application(status)(applicant)
    make_event(days_ahead=3, title="Members' evening", visibility=EventVisibility.MEMBERS)
    make_event(days_ahead=4, title="Open evening")
    page = home(applicant)
    assert panel_titles(page) == ["Your application", "Next gathering"]
    assert words in panel(page, "application")
    gathering = panel(page, "next-gathering")
    assert "Open evening" in gathering
    assert "Gatherings are for members" in gathering


def test_staff_are_pointed_to_the_staff_home_from_their_home() -> None:
    organizer = make_user(is_organizer=True)
    page = home(organizer)
    tools = page.one("section", **{"aria-labelledby": "panel-staff"})
    assert tools.one("h2").text() == "Organizer tools"
    assert [(link.text(), link.attrs["href"]) for link in tools.all("a")] == [
        ("What needs you now", "/manage/")
    ]


def test_home_reads_a_fixed_number_of_queries() -> None:
    one, many = make_user(), make_user()
    home_rows(one, 1)
    home_rows(many, 5)
    assert queries_for_page(signed_in(one), "/home/") == queries_for_page(signed_in(many), "/home/")


def test_applicant_home_reads_a_fixed_number_of_queries() -> None:
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    own_application(ApplicationStatus.SUBMITTED)(applicant)
    make_event(days_ahead=3)
    one = queries_for_page(signed_in(applicant), "/home/")
    for number in range(4):
        make_event(days_ahead=4 + number)
    assert queries_for_page(signed_in(applicant), "/home/") == one
