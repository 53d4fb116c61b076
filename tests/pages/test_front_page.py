"""The front page: what the program is, the next public gathering in the visitor's zone,
what members get, one way to apply; and the starting pages a site gets once."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from dm3p.core.times import when_text
from dm3p.events.enums import EventStatus, EventVisibility
from dm3p.pages.defaults import pages_fill
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, StartingPageGiven
from tests.clock import ORDINARY
from tests.factories import make_page, make_user
from tests.factories.events import make_event, make_speaker
from tests.factories.members import make_profile
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

TITLE = "Disability in Medicine Mutual Mentorship"


def front_page(client: Client | None = None) -> Element:
    response = (client or Client()).get("/")
    assert response.status_code == 200
    page = parse(response)
    assert [h1.text() for h1 in page.one("main").all("h1")] == [TITLE]
    return page


def links(element: Element) -> list[tuple[str, str]]:
    return [(link.text(), link.attrs["href"]) for link in element.all("a")]


def test_front_page_shows_the_next_public_gathering_in_the_site_zone() -> None:
    pages_fill()
    make_event(days_ahead=2, title="Members' social", visibility=EventVisibility.MEMBERS)
    make_event(days_ahead=3, title="Called off", status=EventStatus.CANCELLED)
    event = make_event(days_ahead=5, title="Getting through board exams")
    make_speaker(event=event, name="Dr. Ana Ruiz")
    make_event(days_ahead=30, title="Later gathering")
    panel = front_page().one("section", **{"aria-labelledby": "panel-next-gathering"})
    text = panel.text()
    assert panel.one("h3").text() == "Getting through board exams"
    assert "Dr. Ana Ruiz" in text
    assert when_text(event.starts_at, event.ends_at, settings.TIME_ZONE) in text
    for hidden in ["Members' social", "Called off", "Later gathering"]:
        assert hidden not in text


def test_front_page_shows_the_gathering_in_a_members_own_zone() -> None:
    pages_fill()
    member = make_user()
    make_profile(user=member, time_zone="Europe/Paris")
    event = make_event(days_ahead=5, title="Getting through board exams")
    panel = front_page(signed_in(member)).one(
        "section", **{"aria-labelledby": "panel-next-gathering"}
    )
    assert when_text(event.starts_at, event.ends_at, "Europe/Paris") in panel.text()


def test_front_page_without_a_gathering_says_when_the_next_is_announced() -> None:
    pages_fill()
    make_event(days_ahead=2, title="Members' social", visibility=EventVisibility.MEMBERS)
    panel = front_page().one("section", **{"aria-labelledby": "panel-next-gathering"})
    assert panel.text().startswith("Next gathering The next gathering is not announced yet.")


def test_front_page_has_one_call_to_apply_and_the_pages_to_read_first() -> None:
    pages_fill()
    page = front_page()
    main = links(page.one("main"))
    assert [link for link in main if link[1] == "/apply/"] == [("Apply to join", "/apply/")]
    assert ("Who can join and how it works", "/join/") in main
    for title, address in [
        ("About us", "/about/"),
        ("Why we exist", "/why-we-exist/"),
        ("What we offer", "/what-we-offer/"),
    ]:
        assert (title, address) in main
        assert (title, address) in links(page.one("nav", **{"aria-label": "Main"}))
        assert Client().get(address).status_code == 200
    header = links(page.one("header"))
    assert ("Join us", "/join/") in header
    assert [link for link in header if link[1] == "/apply/"] == []


def test_join_page_ends_with_the_same_call_to_apply() -> None:
    pages_fill()
    page = parse(Client().get("/join/"))
    assert ("Apply to join", "/apply/") in links(page.one("main"))


def test_signed_in_people_go_to_their_home_instead_of_applying() -> None:
    pages_fill()
    page = front_page(signed_in(make_user()))
    main = links(page.one("main"))
    assert ("Go to your home", "/home/") in main
    assert [link for link in main if link[1] == "/apply/"] == []
    header = links(page.one("nav", **{"aria-label": "Main"}))
    assert header[0] == ("Home", "/home/")
    assert ("Join us", "/join/") not in header


def test_front_page_reads_a_fixed_number_of_queries() -> None:
    pages_fill()
    make_speaker(event=make_event(days_ahead=5))
    one = queries_for_page(Client(), "/")
    for number in range(5):
        event = make_event(days_ahead=6 + number)
        make_speaker(event=event)
        make_speaker(event=event)
        make_page(slug=f"more-{number}", location=PageLocation.MAIN)
    assert queries_for_page(Client(), "/") == one


def test_a_site_made_before_a_starting_page_was_written_gets_it_once() -> None:
    # A site set up when only the front page and the join page existed.
    make_page(slug="home", title="Our own welcome")
    make_page(slug="join", title="Joining")
    call_command("setup", stdout=StringIO())
    assert Client().get("/about/").status_code == 200
    assert Page.objects.get(slug="home").title == "Our own welcome"
    assert set(StartingPageGiven.objects.values_list("slug", flat=True)) == set(
        Page.objects.values_list("slug", flat=True)
    )
    Page.objects.filter(slug="about").delete()
    assert pages_fill() == 0
    assert Client().get("/about/").status_code == 404
