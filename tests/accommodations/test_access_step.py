"""The access-needs step of a gathering: each kind of support with its own "ask by" date
beside its checkbox, in the member's zone; saying "going" leads straight to it."""

import datetime as dt

import pytest

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationType
from dm3p.events.links import answer_token
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request, make_accommodation_type
from tests.factories.events import make_event, make_rsvp
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse, table_rows

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def test_each_kind_shows_its_own_ask_by_date_beside_its_checkbox_in_the_members_zone() -> None:
    types_fill()
    # Wednesday 8 July 2026, 11:00 pm UTC: 7:00 pm in New York, midnight in London.
    event = make_event(
        starts_at=dt.datetime(2026, 7, 8, 23, 0, tzinfo=dt.UTC), time_zone="America/New_York"
    )
    member = make_user()
    Profile.objects.filter(pk=profile_ensure(user=member).pk).update(time_zone="Europe/London")
    page = parse(signed_in(member).get(f"/events/{event.pk}/access/"))
    hints = {}
    for row in page.all("div", class_="choice-with-question"):
        box = row.one("input", type="checkbox")
        hint = row.one("p", class_="ask-by")
        assert box.attrs["aria-describedby"] == hint.attrs["id"]
        hints[row.all("label")[0].text()] = hint.text()
    assert hints["ASL interpretation"] == "Ask by Thursday 25 June 2026, 12:00 am BST."
    assert hints["CART captions in my breakout room"] == (
        "Ask by Thursday 2 July 2026, 12:00 am BST."
    )
    assert "CART live captioning" not in hints  # provided at every gathering


def test_a_confirmed_late_request_is_no_longer_best_effort() -> None:
    event = make_event(days_ahead=5)
    member = make_user()
    late = make_accommodation_request(event=event, member=member, is_late=True)
    client = signed_in(member)
    rows = table_rows(
        parse(client.get(f"/events/{event.pk}/access/")), "Your requests and their status"
    )
    assert rows == [
        ["ASL interpretation", "Received", "Asked after the usual notice: best effort."]
    ]
    late.status = "confirmed"
    late.save()
    rows = table_rows(
        parse(client.get(f"/events/{event.pk}/access/")), "Your requests and their status"
    )
    assert rows == [["ASL interpretation", "Confirmed", ""]]


def test_saying_going_leads_straight_to_the_access_step() -> None:
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    event = make_event(days_ahead=30)
    client = signed_in(make_user())
    response = client.post(f"/events/{event.pk}/rsvp/", {"answer": "going"})
    assert response["Location"] == f"/events/{event.pk}/access/"
    assert client.post(f"/events/{event.pk}/rsvp/", {"answer": "maybe"})["Location"] == (
        f"/events/{event.pk}/"
    )


def test_past_gathering_has_no_access_panel() -> None:
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    event = make_event(days_ahead=-3)
    page = parse(signed_in(make_user()).get(f"/events/{event.pk}/")).one("main")
    assert page.all("section", **{"aria-labelledby": "access-title"}) == []


def _kinds(number: int) -> None:
    for index in range(number):
        make_accommodation_type(label=f"Kind {index}", lead_days=7 + index)


@pytest.mark.parametrize("by_link", [False, True])
def test_access_step_query_count_is_fixed(by_link: bool) -> None:
    member = make_user()
    profile_ensure(user=member)
    event = make_event(days_ahead=30)
    make_rsvp(event=event, member=member, answer="going")
    _kinds(1)
    make_accommodation_request(
        event=event, member=member, kind=AccommodationType.objects.get(label="Kind 0")
    )
    make_accommodation_type(label="Not asked yet")
    token = answer_token(event_id=event.pk, member_id=member.pk, answer="going")
    url = f"/events/answer/{token}/access/" if by_link else f"/events/{event.pk}/access/"
    client = signed_in(member)
    with_one = queries_for_page(client, url)
    for number in range(8):
        kind = make_accommodation_type(label=f"Extra {number}")
        if number % 2:
            make_accommodation_request(event=event, member=member, kind=kind)
    assert queries_for_page(client, url) == with_one
