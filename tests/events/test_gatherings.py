import datetime as dt
import io
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.times import when_text
from dm3p.events.enums import EventStatus, EventVisibility, LinkAudience, RsvpAnswer
from dm3p.events.models import Event, Rsvp
from dm3p.events.recurrence import monthly_starts, nth_weekday
from dm3p.events.services import AnswersClosed, calendar_feed_reset, rsvp_answer
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import subjects_to
from tests.factories import make_user
from tests.factories.events import change_event, make_event, move_event
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import page_shown
from tests.html_tree import parse as parse_html

pytestmark = pytest.mark.clock(ORDINARY)

NEW_YORK = ZoneInfo("America/New_York")
LINK = "https://zoom.example.org/j/987654321"


def gathering(**fields: Any) -> Event:
    """A gathering ten days ahead, in New York time, with its meeting link."""
    return make_event(
        days_ahead=10, **{"time_zone": "America/New_York", "meeting_url": LINK, **fields}
    )


def test_second_and_last_weekdays_of_a_month() -> None:
    assert nth_weekday(2026, 12, 1, 2) == dt.date(2026, 12, 8)
    assert nth_weekday(2026, 12, 3, -1) == dt.date(2026, 12, 31)


def test_monthly_series_keeps_local_time_through_daylight_saving() -> None:
    starts = monthly_starts(
        first_month=dt.date(2027, 1, 1),
        months=4,
        weekday=1,
        week=2,
        at=dt.time(19, 0),
        zone="America/New_York",
    )
    assert [start.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") for start in starts] == [
        "2027-01-13 00:00",
        "2027-02-10 00:00",
        "2027-03-10 00:00",
        "2027-04-13 23:00",
    ]


def test_times_are_written_out_with_the_zone_named() -> None:
    start = dt.datetime(2026, 12, 8, 19, 0, tzinfo=NEW_YORK)
    end = start + dt.timedelta(minutes=90)
    assert when_text(start, end, "America/New_York") == (
        "Tuesday 8 December 2026, 7:00 pm to 8:30 pm EST"
    )
    assert when_text(start, end, "America/Los_Angeles") == (
        "Tuesday 8 December 2026, 4:00 pm to 5:30 pm PST"
    )


@pytest.mark.django_db
def test_organizer_creates_a_monthly_series() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/events/series/new/",
        {
            "title": "Gathering",
            "week_of_month": "2",
            "weekday": "1",
            "start_time": "19:00",
            "time_zone": "America/New_York",
            "duration_minutes": "90",
            "visibility": "public",
            "months": "6",
        },
    )
    assert response["Location"] == "/manage/events/"
    events = list(Event.objects.order_by("starts_at"))
    assert 5 <= len(events) <= 6
    assert {event.starts_at.astimezone(NEW_YORK).strftime("%A %H:%M") for event in events} == {
        "Tuesday 19:00"
    }


@pytest.mark.django_db
def test_member_sees_times_in_their_own_zone_and_the_event_zone_named() -> None:
    event = gathering(starts_at=dt.datetime(2030, 1, 8, 19, 0, tzinfo=NEW_YORK))
    member = make_user()
    Profile.objects.filter(pk=profile_ensure(user=member).pk).update(time_zone="Europe/London")
    html = signed_in(member).get(f"/events/{event.pk}/").content.decode()
    assert "Wednesday 9 January 2030, 12:00 am to 1:30 am GMT" in html
    assert "Organizers' time: Tuesday 8 January 2030, 7:00 pm to 8:30 pm EST" in html


@pytest.mark.django_db
def test_meeting_link_only_for_members_and_never_cached() -> None:
    event = gathering()
    assert LINK not in page_shown(Client().get(f"/events/{event.pk}/"), "Monthly gathering")
    member_page = signed_in(make_user()).get(f"/events/{event.pk}/")
    assert LINK in member_page.content.decode()
    assert "no-store" in member_page["Cache-Control"]
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    assert LINK not in page_shown(
        signed_in(applicant).get(f"/events/{event.pk}/"), "Monthly gathering"
    )


@pytest.mark.django_db
def test_registered_only_link_appears_after_saying_yes() -> None:
    event = gathering(link_audience=LinkAudience.REGISTERED)
    member = make_user()
    client = signed_in(member)
    assert LINK not in page_shown(client.get(f"/events/{event.pk}/"), "Monthly gathering")
    client.post(f"/events/{event.pk}/rsvp/", {"answer": "going"})
    assert LINK in client.get(f"/events/{event.pk}/").content.decode()


@pytest.mark.django_db
def test_members_only_event_is_not_found_for_visitors() -> None:
    event = gathering(visibility=EventVisibility.MEMBERS)
    assert Client().get(f"/events/{event.pk}/").status_code == 404
    assert "Monthly gathering" not in page_shown(Client().get("/events/"), "News & Events")
    assert signed_in(make_user()).get(f"/events/{event.pk}/").status_code == 200


@pytest.mark.django_db
def test_full_event_keeps_a_waiting_list_and_promotes_with_an_email(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = gathering(capacity=1)
    first, second = make_user(), make_user(email="second@example.org")
    assert not rsvp_answer(event=event, member=first, answer=RsvpAnswer.GOING).waitlisted
    assert rsvp_answer(event=event, member=second, answer=RsvpAnswer.GOING).waitlisted
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_answer(event=event, member=first, answer=RsvpAnswer.CANT)
    assert not Rsvp.objects.get(member=second).waitlisted
    assert subjects_to("second@example.org") == ["You have a place at Monthly gathering"]


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_simultaneous_answers() -> None:
    event = gathering(capacity=5)
    members = [make_user(email=f"rush{number}@example.org") for number in range(12)]

    def answer(member: User) -> None:
        try:
            rsvp_answer(event=event, member=member, answer=RsvpAnswer.GOING)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(answer, members))
    assert Rsvp.objects.filter(event=event).count() == 12
    assert Rsvp.objects.filter(event=event, waitlisted=False).count() == 5


@pytest.mark.django_db
def test_rsvp_is_for_members_only() -> None:
    event = gathering()
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    assert (
        signed_in(applicant).post(f"/events/{event.pk}/rsvp/", {"answer": "going"}).status_code
        == 404
    )
    assert Rsvp.objects.count() == 0


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


@pytest.mark.django_db
def test_event_ics_follows_rfc_5545() -> None:
    event = gathering()
    content = Client().get(f"/events/{event.pk}/event.ics").content
    calendar = parse(content)
    assert (str(calendar["version"]), "method" in calendar) == ("2.0", False)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["uid"]) == f"event-{event.pk}@127.0.0.1"
    assert entry.decoded("dtstart") == event.starts_at
    # Times in UTC ("Z"), never floating, and DTSTAMP in UTC too.
    assert re.search(rb"DTSTAMP:\d{8}T\d{6}Z\r\n", content)
    assert re.search(rb"DTSTART:\d{8}T\d{6}Z\r\n", content)
    assert content.count(b"UID:") == 1
    assert int(str(entry["sequence"])) == 0
    assert str(entry["status"]) == "CONFIRMED"
    assert LINK.encode() not in content


@pytest.mark.django_db
def test_calendar_sequence_rises_on_change_and_cancelled_stays() -> None:
    event = gathering()
    organizer = make_user(is_organizer=True)
    change_event(organizer, event, description="Typo fixed")
    event.refresh_from_db()
    assert event.sequence == 0
    move_event(organizer, event, dt.timedelta(hours=1))
    change_event(organizer, event, status=EventStatus.CANCELLED)
    [entry] = parse(Client().get("/events/feed.ics").content).walk("VEVENT")
    assert (int(str(entry["sequence"])), str(entry["status"])) == (2, "CANCELLED")


@pytest.mark.django_db
def test_public_feed_has_public_events_without_links() -> None:
    gathering(title="Open to all")
    gathering(title="Members only", visibility=EventVisibility.MEMBERS)
    content = Client().get("/events/feed.ics").content
    titles = [str(entry["summary"]) for entry in parse(content).walk("VEVENT")]
    assert titles == ["Open to all"]
    assert LINK.encode() not in content


@pytest.mark.django_db
def test_private_feed_has_links_and_stops_when_reset_or_suspended() -> None:
    member = make_user()
    gathering(visibility=EventVisibility.MEMBERS)
    old = calendar_feed_reset(user=member).token
    response = Client().get(f"/events/feed/{old}.ics")
    assert LINK.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    new = calendar_feed_reset(user=member).token
    assert Client().get(f"/events/feed/{old}.ics").status_code == 404
    User.objects.filter(pk=member.pk).update(membership_status=MembershipStatus.SUSPENDED)
    assert Client().get(f"/events/feed/{new}.ics").status_code == 404


@pytest.mark.django_db
def test_calendar_page_offers_webcal_and_reset() -> None:
    client = signed_in(make_user())
    client.post("/events/calendar/")
    links = [link.attrs["href"] for link in parse_html(client.get("/events/calendar/")).all("a")]
    [feed] = [link for link in links if link.startswith("webcal://testserver/events/feed/")]
    assert re.fullmatch(r"[\w-]{40,}\.ics", feed.removeprefix("webcal://testserver/events/feed/"))


@pytest.mark.django_db
def test_attendees_csv_for_organizers() -> None:
    event = gathering()
    rsvp_answer(
        event=event,
        member=make_user(name="Rosa", email="rosa@example.org"),
        answer=RsvpAnswer.GOING,
    )
    response = signed_in(make_user(is_organizer=True)).get(
        f"/manage/events/{event.pk}/attendees.csv"
    )
    assert response.content.decode().splitlines() == [
        "Name,E-mail address,Answer,Waiting list",
        "Rosa,rosa@example.org,I'm coming,no",
    ]


@pytest.mark.django_db
def test_attendees_csv_never_hands_a_spreadsheet_a_formula() -> None:
    event = gathering()
    rsvp_answer(
        event=event,
        member=make_user(name='=HYPERLINK("http://evil.example")', email="eve@example.org"),
        answer=RsvpAnswer.GOING,
    )
    response = signed_in(make_user(is_organizer=True)).get(
        f"/manage/events/{event.pk}/attendees.csv"
    )
    row = response.content.decode().splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(")


@pytest.mark.django_db
def test_event_list_query_count_is_fixed() -> None:
    client = signed_in(make_user())
    gathering()
    with_one = queries_for_page(client, "/events/")
    for number in range(20):
        gathering(title=f"Gathering {number}")
    assert queries_for_page(client, "/events/") == with_one


@pytest.mark.django_db
def test_bad_event_time_gets_a_message_not_an_error() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/events/new/",
        {
            "title": "X",
            "starts_local": "not a date",
            "duration_minutes": "90",
            "time_zone": "America/New_York",
            "visibility": "public",
            "link_audience": "members",
        },
    )
    assert "Enter a valid date/time." in response.content.decode()


def programme_data(event: Event, **changes: object) -> dict[str, object]:
    """The gathering's form as its page shows it, with a speaker and an agenda item."""
    local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
    data: dict[str, object] = {
        "title": event.title,
        "description": event.description,
        "starts_local": f"{local:%Y-%m-%dT%H:%M}",
        "duration_minutes": str(int(event.duration.total_seconds() // 60)),
        "time_zone": event.time_zone,
        "visibility": event.visibility,
        "meeting_url": event.meeting_url or "",
        "link_audience": event.link_audience,
        "reminders": ", ".join(str(days) for days in event.reminder_days),
        "segments-TOTAL_FORMS": "2",
        "segments-INITIAL_FORMS": "0",
        "segments-MIN_NUM_FORMS": "0",
        "segments-MAX_NUM_FORMS": "1000",
        "segments-0-kind": "speaker",
        "segments-0-title": "",
        "segments-0-minutes": "30",
        "segments-0-order": "1",
        "segments-1-kind": "",
        "segments-1-title": "",
        "segments-1-minutes": "15",
        "segments-1-order": "0",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "speakers-0-name": "Dr. Jordan Reyes",
        "speakers-0-bio": "Emergency physician.",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_organizer_sets_the_agenda_and_speakers_shown_on_the_event() -> None:
    event = gathering()
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/",
        programme_data(
            event,
        ),
    )
    assert response["Location"] == f"/manage/events/{event.pk}/"
    html = Client().get(f"/events/{event.pk}/").content.decode()
    assert "<li>Guest speaker (30 minutes)</li>" in html
    assert "<h3>Dr. Jordan Reyes</h3>" in html


@pytest.mark.django_db
def test_a_one_minute_part_of_the_agenda_says_minute() -> None:
    event = gathering()
    organizer = signed_in(make_user(is_organizer=True))
    organizer.post(
        f"/manage/events/{event.pk}/", programme_data(event, **{"segments-0-minutes": "1"})
    )
    html = Client().get(f"/events/{event.pk}/").content.decode()
    assert "<li>Guest speaker (1 minute)</li>" in html


@pytest.mark.django_db
def test_programme_errors_are_explained_and_input_kept() -> None:
    event = gathering()
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/",
        programme_data(event, **{"segments-0-minutes": "half an hour"}),
    )
    html = response.content.decode()
    assert "Agenda item 1: Minutes: Enter a whole number." in html
    assert 'value="Dr. Jordan Reyes"' in html
    assert event.segments.count() == 0


def speaker_photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("speaker.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_speaker_photo_needs_alt_text_and_shows_on_the_public_page() -> None:
    event = gathering()
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/",
        programme_data(event, **{"speakers-0-photo": speaker_photo()}),
    )
    assert (
        "Speaker 1: Describe the photo: Describe the photo, or remove it."
        in response.content.decode()
    )
    organizer.post(
        f"/manage/events/{event.pk}/",
        programme_data(
            event,
            **{
                "speakers-0-photo": speaker_photo(),
                "speakers-0-photo_alt_text": "Smiling, in a white coat",
            },
        ),
    )
    speaker = event.speakers.get()
    html = Client().get(f"/events/{event.pk}/").content.decode()
    assert 'alt="Smiling, in a white coat"' in html
    photo = Client().get(f"/events/{event.pk}/speakers/{speaker.pk}/photo/")
    assert b"".join(photo.streaming_content)[:4] == b"\x89PNG"  # type: ignore[attr-defined]
    photo.close()


@pytest.mark.django_db
def test_a_removed_speakers_photo_leaves_the_disk(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = gathering()
    organizer = signed_in(make_user(is_organizer=True))
    organizer.post(
        f"/manage/events/{event.pk}/",
        programme_data(
            event, **{"speakers-0-photo": speaker_photo(), "speakers-0-photo_alt_text": "Smiling"}
        ),
    )
    speaker = event.speakers.get()
    stored = str(speaker.photo.name)
    assert speaker.photo.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(
            f"/manage/events/{event.pk}/",
            programme_data(
                event,
                **{
                    "speakers-INITIAL_FORMS": "1",
                    "speakers-0-id": str(speaker.pk),
                    "speakers-0-event": str(event.pk),
                    "speakers-0-photo_alt_text": "Smiling",
                    "speakers-0-DELETE": "on",
                },
            ),
        )
    assert not event.speakers.exists()
    assert not speaker.photo.storage.exists(stored)


@pytest.mark.django_db
def test_answers_to_a_cancelled_gathering_are_closed() -> None:
    event = gathering(status="cancelled")
    response = signed_in(make_user()).post(
        f"/events/{event.pk}/rsvp/", {"answer": "going"}, follow=True
    )
    assert "This gathering is cancelled, so answers are closed." in response.content.decode()
    assert Rsvp.objects.count() == 0


@pytest.mark.django_db
def test_the_service_refuses_answers_to_a_cancelled_gathering_in_words_for_people() -> None:
    event = gathering(status="cancelled")
    with pytest.raises(AnswersClosed) as refused:
        rsvp_answer(event=event, member=make_user(), answer=RsvpAnswer.GOING)
    assert refused.value.message == "This gathering is cancelled, so answers are closed."
    assert Rsvp.objects.count() == 0


@pytest.mark.django_db
def test_answers_to_a_gathering_that_ended_are_closed() -> None:
    event = gathering(starts_at=timezone.now() - dt.timedelta(days=3))
    client = signed_in(make_user())
    assert "Are you coming?" not in page_shown(
        client.get(f"/events/{event.pk}/"), "Monthly gathering"
    )
    response = client.post(f"/events/{event.pk}/rsvp/", {"answer": "going"}, follow=True)
    assert "This gathering has ended, so answers are closed." in response.content.decode()
    assert Rsvp.objects.count() == 0
