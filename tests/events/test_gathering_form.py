"""One gathering's form: its time zone by default (the organizer's, the series', the
program's), "Check the time" and "Add another" without JavaScript (input kept, nothing
saved), speakers and agenda saved with the gathering, copying a gathering, and the
organizers' list (coming first)."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from dm3p.core.models import SiteSettings
from dm3p.core.times import start_words, zone_words
from dm3p.events.models import Event
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.events import (
    make_agenda_segment,
    make_event,
    make_event_series,
    make_rsvp,
    make_speaker,
)
from tests.factories.members import make_profile
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import error_summary, parse, table_rows

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

WORDS = "Tuesday 12 January 2027, 7:00 pm Eastern Time (New York)"


def organizer(zone: str | None = None) -> Client:
    person = make_user(is_organizer=True)
    if zone:
        make_profile(user=person, time_zone=zone)
    return signed_in(person)


def gathering_form(**changes: object) -> dict[str, object]:
    """The new gathering's form as an organizer fills it in, with no rows yet."""
    return {
        "title": "Disclosure at work",
        "description": "An evening on telling, or not telling.",
        "starts_local": "2027-01-12T19:00",
        "duration_minutes": "90",
        "time_zone": "America/New_York",
        "visibility": "public",
        "link_audience": "members",
        "reminders": "7, 1",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-0-name": "",
        "speakers-0-bio": "",
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "0",
        "segments-0-kind": "",
        "segments-0-title": "",
        "segments-0-minutes": "15",
        "segments-0-order": "0",
        **changes,
    }


def zone_shown(client: Client, url: str = "/manage/events/new/") -> str:
    return parse(client.get(url)).one("input", name="time_zone").attrs["value"]


# The zone a new gathering starts in.


def test_new_gathering_starts_in_the_organizers_own_zone() -> None:
    make_event_series(time_zone="America/Denver")
    assert zone_shown(organizer("America/Chicago")) == "America/Chicago"


def test_without_a_zone_of_their_own_the_series_zone_is_used() -> None:
    make_event_series(time_zone="America/Denver")
    assert zone_shown(organizer()) == "America/Denver"


def test_without_a_series_the_programs_zone_is_used_and_follows_the_site_setting() -> None:
    client = organizer()
    assert zone_shown(client) == "America/New_York"
    assert zone_shown(client, "/manage/events/series/new/") == "America/New_York"
    SiteSettings.objects.create(pk=1, time_zone="Europe/London")
    assert zone_shown(client) == "Europe/London"
    assert zone_shown(client, "/manage/events/series/new/") == "Europe/London"


def test_a_new_profile_starts_in_the_programs_zone() -> None:
    SiteSettings.objects.create(pk=1, time_zone="America/Los_Angeles")
    assert profile_ensure(user=make_user()).time_zone == "America/Los_Angeles"


def test_visitors_see_times_in_the_programs_zone() -> None:
    make_event(days_ahead=10, time_zone="UTC")
    assert "New York time" in Client().get("/events/").content.decode()
    SiteSettings.objects.create(pk=1, time_zone="America/Chicago")
    assert "Chicago time" in Client().get("/events/").content.decode()


def test_admin_sets_the_programs_zone_by_typing_a_city() -> None:
    admin = signed_in(make_user(is_admin=True))
    answers = {
        "name": "DM3P",
        "long_name": "Mentorship",
        "contact_email": "team@example.org",
        "time_zone": "Chicago",
    }
    assert admin.post("/manage/site/", answers)["Location"] == "/manage/site/"
    assert SiteSettings.objects.get().time_zone == "America/Chicago"
    refused = admin.post("/manage/site/", {**answers, "time_zone": "Atlantis"})
    assert error_summary(parse(refused)) == [
        "The program's time zone: We don't know the time zone “Atlantis”. Type the city you "
        "live in or the nearest big city, such as “Chicago”, or choose one of the suggestions."
    ]
    assert SiteSettings.objects.get().time_zone == "America/Chicago"


# The start in words.


def test_start_is_written_out_with_the_zone_people_say() -> None:
    start = dt.datetime(2027, 1, 12, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    assert start_words(start, "America/New_York") == WORDS
    assert start_words(start, "Europe/Lisbon") == "Wednesday 13 January 2027, 12:00 am Lisbon time"
    assert zone_words("America/Phoenix") == "Arizona (Phoenix)"


def test_check_the_time_shows_the_start_in_words_keeps_input_and_saves_nothing() -> None:
    response = organizer().post(
        "/manage/events/new/", gathering_form(action="check", title="", description="Hello")
    )
    page = parse(response)
    assert response.status_code == 200
    assert page.one(id="start-in-words").text() == f"Starts {WORDS}."
    assert page.all(class_="error-summary") == []  # the title is asked for when saving
    assert page.one("input", name="starts_local").attrs["value"] == "2027-01-12T19:00"
    assert page.one("textarea", name="description").text() == "Hello"
    assert Event.objects.count() == 0


def test_check_the_time_explains_a_time_zone_it_does_not_know() -> None:
    response = organizer().post(
        "/manage/events/new/", gathering_form(action="check", time_zone="Atlantis", title="")
    )
    page = parse(response)
    [problem] = error_summary(page)
    assert problem.startswith("Time zone: We don't know the time zone “Atlantis”.")
    assert page.one("input", name="time_zone").attrs["value"] == "Atlantis"
    assert Event.objects.count() == 0


def test_a_saved_gatherings_form_shows_its_start_in_words() -> None:
    event = make_event(
        starts_at=dt.datetime(2027, 1, 13, 0, 0, tzinfo=dt.UTC), time_zone="America/New_York"
    )
    page = parse(organizer().get(f"/manage/events/{event.pk}/"))
    assert page.one(id="start-in-words").text() == f"Starts {WORDS}."


# Speakers and agenda on the gathering's own form.


def test_add_another_speaker_without_javascript_keeps_everything_typed() -> None:
    response = organizer().post(
        "/manage/events/new/",
        gathering_form(
            action="add_speaker",
            title="",
            **{"speakers-0-name": "Dr. Ada Reyes", "segments-0-title": "Welcome"},
        ),
    )
    page = parse(response)
    assert page.all(class_="error-summary") == []
    assert page.one("input", name="speakers-TOTAL_FORMS").attrs["value"] == "2"
    assert page.one("input", name="speakers-0-name").attrs["value"] == "Dr. Ada Reyes"
    new_name = page.one("input", name="speakers-1-name")
    assert "value" not in new_name.attrs
    assert "autofocus" in new_name.attrs
    assert page.one("input", name="segments-0-title").attrs["value"] == "Welcome"
    assert [legend.text() for legend in page.all("legend") if "Speaker" in legend.text()] == [
        "Speaker 1",
        "Speaker 2",
        "Speaker",  # the empty row that the script copies
    ]
    assert Event.objects.count() == 0


def test_add_another_agenda_item_adds_one_row() -> None:
    response = organizer().post(
        "/manage/events/new/", gathering_form(action="add_segment", **{"segments-0-minutes": "x"})
    )
    page = parse(response)
    assert page.one("input", name="segments-TOTAL_FORMS").attrs["value"] == "2"
    assert page.one("input", name="segments-0-minutes").attrs["value"] == "x"
    # The new row starts as a new row does, so left alone it is skipped when saving.
    assert page.one("input", name="segments-1-minutes").attrs["value"] == "15"
    assert page.one("input", name="segments-1-order").attrs["value"] == "0"
    assert page.all(class_="error-summary") == []


def two_speakers_and_an_agenda() -> dict[str, object]:
    return gathering_form(
        **{
            "speakers-TOTAL_FORMS": "2",
            "speakers-0-name": "Dr. Ada Reyes",
            "speakers-0-bio": "Emergency physician.",
            "speakers-1-name": "Sam Okafor",
            "speakers-1-bio": "",
            "segments-TOTAL_FORMS": "2",
            "segments-0-kind": "large_group",
            "segments-0-title": "Welcome",
            "segments-0-minutes": "15",
            "segments-0-order": "1",
            "segments-1-kind": "speaker",
            "segments-1-title": "",
            "segments-1-minutes": "45",
            "segments-1-order": "2",
        }
    )


def test_gathering_is_saved_with_its_speakers_and_agenda_and_opens_again() -> None:
    client = organizer()
    response = client.post(
        "/manage/events/new/", {**two_speakers_and_an_agenda(), "action": "save"}
    )
    event = Event.objects.get()
    assert response["Location"] == f"/manage/events/{event.pk}/"
    assert event.starts_at == dt.datetime(2027, 1, 13, 0, 0, tzinfo=dt.UTC)
    assert [speaker.name for speaker in event.speakers.all()] == ["Dr. Ada Reyes", "Sam Okafor"]
    assert [(item.title, item.minutes) for item in event.segments.all()] == [
        ("Welcome", 15),
        ("", 45),
    ]
    page = parse(client.get(response["Location"]))
    assert page.one("h1").text() == "Edit “Disclosure at work”"
    assert page.one("input", name="speakers-1-name").attrs["value"] == "Sam Okafor"


def test_errors_in_rows_are_listed_and_link_to_the_field() -> None:
    data = {**two_speakers_and_an_agenda(), "speakers-1-name": "", "speakers-1-bio": "Nurse."}
    data["segments-1-minutes"] = "most of it"
    page = parse(organizer().post("/manage/events/new/", data))
    summary = page.one(class_="error-summary")
    assert [(link.attrs["href"], link.text()) for link in summary.all("a")] == [
        ("#id_speakers-1-name", "Speaker 2: Speaker's name: this needs an answer."),
        ("#id_segments-1-minutes", "Agenda item 2: Minutes: Enter a whole number."),
    ]
    assert page.one("textarea", name="speakers-1-bio").text() == "Nurse."
    assert Event.objects.count() == 0


def test_remove_takes_a_speaker_off_when_saving() -> None:
    event = make_event(days_ahead=20, time_zone="America/New_York")
    kept, gone = make_speaker(event=event, name="Kept"), make_speaker(event=event, name="Gone")
    client = organizer()
    page = parse(client.get(f"/manage/events/{event.pk}/"))
    remove = page.one("input", name="speakers-1-DELETE")
    assert page.one("label", **{"for": remove.attrs["id"]}).text() == (
        "Remove this speaker when saving"
    )
    local = event.starts_at.astimezone(ZoneInfo("America/New_York"))
    data: dict[str, Any] = {
        **gathering_form(starts_local=f"{local:%Y-%m-%dT%H:%M}"),
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "2",
        "speakers-0-id": str(kept.pk),
        "speakers-0-name": "Kept",
        "speakers-1-id": str(gone.pk),
        "speakers-1-name": "Gone",
        "speakers-1-DELETE": "on",
    }
    client.post(f"/manage/events/{event.pk}/", data)
    assert [speaker.name for speaker in event.speakers.all()] == ["Kept"]


def test_the_old_programme_address_opens_the_gatherings_form() -> None:
    event = make_event()
    response = organizer().get(f"/manage/events/{event.pk}/programme/")
    assert response["Location"] == f"/manage/events/{event.pk}/#programme"


# Copying a gathering.


def past_gathering() -> Event:
    event = make_event(
        days_ahead=-30,
        minutes=75,
        title="Disclosure in interviews",
        description="Words that worked.",
        time_zone="America/Chicago",
        meeting_url="https://zoom.example.org/j/1",
        link_audience="registered",
        capacity=40,
    )
    make_speaker(event=event, name="Dr. Ada Reyes", bio="Emergency physician.")
    make_agenda_segment(event=event, kind="large_group", title="Welcome", minutes=10, order=1)
    make_rsvp(event=event)
    return event


def test_copy_opens_a_new_gathering_filled_in_but_for_its_date() -> None:
    source = past_gathering()
    client = organizer("America/New_York")
    page = parse(client.get(f"/manage/events/{source.pk}/"))
    copy_link = page.one("a", href=f"/manage/events/new/?copy={source.pk}")
    assert copy_link.text() == "Copy it as the start of a new gathering"
    page = parse(client.get(copy_link.attrs["href"]))
    assert page.one("h1").text() == "Add a gathering like “Disclosure in interviews”"
    assert page.one("input", name="title").attrs["value"] == "Disclosure in interviews"
    assert page.one("textarea", name="description").text() == "Words that worked."
    assert "value" not in page.one("input", name="starts_local").attrs
    assert page.one("input", name="duration_minutes").attrs["value"] == "75"
    assert page.one("input", name="time_zone").attrs["value"] == "America/Chicago"
    assert page.one("input", name="meeting_url").attrs["value"] == "https://zoom.example.org/j/1"
    assert page.one("input", name="capacity").attrs["value"] == "40"
    assert page.one("input", name="speakers-0-name").attrs["value"] == "Dr. Ada Reyes"
    assert page.one("input", name="segments-0-title").attrs["value"] == "Welcome"
    assert page.one("input", name="speakers-TOTAL_FORMS").attrs["value"] == "2"
    assert Event.objects.count() == 1


def test_a_copy_saved_is_a_new_gathering_without_the_answers() -> None:
    source = past_gathering()
    data = {
        **gathering_form(time_zone="America/Chicago"),
        "speakers-0-name": "Dr. Ada Reyes",
        "segments-0-kind": "large_group",
        "segments-0-title": "Welcome",
        "segments-0-minutes": "10",
        "segments-0-order": "1",
    }
    response = organizer().post(f"/manage/events/new/?copy={source.pk}", data)
    copy = Event.objects.exclude(pk=source.pk).get()
    assert response["Location"] == f"/manage/events/{copy.pk}/"
    assert [speaker.name for speaker in copy.speakers.all()] == ["Dr. Ada Reyes"]
    assert copy.rsvps.count() == 0
    assert source.speakers.count() == 1


def test_copying_a_gathering_that_is_not_there_is_not_found() -> None:
    assert organizer().get("/manage/events/new/?copy=999").status_code == 404
    assert organizer().get("/manage/events/new/?copy=abc").status_code == 404


# The organizers' list.


def test_organizers_list_shows_coming_gatherings_soonest_first_then_past_ones() -> None:
    make_event(days_ahead=300, title="Next year")
    make_event(days_ahead=5, title="Next week")
    make_event(days_ahead=-3, title="Last week")
    make_event(days_ahead=-60, title="Spring")
    page = parse(organizer().get("/manage/events/"))
    coming = table_rows(page, "Coming gatherings, soonest first")
    past = table_rows(page, "Past gatherings, latest first")
    assert [row[0].removeprefix("Edit").split(",")[0].strip() for row in coming] == [
        "Next week",
        "Next year",
    ]
    assert [row[0].split()[-1] for row in past] == ["week", "Spring"]


def test_organizers_list_query_count_is_fixed() -> None:
    client = organizer()
    make_event(days_ahead=5)
    make_event(days_ahead=-5)
    with_one = queries_for_page(client, "/manage/events/")
    for number in range(10):
        make_event(days_ahead=number + 1, title=f"Coming {number}")
        make_event(days_ahead=-number - 1, title=f"Past {number}")
    assert queries_for_page(client, "/manage/events/") == with_one


def test_profile_zone_is_kept_when_the_site_zone_changes() -> None:
    person = make_user()
    profile_ensure(user=person)
    SiteSettings.objects.create(pk=1, time_zone="Europe/London")
    assert Profile.objects.get(user=person).time_zone == "America/New_York"
