"""A gathering's page: the answer beside when and how to join, "add to calendar" with web
links, the .ics file and the private address; past gatherings with their resources instead."""

import datetime as dt
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from dm3p.events.enums import LinkAudience, RsvpAnswer
from dm3p.events.models import Event
from dm3p.events.services import calendar_feed_reset
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.events import make_event, make_event_resource, make_rsvp
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import flashes, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

LINK = "https://zoom.example.org/j/987654321"


def gathering(**fields: object) -> Event:
    return make_event(
        days_ahead=10,
        **{"time_zone": "America/New_York", "meeting_url": LINK, **fields},  # type: ignore[arg-type]
    )


def past_gathering() -> Event:
    event = make_event(days_ahead=-30, title="Disclosure in interviews", meeting_url=LINK)
    make_event_resource(
        event=event,
        kind="recording",
        title="Recording",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
    )
    make_event_resource(event=event, kind="slides", title="Slides", url="https://s.example/1")
    return event


def test_the_question_is_asked_once_near_the_top() -> None:
    event = gathering()
    page = parse(signed_in(make_user()).get(f"/events/{event.pk}/"))
    main = page.one("main")
    assert main.text().count("Are you coming?") == 1
    top = main.one("div", class_="event-top")
    assert [dt.text() for dt in top.all("dt")][:2] == ["When", "How to join"]
    form = top.one("form")
    assert form.attrs["action"] == f"/events/{event.pk}/rsvp/"
    assert [radio.attrs["value"] for radio in form.all("input", type="radio")] == [
        "going",
        "maybe",
        "cant",
    ]


def test_past_gathering_offers_no_answer_request_or_calendar_and_shows_resources() -> None:
    event = past_gathering()
    for client in (signed_in(make_user()), Client()):
        page = parse(client.get(f"/events/{event.pk}/"))
        main = page.one("main")
        assert main.all("form") == []
        assert main.all("input", type="radio") == []
        hrefs = [link.attrs.get("href", "") for link in main.all("a")]
        assert not [h for h in hrefs if "/access/" in h or h.endswith(".ics") or "calendar" in h]
        assert "Add to your calendar" not in main.text()
        assert LINK not in main.text()
    member_page = parse(signed_in(make_user()).get(f"/events/{event.pk}/")).one("main")
    section = member_page.one("section", **{"aria-labelledby": "resources-title"})
    assert [item.text() for item in section.all("li")] == [
        "Recording: Recording (captioned)",
        "Slides or materials: Slides",
    ]
    public = parse(Client().get(f"/events/{event.pk}/")).one("main")
    assert "Slides" not in public.text()  # members-only resource


def test_add_to_calendar_links_carry_title_and_time() -> None:
    event = gathering(
        title="Night shifts & chronic illness",
        starts_at=dt.datetime(2026, 7, 8, 23, 0, tzinfo=dt.UTC),
    )
    page = parse(signed_in(make_user()).get(f"/events/{event.pk}/"))
    section = page.one("section", class_="add-to-calendar")
    links = {link.text().split(":")[0]: link.attrs["href"] for link in section.all("a")}
    google = urlsplit(links["Google Calendar"])
    assert (google.scheme, google.netloc) == ("https", "calendar.google.com")
    assert parse_qs(google.query)["text"] == ["Night shifts & chronic illness"]
    assert parse_qs(google.query)["dates"] == ["20260708T230000Z/20260709T003000Z"]
    outlook = urlsplit(links["Outlook"])
    assert outlook.netloc == "outlook.live.com"
    query = parse_qs(outlook.query)
    assert query["subject"] == ["Night shifts & chronic illness"]
    assert (query["startdt"], query["enddt"]) == (
        ["2026-07-08T23:00:00Z"],
        ["2026-07-09T00:30:00Z"],
    )
    assert LINK not in links["Google Calendar"] + links["Outlook"]
    assert links["Apple Calendar or another app (.ics file)"] == f"/events/{event.pk}/event.ics"
    # Nothing on the page is fetched from another site.
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href")):
        for element in page.all(tag):
            assert not element.attrs.get(attr, "/").startswith(("http:", "https:", "//"))


def _ics_link(client: Client, event: Event) -> str:
    response = client.get(f"/events/{event.pk}/event.ics")
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    return str(entry.get("location", ""))


def test_single_ics_has_the_meeting_link_only_for_those_allowed() -> None:
    event = gathering()
    assert _ics_link(signed_in(make_user()), event) == LINK
    assert (
        "no-store" in signed_in(make_user()).get(f"/events/{event.pk}/event.ics")["Cache-Control"]
    )
    assert _ics_link(Client(), event) == ""
    assert _ics_link(signed_in(make_user(membership_status="applicant")), event) == ""
    only_coming = gathering(link_audience=LinkAudience.REGISTERED)
    coming, maybe = make_user(), make_user()
    make_rsvp(event=only_coming, member=coming, answer=RsvpAnswer.GOING)
    make_rsvp(event=only_coming, member=maybe, answer=RsvpAnswer.MAYBE)
    assert _ics_link(signed_in(coming), only_coming) == LINK
    assert _ics_link(signed_in(maybe), only_coming) == ""


def test_feed_address_on_the_event_page_in_a_labelled_read_only_field() -> None:
    member = make_user()
    event = gathering()
    page = parse(signed_in(member).get(f"/events/{event.pk}/"))
    assert page.all("input", id="feed-address") == []
    assert page.one("a", href="/events/calendar/").text() == "Get every gathering in your calendar"
    feed = calendar_feed_reset(user=member)
    response = signed_in(member).get(f"/events/{event.pk}/")
    field = parse(response).one("input", id="feed-address")
    assert field.attrs["value"] == f"http://testserver/events/feed/{feed.token}.ics"
    assert "readonly" in field.attrs
    label = parse(response).one("label", for_="feed-address")
    assert label.text() == "Every gathering: your private calendar address"
    assert "no-store" in response["Cache-Control"]


def test_making_a_feed_address_the_first_time_says_nothing_stopped_working() -> None:
    client = signed_in(make_user())
    first = client.post("/events/calendar/", follow=True)
    assert flashes(first) == ["Your calendar address is ready. Add it to your calendar app below."]
    again = client.post("/events/calendar/", follow=True)
    assert flashes(again) == [
        "Your calendar address is new. Subscribe again with it; the old one has stopped working."
    ]


@pytest.mark.parametrize("past", [False, True])
def test_event_page_query_count_is_fixed(past: bool) -> None:
    member = make_user()
    calendar_feed_reset(user=member)
    client = signed_in(member)
    event = past_gathering() if past else gathering()
    make_rsvp(event=event, member=member)
    url = f"/events/{event.pk}/"
    with_one = queries_for_page(client, url)
    for number in range(10):
        make_event_resource(event=event, title=f"Notes {number}")
        make_rsvp(event=event)
    assert queries_for_page(client, url) == with_one


def test_demo_gatherings_each_have_their_own_title_topic_and_speaker() -> None:
    call_command("demo", stdout=StringIO())
    events = list(Event.objects.prefetch_related("speakers"))
    assert len(events) >= 2
    assert len({event.title for event in events}) == len(events)
    assert len({event.description for event in events}) == len(events)
    speakers = [speaker.name for event in events for speaker in event.speakers.all()]
    assert len(speakers) == len(events) == len(set(speakers))
