"""Life in a published circle: its page (who is in it, what each can offer, when everyone
can meet, in each viewer's own time), the "my circle" audience, notes, check-ins and their
reminders, the organizers' health view, and what members get in their data export."""

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import (
    CheckIn,
    Circle,
    CircleMembership,
    CircleNote,
    MatchingRound,
)
from dm3p.circles.services.circle_life import (
    CheckInAnswers,
    check_in_reminders_send,
    check_in_save,
)
from dm3p.circles.services.refusals import RoundClosed
from dm3p.circles.weekhours import from_utc, spans_text, to_utc
from dm3p.core.models import OutboundEmail
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile, Term
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import (
    make_check_in,
    make_circle,
    make_circle_membership,
    make_circle_note,
    make_entry,
    make_matching_preferences,
    make_round,
    publish,
)
from tests.factories.members import make_term
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import Page, field_error, flashes, page_shown, parse, textarea_value

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

TUESDAY_EVENING = [43, 44, 45]  # 7 pm to 10 pm in the member's own zone
NEW_YORK = "America/New_York"
LOS_ANGELES = "America/Los_Angeles"


def member(name: str, *, zone: str = NEW_YORK, **profile: object) -> User:
    person = make_user(name=name)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(time_zone=zone, **profile)
    return person


def page_text(response: Page, h1: str | None = None) -> str:
    """The page's text; with ``h1``, once it is shown to be that page (see page_shown)."""
    if h1 is not None:
        page_shown(response, h1)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def running_circle(
    people: list[User],
    *,
    round: MatchingRound | None = None,
    offers: dict[User, list[Term]] | None = None,
    seeks: dict[User, list[Term]] | None = None,
) -> Circle:
    """The only circle of a published round (by default one still to start), holding
    ``people``, each free on Tuesday evenings."""
    round = round or publish(make_round(name="Spring circles"))
    for person in people:
        make_entry(
            round,
            person,
            offers=(offers or {}).get(person, []),
            seeks=(seeks or {}).get(person, []),
            hours=TUESDAY_EVENING,
        )
    return make_circle(round, people)


def round_between(first_day: int, last_day: int, **fields: object) -> MatchingRound:
    """A published round whose circles meet from ``first_day`` to ``last_day`` (days from
    today; negative: in the past)."""
    today = timezone.localdate()
    starts = today + dt.timedelta(days=first_day)
    return publish(
        make_round(
            name="Spring circles",
            signup_opens_on=starts - dt.timedelta(days=30),
            signup_closes_on=starts - dt.timedelta(days=10),
            starts_on=starts,
            ends_on=today + dt.timedelta(days=last_day),
            **fields,
        )
    )


# The circle page.


def test_only_the_circles_members_can_open_it() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    assert signed_in(ana).get(f"/circles/{circle.pk}/").status_code == 200
    assert signed_in(member("Outsider")).get(f"/circles/{circle.pk}/").status_code == 404
    boss = signed_in(make_user(is_organizer=True))
    assert boss.get(f"/circles/{circle.pk}/").status_code == 404
    assert boss.get(f"/circles/{circle.pk}/check-in/").status_code == 404


def test_circle_page_names_the_other_members() -> None:
    ana, ben, cal = member("Ana Alvarez"), member("Ben Brooks"), member("Cal Chen")
    circle = running_circle([ana, ben, cal])
    text = page_text(signed_in(ana).get(f"/circles/{circle.pk}/"))
    assert "Ben Brooks" in text
    assert "Cal Chen" in text


def test_circle_page_says_what_a_mate_can_share_with_you() -> None:
    exams = make_term(TermKind.TOPIC, "Exam accommodations")
    nights = make_term(TermKind.TOPIC, "Night shifts")
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle(
        [ana, ben, cal], offers={ben: [exams], ana: [nights]}, seeks={ana: [exams], ben: [nights]}
    )
    text = page_text(signed_in(ana).get(f"/circles/{circle.pk}/"))
    assert "Can share experience with you about: Exam accommodations" in text
    assert "Would like to hear from you about: Night shifts" in text


def test_topics_a_mate_keeps_to_themselves_are_not_shown() -> None:
    exams = make_term(TermKind.TOPIC, "Exam accommodations")
    ana, cal = member("Ana"), member("Cal")
    ben = member("Ben", visibility={"topics_offered": "only_me"})
    circle = running_circle([ana, ben, cal], offers={ben: [exams]}, seeks={ana: [exams]})
    text = page_text(signed_in(ana).get(f"/circles/{circle.pk}/"), "Circle 1 of Spring circles")
    assert "Can share experience with you about" not in text
    assert "Exam accommodations" not in text


def test_meeting_times_are_shown_in_each_viewers_own_time_zone() -> None:
    east, west, third = member("East"), member("West", zone=LOS_ANGELES), member("Third")
    circle = running_circle([east, west, third])
    common = to_utc(TUESDAY_EVENING, NEW_YORK, circle.round.starts_on)
    [in_new_york] = spans_text(common, NEW_YORK, circle.round.starts_on)
    [in_los_angeles] = spans_text(common, LOS_ANGELES, circle.round.starts_on)
    assert re.fullmatch(r"Tuesdays, 7:00 pm to 10:00 pm E[SD]T", in_new_york)
    assert re.fullmatch(r"Tuesdays, 4:00 pm to 7:00 pm P[SD]T", in_los_angeles)
    east_page = page_text(signed_in(east).get(f"/circles/{circle.pk}/"))
    west_page = page_text(signed_in(west).get(f"/circles/{circle.pk}/"))
    assert in_new_york in east_page
    assert in_los_angeles not in east_page
    assert in_los_angeles in west_page
    assert in_new_york not in west_page


def test_avoid_lists_never_appear_on_a_circle_page() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    preferences = make_matching_preferences(member=ana)
    preferences.avoid.add(member("Zed Supervisor"))
    for person in (ana, ben):
        page = page_text(
            signed_in(person).get(f"/circles/{circle.pk}/"), "Circle 1 of Spring circles"
        )
        assert "Zed Supervisor" not in page


# The "my circle" audience.


def kayaker_and_circle(round: MatchingRound | None = None) -> tuple[User, User]:
    """Kim shows her bio to her circle only; Lee is in her circle."""
    kim = member("Kim", bio="I kayak on weekends.", visibility={"bio": "my_circle"})
    lee = member("Lee")
    running_circle([kim, lee, member("Max")], round=round)
    return kim, lee


def test_field_shown_to_my_circle_is_seen_by_a_circle_mate() -> None:
    kim, lee = kayaker_and_circle()
    assert "I kayak on weekends." in page_text(signed_in(lee).get(f"/members/{kim.pk}/"))


def test_field_shown_to_my_circle_is_hidden_from_others() -> None:
    kim, _ = kayaker_and_circle()
    other = signed_in(member("Other"))
    boss = signed_in(make_user(is_organizer=True))
    assert "I kayak on weekends." not in page_text(other.get(f"/members/{kim.pk}/"), "Kim")
    assert "I kayak on weekends." not in page_text(boss.get(f"/members/{kim.pk}/"), "Kim")


def test_field_shown_to_my_circle_is_hidden_once_the_round_has_ended() -> None:
    kim, lee = kayaker_and_circle(round_between(-270, -1))
    page = page_text(signed_in(lee).get(f"/members/{kim.pk}/"), "Kim")
    assert "I kayak on weekends." not in page


# Notes.

LINK = "https://docs.example.org/agenda"


def test_member_adds_a_note_that_the_circle_reads_with_its_link_clickable() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    response = signed_in(ana).post(
        f"/circles/{circle.pk}/", {"action": "add-note", "text": f"Agenda: {LINK}"}, follow=True
    )
    assert flashes(response) == ["Note added."]
    anchor = f'<a href="{LINK}" rel="nofollow">{LINK}</a>'
    assert anchor in page_text(response)
    assert anchor in page_text(signed_in(ben).get(f"/circles/{circle.pk}/"))


def test_markup_in_a_note_is_shown_as_text() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    make_circle_note(circle=circle, author=ana, text="<script>alert(1)</script>")
    raw = signed_in(ben).get(f"/circles/{circle.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script>alert(1)" not in raw


def test_empty_note_is_refused_with_a_message() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    response = signed_in(ana).post(f"/circles/{circle.pk}/", {"action": "add-note", "text": ""})
    assert field_error(response, "text") == "This field is required."
    assert not CircleNote.objects.exists()


def test_only_the_author_can_remove_a_note() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    note = make_circle_note(circle=circle, author=ana, text="Bring snacks")
    ben_client = signed_in(ben)
    page = page_text(ben_client.get(f"/circles/{circle.pk}/"), "Circle 1 of Spring circles")
    assert "Bring snacks" in page
    assert 'value="remove-note"' not in page
    refused = ben_client.post(
        f"/circles/{circle.pk}/", {"action": "remove-note", "note": note.pk}, follow=True
    )
    assert flashes(refused) == ["Only the person who wrote a note can remove it."]
    assert CircleNote.objects.filter(pk=note.pk).exists()
    removed = signed_in(ana).post(
        f"/circles/{circle.pk}/", {"action": "remove-note", "note": note.pk}, follow=True
    )
    assert flashes(removed) == ["Note removed."]
    assert "Bring snacks" not in page_text(removed, "Circle 1 of Spring circles")


# Check-ins and circle health.


def test_check_in_needs_a_rating_and_keeps_what_was_typed() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    response = signed_in(ana).post(
        f"/circles/{circle.pk}/check-in/", {"comment": "Going fine so far"}
    )
    assert response.status_code == 200
    assert field_error(response, "rating") == "This field is required."
    assert textarea_value(parse(response), "comment") == "Going fine so far"
    assert not CheckIn.objects.exists()


def test_check_in_can_pause_and_ask_for_a_different_circle() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    response = signed_in(ana).post(
        f"/circles/{circle.pk}/check-in/",
        {"rating": "2", "pause": "on", "wants_different": "on"},
        follow=True,
    )
    assert flashes(response) == ["Thank you for checking in."]
    membership = CircleMembership.objects.get(member=ana)
    assert (membership.paused, membership.wants_different) == (True, True)
    assert CheckIn.objects.get(member=ana).rating == 2
    ben_page = page_text(signed_in(ben).get(f"/circles/{circle.pk}/"))
    assert "Ana (taking a break)" in [heading.text() for heading in parse(ben_page).all("h3")]


def test_health_page_shows_ratings_and_moves_but_only_shared_comments() -> None:
    ana, ben, cal = member("Ana Alvarez"), member("Ben Brooks"), member("Cal Chen")
    circle = running_circle([ana, ben, cal])
    url = f"/circles/{circle.pk}/check-in/"
    signed_in(ana).post(url, {"rating": "1", "comment": "Early days"})
    signed_in(ana).post(url, {"rating": "5", "comment": "A lovely group", "share_comment": "on"})
    signed_in(ben).post(url, {"rating": "2", "comment": "Secret grumble", "wants_different": "on"})
    signed_in(cal).post(url, {"rating": "2"})
    boss = signed_in(make_user(is_organizer=True))
    text = page_text(boss.get(f"/manage/circles/{circle.round.pk}/health/"))
    assert "3.0 of 5" in text
    assert "<td>Ben Brooks</td>" in text
    assert "A lovely group" in text
    assert "Secret grumble" not in text
    assert "Early days" not in text


def test_members_cannot_see_circle_health() -> None:
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal])
    assert signed_in(ana).get(f"/manage/circles/{circle.round.pk}/health/").status_code == 404


def test_check_in_reminder_is_sent_once_when_due(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    due, paused, recent = member("Due"), member("Paused"), member("Recent")
    five_weeks_in = round_between(-36, 100, check_in_every_weeks=4)
    circle = running_circle([due, paused, recent], round=five_weeks_in)
    CircleMembership.objects.filter(member=paused).update(paused=True)
    make_check_in(circle=circle, member=recent, rating=4)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            check_in_reminders_send()
        run_queued_tasks()
    [email] = mail.outbox
    assert email.to == [due.email]
    assert email.subject == "How is your circle going? (Spring circles)"
    assert f"/circles/{circle.pk}/check-in/" in email.body


def test_no_reminder_before_the_first_check_in_is_due(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    three_weeks_in = round_between(-22, 100, check_in_every_weeks=4)
    running_circle([member("Ana"), member("Ben"), member("Cal")], round=three_weeks_in)
    with django_capture_on_commit_callbacks(execute=True):
        check_in_reminders_send()
    run_queued_tasks()
    assert mail.outbox == []


def test_a_member_who_never_checks_in_is_reminded_at_each_rhythm(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    quiet = member("Quiet")
    nine_weeks_in = round_between(-64, 100, check_in_every_weeks=4)
    running_circle([quiet, member("Ben"), member("Cal")], round=nine_weeks_in)
    CircleMembership.objects.exclude(member=quiet).update(paused=True)
    with django_capture_on_commit_callbacks(execute=True):
        check_in_reminders_send()
    run_queued_tasks()
    # Due at four weeks and again at eight: today's reminder is the one for eight weeks.
    [email] = mail.outbox
    assert email.to == [quiet.email]
    first_due = timezone.localdate() - dt.timedelta(days=64) + dt.timedelta(days=28)
    with django_capture_on_commit_callbacks(execute=True):
        check_in_reminders_send()
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert not OutboundEmail.objects.filter(key__endswith=first_due.isoformat()).exists()


def test_check_ins_close_when_the_round_ends() -> None:
    ana = member("Ana")
    ended = round_between(-200, -1)
    circle = running_circle([ana, member("Ben"), member("Cal")], round=ended)
    response = signed_in(ana).post(f"/circles/{circle.pk}/check-in/", {"rating": "4"}, follow=True)
    assert "Spring circles has ended, so there's nothing to check in." in flashes(response)
    assert not CheckIn.objects.exists()


def test_your_circles_says_how_each_round_you_joined_stands() -> None:
    ana = member("Ana")
    today = timezone.localdate()
    waiting = make_round(
        name="Forming",
        signup_opens_on=today - dt.timedelta(days=20),
        signup_closes_on=today - dt.timedelta(days=1),
    )
    make_entry(waiting, ana)
    left_out = round_between(-10, 100)
    make_entry(left_out, ana)
    text = page_text(signed_in(ana).get("/circles/"))
    assert "Forming: sign-up has closed and circles are being formed." in text
    assert "Spring circles: we couldn't place you in a circle this time." in text


# Personal data.


def test_export_holds_matching_preferences_entries_circles_check_ins_and_notes() -> None:
    exams = make_term(TermKind.TOPIC, "Exam accommodations")
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    circle = running_circle([ana, ben, cal], offers={ana: [exams]})
    preferences = make_matching_preferences(member=ana, profession_preference="similar")
    preferences.avoid.add(member("Zed Supervisor"))
    make_check_in(circle=circle, member=ana, rating=4, comment="Good so far", share_comment=True)
    make_circle_note(circle=circle, author=ana, text="Bring snacks")
    make_circle_note(circle=circle, author=ben, text="Ben's note")
    export = personal_data_export(ana)
    [chosen] = export["Matching preferences"]
    assert chosen["people_you_wont_be_placed_with"] == ["Zed Supervisor"]
    assert chosen["profession_preference"] == "People in professions like mine"
    [entry] = export["Matching rounds you joined"]
    assert (entry["round"], entry["topics_offered"]) == ("Spring circles", ["Exam accommodations"])
    assert entry["availability_hours_of_week"] == TUESDAY_EVENING
    [joined] = export["Your circles"]
    assert (joined["round"], joined["circle"]) == ("Spring circles", "Circle 1")
    [check_in] = export["Your check-ins"]
    assert (check_in["rating"], check_in["comment"]) == (4, "Good so far")
    assert [note["text"] for note in export["Notes you wrote in your circles"]] == ["Bring snacks"]


# Query counts stay fixed however many rows a page shows.


def test_my_circles_page_query_count_is_fixed() -> None:
    ana = member("Ana")
    client = signed_in(ana)
    make_round(name="Open round")
    running_circle([ana, member("Ben"), member("Cal")])
    with_one = queries_for_page(client, "/circles/")
    for number in range(5):
        make_entry(make_round(name=f"Open {number}"), ana)
        running_circle([ana, member(f"Mate {number}"), member(f"Other {number}")])
    assert queries_for_page(client, "/circles/") == with_one
    assert page_text(client.get("/circles/")).count("Circle 1 of Spring circles") == 6


def test_circle_page_query_count_is_fixed() -> None:
    exams = make_term(TermKind.TOPIC, "Exams")
    asl = make_term(TermKind.MODE, "ASL")
    ana = member("Ana")
    people = [ana, member("Ben")]
    round = publish(make_round(min_size=2, max_size=6))
    for person in people:
        make_entry(round, person, offers=[exams], seeks=[exams], modes=[asl], hours=[43])
    circle = make_circle(round, people)
    make_circle_note(circle=circle, author=people[1], text="First")
    client = signed_in(ana)
    with_one = queries_for_page(client, f"/circles/{circle.pk}/")
    for number in range(4):
        person = member(f"Mate {number}")
        make_entry(round, person, offers=[exams], seeks=[exams], modes=[asl], hours=[43])
        make_circle_membership(circle=circle, round=round, member=person)
        make_circle_note(circle=circle, author=person, text=f"Note {number}")
    assert queries_for_page(client, f"/circles/{circle.pk}/") == with_one
    text = page_text(client.get(f"/circles/{circle.pk}/"))
    assert "Mate 3" in text
    assert "Note 3" in text


def test_health_page_query_count_is_fixed() -> None:
    round = publish(make_round(min_size=2, max_size=6))
    boss = signed_in(make_user(is_organizer=True))

    def circle_with_check_ins(size: int) -> None:
        people = [member(f"P{Circle.objects.count()}-{n}") for n in range(size)]
        circle = make_circle(round, people)
        for person in people:
            make_check_in(
                circle=circle, member=person, rating=3, comment="Fine", share_comment=True
            )
        CircleMembership.objects.filter(member=people[0]).update(wants_different=True)

    circle_with_check_ins(2)
    url = f"/manage/circles/{round.pk}/health/"
    with_one = queries_for_page(boss, url)
    for size in (3, 5, 6):
        circle_with_check_ins(size)
    assert queries_for_page(boss, url) == with_one
    assert "Circle 4" in page_text(boss.get(url))


# Hours of the week between zones.

WINTER = dt.date(2027, 1, 12)
SUMMER = dt.date(2027, 7, 13)


def hours_of_week(moments: list[dt.datetime]) -> list[int]:
    return [moment.weekday() * 24 + moment.hour for moment in moments]


@pytest.mark.parametrize("zone", [NEW_YORK, LOS_ANGELES, "Europe/London", "UTC"])
@pytest.mark.parametrize("week_of", [WINTER, SUMMER])
def test_local_hours_come_back_the_same_through_utc(zone: str, week_of: dt.date) -> None:
    hours = [0, 1, 43, 44, 45, 100, 166, 167]
    assert sorted(hours_of_week(from_utc(to_utc(hours, zone, week_of), zone, week_of))) == hours


def test_daylight_saving_moves_the_utc_hour_not_the_local_one() -> None:
    tuesday_7pm = [43]
    assert to_utc(tuesday_7pm, NEW_YORK, WINTER) == [48]  # Wednesday 00:00 UTC
    assert to_utc(tuesday_7pm, NEW_YORK, SUMMER) == [47]  # Tuesday 23:00 UTC
    for week_of in (WINTER, SUMMER):
        [moment] = from_utc(to_utc(tuesday_7pm, NEW_YORK, week_of), NEW_YORK, week_of)
        assert (moment.weekday(), moment.hour) == (1, 19)


def test_half_hour_zone_suggests_only_hours_wholly_inside_the_chosen_ones() -> None:
    """Tuesday 7 to 9 pm in India is 1:30 to 3:30 pm UTC: only 2 to 3 pm UTC lies inside,
    which is 7:30 to 8:30 pm there."""
    [moment] = from_utc(to_utc([43, 44], "Asia/Kolkata", WINTER), "Asia/Kolkata", WINTER)
    assert (moment.weekday(), moment.hour, moment.minute) == (1, 19, 30)


@pytest.mark.parametrize("hour", [0, 43, 167])
def test_half_hour_zone_single_hour_keeps_the_two_overlapping_utc_hours(hour: int) -> None:
    """No whole UTC hour fits inside one chosen hour, so the member isn't left with none
    (which would mean "any time"): both UTC hours that overlap half of it are kept."""
    moments = from_utc(to_utc([hour], "Asia/Kolkata", WINTER), "Asia/Kolkata", WINTER)
    starts = sorted(((m.weekday() * 24 + m.hour) * 60 + m.minute) % (168 * 60) for m in moments)
    week = 168 * 60
    assert sorted((start - hour * 60 + week // 2) % week - week // 2 for start in starts) == [
        -30,
        30,
    ]


def test_consecutive_hours_read_as_one_span() -> None:
    hours = to_utc([43, 44, 45, 60], NEW_YORK, WINTER)
    assert spans_text(hours, NEW_YORK, WINTER) == [
        "Tuesdays, 7:00 pm to 10:00 pm EST",
        "Wednesdays, 12:00 pm to 1:00 pm EST",
    ]
    assert spans_text(hours, LOS_ANGELES, WINTER) == [
        "Tuesdays, 4:00 pm to 7:00 pm PST",
        "Wednesdays, 9:00 am to 10:00 am PST",
    ]


def test_spans_run_on_across_midnight_and_the_end_of_the_week() -> None:
    sunday_night_into_monday = [165, 166, 167, 0, 1]  # Sunday 9 pm to Monday 2 am, local
    hours = to_utc(sunday_night_into_monday, NEW_YORK, WINTER)
    assert spans_text(hours, NEW_YORK, WINTER) == ["Sundays 9:00 pm to Mondays 2:00 am EST"]
    assert spans_text(to_utc([21, 22, 23], NEW_YORK, WINTER), NEW_YORK, WINTER) == [
        "Mondays, 9:00 pm to midnight EST"
    ]
    assert spans_text(list(range(168)), NEW_YORK, WINTER) == ["Any time of the week (EST)"]


def test_a_check_in_for_a_round_that_ended_is_refused_by_the_service() -> None:
    ana = member("Ana")
    circle = running_circle([ana, member("Ben"), member("Cal")], round=round_between(-200, -1))
    membership = CircleMembership.objects.get(circle=circle, member=ana)
    with pytest.raises(RoundClosed):
        check_in_save(membership=membership, answers=CheckInAnswers(4, "", False, False, False))
    assert not CheckIn.objects.exists()
