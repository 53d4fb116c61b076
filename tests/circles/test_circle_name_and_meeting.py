"""What a circle agrees for itself: its name, and its next meeting (a time and an https
link, shown to each member in their own zone with who set it); and the times they can all
meet, for the current week."""

import datetime as dt
import html

import pytest

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.circles.models import Circle
from dm3p.core.models import AuditEntry
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import field_error, heading, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

NEW_YORK = "America/New_York"


def member(name: str, zone: str = NEW_YORK) -> User:
    person = make_user(name=name)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(time_zone=zone)
    return person


def circle_of(people: list[User], *, zones: dict[User, str] | None = None) -> Circle:
    """The one circle of a round that began on Monday 5 January 2026 and runs till December
    (the clock is 10 June 2026), its people free on Tuesday evenings."""
    round = make_round(
        name="Spring circles",
        signup_opens_on=dt.date(2025, 12, 1),
        signup_closes_on=dt.date(2025, 12, 20),
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 12, 1),
    )
    for person in people:
        make_entry(round, person, hours=[43, 44, 45])
    circle = make_circle(round, people)
    publish(round)
    return circle


def text(response: object) -> str:
    return html.unescape(parse(response).one("main").text())  # type: ignore[arg-type]


def test_a_member_renames_the_circle_and_everyone_sees_it() -> None:
    ana, ben = member("Ana"), member("Ben")
    circle = circle_of([ana, ben])
    client = signed_in(ana)
    assert heading(client.get(f"/circles/{circle.pk}/name/")) == "Name your circle"
    response = client.post(f"/circles/{circle.pk}/name/", {"name": "  Night   owls "})
    assert response["Location"] == f"/circles/{circle.pk}/"
    circle.refresh_from_db()
    assert circle.name == "Night owls"
    page_shown(signed_in(ben).get(f"/circles/{circle.pk}/"), "Night owls of Spring circles")
    [entry] = AuditEntry.objects.filter(action="circle.rename")
    assert (entry.actor, entry.fields) == (ana, ["name"])


def test_renaming_refuses_bad_names_keeping_the_text() -> None:
    ana, ben = member("Ana"), member("Ben")
    circle = circle_of([ana, ben])
    client = signed_in(ana)
    too_long = "A" * 61
    response = client.post(f"/circles/{circle.pk}/name/", {"name": too_long})
    assert response.status_code == 200
    assert field_error(response, "name") == "Make the name 60 characters or fewer (it has 61)."
    assert parse(response).one("input", name="name").attrs["value"] == too_long
    empty = client.post(f"/circles/{circle.pk}/name/", {"name": "   "})
    assert field_error(empty, "name") == "Write a name for your circle."
    circle.refresh_from_db()
    assert circle.name == ""
    assert not AuditEntry.objects.filter(action="circle.rename").exists()


def test_only_the_circles_own_members_can_rename_or_set_the_meeting() -> None:
    ana, ben = member("Ana"), member("Ben")
    circle = circle_of([ana, ben])
    outsider = signed_in(member("Cy"))
    assert outsider.get(f"/circles/{circle.pk}/name/").status_code == 404
    assert outsider.post(f"/circles/{circle.pk}/name/", {"name": "Ours"}).status_code == 404
    assert outsider.get(f"/circles/{circle.pk}/meeting/").status_code == 404
    User.objects.filter(pk=ben.pk).update(membership_status=MembershipStatus.SUSPENDED)
    suspended = signed_in(User.objects.get(pk=ben.pk))
    assert suspended.post(f"/circles/{circle.pk}/name/", {"name": "Ours"}).status_code in {
        302,
        403,
        404,
    }
    circle.refresh_from_db()
    assert circle.name == ""


def test_next_meeting_is_shown_to_each_member_in_their_own_zone_with_who_set_it() -> None:
    ana, ben = member("Ana"), member("Ben", zone="Europe/London")
    circle = circle_of([ana, ben])
    response = signed_in(ana).post(
        f"/circles/{circle.pk}/meeting/",
        {"starts_local": "2026-06-16T19:00", "link": "https://zoom.example.org/j/123"},
    )
    assert response["Location"] == f"/circles/{circle.pk}/"
    circle.refresh_from_db()
    assert circle.next_meeting_at == dt.datetime(2026, 6, 16, 23, 0, tzinfo=dt.UTC)
    for_ben = text(signed_in(ben).get(f"/circles/{circle.pk}/"))
    assert "Wednesday 17 June 2026, 12:00 am BST" in for_ben
    assert "Set by Ana." in for_ben
    for_ana = signed_in(ana).get(f"/circles/{circle.pk}/")
    assert "Tuesday 16 June 2026, 7:00 pm EDT" in text(for_ana)
    assert "Set by you." in text(for_ana)
    [link] = [a for a in parse(for_ana).all("a") if a.text().startswith("Join the meeting")]
    assert link.attrs["href"] == "https://zoom.example.org/j/123"
    assert AuditEntry.objects.filter(action="circle.next_meeting", actor=ana).count() == 1
    # Another member changes it; the form starts from what is set, in their zone.
    form = parse(signed_in(ben).get(f"/circles/{circle.pk}/meeting/"))
    assert form.one("input", name="starts_local").attrs["value"] == "2026-06-17T00:00"


@pytest.mark.parametrize(
    ("link", "error"),
    [
        ("http://zoom.example.org/j/1", "Give a link that starts with https://"),
        ("zoom.example.org", "Give a link that starts with https://"),
        ("javascript:alert(1)", "Give a link that starts with https://"),
    ],
)
def test_meeting_link_must_be_https(link: str, error: str) -> None:
    ana, ben = member("Ana"), member("Ben")
    circle = circle_of([ana, ben])
    response = signed_in(ana).post(
        f"/circles/{circle.pk}/meeting/", {"starts_local": "2026-06-16T19:00", "link": link}
    )
    assert response.status_code == 200
    assert field_error(response, "link").startswith(error)
    assert parse(response).one("input", name="link").attrs["value"] == link
    circle.refresh_from_db()
    assert circle.next_meeting_at is None


def test_meeting_time_must_be_a_time_to_come() -> None:
    ana, ben = member("Ana"), member("Ben")
    circle = circle_of([ana, ben])
    client = signed_in(ana)
    past = client.post(f"/circles/{circle.pk}/meeting/", {"starts_local": "2026-06-01T19:00"})
    assert field_error(past, "starts_local") == "Choose a time that hasn't passed yet."
    bad = client.post(f"/circles/{circle.pk}/meeting/", {"starts_local": "next tuesday"})
    assert field_error(bad, "starts_local") == "Give the date and time like 2026-12-08 19:00."
    no_link = client.post(f"/circles/{circle.pk}/meeting/", {"starts_local": "2026-06-16T19:00"})
    assert no_link.status_code == 302
    assert "No link yet." in text(client.get(f"/circles/{circle.pk}/"))


def test_meeting_times_are_for_the_current_week_not_the_rounds_first() -> None:
    """In January New York is 5 hours behind UTC, in June 4: someone free on Wednesdays
    0:00 to 3:00 UTC shares three hours of Tuesday evening with New York in January, and
    two in June."""
    ana, ben = member("Ana"), member("Ben", zone="UTC")
    circle = circle_of([ana])
    round = circle.round
    make_entry(round, ben, hours=[48, 49, 50], zone="UTC")
    circle.memberships.create(round=round, member=ben)
    page = text(signed_in(ana).get(f"/circles/{circle.pk}/"))
    assert "Tuesdays, 8:00 pm to 10:00 pm EDT" in page
    assert "7:00 pm" not in page
    assert "for the week of Monday 8 June 2026" in page


def test_circle_page_makes_as_many_queries_with_a_meeting_and_many_members() -> None:
    ana, ben = member("Ana"), member("Ben")
    small = circle_of([ana, ben])
    client = signed_in(ana)
    one = queries_for_page(client, f"/circles/{small.pk}/")
    Circle.objects.filter(pk=small.pk).update(
        name="Night owls",
        next_meeting_at=dt.datetime(2026, 6, 16, 23, tzinfo=dt.UTC),
        next_meeting_set_by=ben,
    )
    for number in range(4):
        person = member(f"Member {number}")
        make_entry(small.round, person, hours=[43])
        small.memberships.create(round=small.round, member=person)
    assert queries_for_page(client, f"/circles/{small.pk}/") == one
