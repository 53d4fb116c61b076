"""The staff home (/manage/): where staff land after signing in, what needs them now as
counts linked to the work, one panel per app for those whose permissions allow it, in a
fixed number of queries, never naming the members behind the figures; and the one staff
menu, titled for the role that sees it."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client

from dm3p.accounts.models import User
from tests.clock import ORDINARY
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_user, user_for_role
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, parse
from tests.site_pages import staff_home_rows

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def staff(role: str, **fields: object) -> User:
    person = user_for_role(role, **fields)
    assert person is not None
    return person


def staff_home(person: User) -> Element:
    response = signed_in(person).get("/manage/")
    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text() == "What needs you now"
    return page


def panels(page: Element) -> dict[str, str]:
    """Each panel's heading and its text."""
    return {
        section.one("h2").text(): section.text()
        for section in page.one("main").all("section", class_="panel")
    }


# Signing in


def _sign_in(person: User) -> str:
    """Sign in through the forms, as a person would: where they land."""
    cache.clear()  # rate-limit counters live in the cache
    client = Client()
    response = client.post("/accounts/login/", {"login": person.email, "password": TEST_PASSWORD})
    if response["Location"] == "/accounts/2fa/authenticate/":
        code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
        response = client.post("/accounts/2fa/authenticate/", {"code": str(code)})
    return str(response["Location"])


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("organizer", "/manage/"),
        ("coordinator", "/manage/"),
        ("admin", "/manage/"),
        ("member", "/home/"),
        ("ally", "/home/"),
    ],
)
def test_signing_in_lands_staff_on_the_staff_home_and_members_on_their_home(
    role: str, lands_on: str
) -> None:
    assert _sign_in(staff(role)) == lands_on


def test_a_next_address_wins_over_the_staff_home() -> None:
    organizer = staff("organizer")
    cache.clear()
    client = Client()
    response = client.post(
        "/accounts/login/?next=/manage/events/",
        {"login": organizer.email, "password": TEST_PASSWORD, "next": "/manage/events/"},
    )
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
    response = client.post(response["Location"], {"code": str(code)})
    assert response["Location"] == "/manage/events/"


def test_members_are_not_shown_the_staff_home() -> None:
    assert signed_in(staff("member")).get("/manage/").status_code == 404


def test_staff_without_two_factor_set_up_are_sent_to_set_it_up() -> None:
    coordinator = staff("coordinator", mfa=False)
    assert signed_in(coordinator).get("/manage/")["Location"] == "/accounts/2fa/"


# What each role sees


def test_an_organizer_sees_every_panel_of_their_work_and_no_access_requests() -> None:
    assert list(panels(staff_home(staff("organizer")))) == [
        "Reports",
        "Conversations to review",
        "Applications",
        "Next gathering",
        "Support asked for",
        "Matching rounds",
        "Circles that may need help",
    ]


def test_a_coordinator_sees_access_requests_and_the_support_asked_for() -> None:
    assert list(panels(staff_home(staff("coordinator")))) == [
        "Access requests",
        "Support asked for",
    ]


def test_panels_with_work_waiting_come_before_those_with_nothing_waiting() -> None:
    staff_home_rows(1)
    organizer = staff("organizer")
    shown = list(panels(staff_home(organizer)))
    assert shown == [
        "Reports",
        "Applications",
        "Next gathering",
        "Support asked for",
        "Matching rounds",
        "Circles that may need help",
        "Conversations to review",
    ]


def test_with_nothing_waiting_each_panel_says_so() -> None:
    shown = panels(staff_home(staff("organizer")))
    assert shown["Reports"] == "Reports Nothing waiting: no report is open."
    assert shown["Applications"] == "Applications Nothing waiting: no application waits for review."
    assert shown["Next gathering"] == (
        "Next gathering Nothing planned: no gathering is scheduled. Plan a gathering."
    )
    assert shown["Matching rounds"] == (
        "Matching rounds Nothing waiting: no round is open. Open a new round."
    )
    assert shown["Circles that may need help"] == (
        "Circles that may need help Nothing waiting: no running circle's check-ins say it is "
        "struggling."
    )
    coordinator = panels(staff_home(staff("coordinator")))
    assert coordinator["Access requests"] == (
        "Access requests Nothing waiting: no request for a gathering to come is still open."
    )


def test_an_organizer_sees_what_waits_as_counts_linked_to_the_work() -> None:
    staff_home_rows(2)
    page = staff_home(staff("organizer"))
    shown = panels(page)
    assert shown["Applications"] == (
        "Applications 2 applications wait for review The oldest was sent 28 May: 13 days ago."
    )
    assert shown["Reports"].startswith("Reports 2 reports are open 2 not acknowledged yet")
    assert (
        "2 coming 40 places in all 1 maybe 1 on the waiting list 0 can't come"
        in (shown["Next gathering"])
    )
    assert "December gathering" in shown["Next gathering"]
    assert shown["Support asked for"] == (
        "Support asked for At the next gathering, December gathering. "
        "ASL interpretation: 2 asked, 1 arranged, 1 still open. "
        "Other sign language: 2 asked, 0 arranged, 2 still open."
    )
    assert shown["Matching rounds"].startswith("Matching rounds 2 rounds wait for you")
    assert (
        "Winter circles 1: 0 signed up. Sign-up has closed: ready to match."
        in (shown["Matching rounds"])
    )
    assert shown["Circles that may need help"] == (
        "Circles that may need help "
        "Circle 1, Autumn circles: latest ratings average 2.0 of 5; 1 asked for a different "
        "circle. "
        "Circle 2, Autumn circles: latest ratings average 2.0 of 5; 1 asked for a different "
        "circle."
    )
    links = {link.text(): link.attrs.get("href") for link in page.one("main").all("a")}
    assert links["2 applications wait for review"] == "/manage/applications/?status=submitted"
    assert links["2 reports are open"] == "/manage/reports/"


def test_a_coordinator_sees_the_requests_to_arrange_soonest_and_at_risk() -> None:
    staff_home_rows(1)
    shown = panels(staff_home(staff("coordinator")))
    requests = shown["Access requests"]
    assert requests.startswith("Access requests 1 request is open 1 at risk")
    assert (
        "Other sign language for December gathering: ask by Friday 29 May 2026 (passed)" in requests
    )
    assert "Received, at risk." in requests


# Privacy: counts, never who


NEVER_SHOWN = [
    "Asker",
    "Needs-detail",
    "Applicant 0",
    "Health-detail",
    "Attendee",
    "Circle member",
    "Reporter",
    "Reported",
    "Report-reason",
]


@pytest.mark.parametrize("role", ["organizer", "coordinator", "admin"])
def test_the_staff_home_never_names_the_people_behind_its_figures(role: str) -> None:
    staff_home_rows(2)
    main = staff_home(staff(role)).one("main").text()
    assert [marker for marker in NEVER_SHOWN if marker in main] == []


def test_an_organizer_who_is_not_a_coordinator_sees_no_access_request_of_anyone() -> None:
    staff_home_rows(1)
    page = staff_home(staff("organizer"))
    hrefs = [link.attrs.get("href") or "" for link in page.all("a")]
    requests = re.compile(r"^/manage/access/(\d+/)?$")
    assert [href for href in hrefs if requests.match(href)] == []


# Queries


@pytest.mark.parametrize("role", ["organizer", "coordinator"])
def test_the_staff_home_reads_in_the_same_number_of_queries_for_one_row_or_many(
    role: str,
) -> None:
    person = staff(role)
    staff_home_rows(1)
    one = queries_for_page(signed_in(person), "/manage/")
    staff_home_rows(4)
    assert queries_for_page(signed_in(person), "/manage/") == one


# The staff menu


def _staff_menu(person: User) -> tuple[str, list[str]]:
    page = parse(signed_in(person).get("/home/"))
    menu = page.one("nav", class_="staff-bar")
    return menu.one("h2").text(), [link.text() for link in menu.all("a")]


def test_the_staff_menu_is_titled_for_the_role_that_sees_it_and_starts_at_the_staff_home() -> None:
    title, links = _staff_menu(staff("coordinator"))
    assert (title, links) == ("Accommodations", ["What needs you", "Access requests"])
    title, links = _staff_menu(staff("organizer"))
    assert title == "Organizer tools"
    assert links[:2] == ["What needs you", "Applications"]
    title, links = _staff_menu(staff("admin"))
    assert title == "Organizer tools"
    assert links[0] == "What needs you"


@pytest.mark.parametrize("role", ["organizer", "admin", "coordinator"])
def test_the_header_has_no_two_links_with_one_name_or_one_address(role: str) -> None:
    person = staff(role)
    if role == "admin":
        person.is_organizer = person.is_coordinator = True
        person.save()
    header = parse(signed_in(person).get("/home/")).one("header")
    links = [(link.text(), link.attrs.get("href")) for link in header.all("a")]
    names = [name for name, _ in links]
    addresses = [address for _, address in links]
    assert len(set(names)) == len(names), names
    assert len(set(addresses)) == len(addresses), addresses


def test_a_members_home_points_staff_to_the_staff_home_and_members_nowhere() -> None:
    page = parse(signed_in(staff("coordinator")).get("/home/"))
    box = page.one(**{"aria-labelledby": "panel-staff"})
    assert box.text() == ("Accommodations What needs you now: the work waiting for you as staff.")
    assert box.one("a").attrs.get("href") == "/manage/"
    member_page = parse(signed_in(make_user()).get("/home/"))
    assert member_page.all(**{"aria-labelledby": "panel-staff"}) == []
