"""Matching rounds, as organizers and members use them: opening a round, opting in, running
the engine in the background, adjusting the draft (moves, locks, re-runs) and publishing."""

import datetime as dt
import html
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.enums import RunPhase
from dm3p.circles.models import (
    Circle,
    CircleMembership,
    MatchingPreferences,
    MatchingRound,
    RoundEntry,
)
from dm3p.circles.selectors.engine import MatchResult, cohort_input, round_inputs
from dm3p.circles.services.drafts import draft_store
from dm3p.core.models import AuditEntry, OutboundEmail
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile
from dm3p.members.personal_data import personal_data_export
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import texts_to
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.members import make_term
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import Page, field_error, flashes, heading, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

# Tuesday 7 pm to 10 pm in the member's own zone (hours of the week, Monday 00:00 is 0).
TUESDAY_EVENING = [43, 44, 45]
# Sunday 3 am: nobody else is free then.
SUNDAY_NIGHT = [147]


def member(name: str, *, zone: str = "America/New_York") -> User:
    person = make_user(name=name)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(time_zone=zone)
    return person


def organizer() -> Client:
    return signed_in(make_user(is_organizer=True))


def page_text(response: Page, h1: str | None = None) -> str:
    """The page's text; with ``h1``, once it is shown to be that page (see page_shown)."""
    if h1 is not None:
        page_shown(response, h1)
    return html.unescape(response.content.decode())


def inputs_of(response: Page) -> list[dict[str, str]]:
    """Every <input>'s attributes (a bare attribute such as ``checked`` maps to "")."""
    return [element.attrs for element in parse(response).all("input")]


def ticked(response: Page, name: str) -> set[str]:
    return {
        attrs["value"]
        for attrs in inputs_of(response)
        if attrs.get("name") == name and "checked" in attrs
    }


def close_signup(round: MatchingRound) -> None:
    """Sign-up closed early (publishing waits for it)."""
    MatchingRound.objects.filter(pk=round.pk).update(signup_closed_at=timezone.now())


def run_matching(client: Client, round: MatchingRound, capture: Capture) -> None:
    """Press "Run matching" and let the background worker do its job."""
    with capture(execute=True):
        response = client.post(f"/manage/circles/{round.pk}/", {"action": "run"})
    assert response["Location"] == f"/manage/circles/{round.pk}/"
    run_queued_tasks()
    round.refresh_from_db()


def circles_as_sets(round: MatchingRound) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for circle_id, member_id in CircleMembership.objects.filter(round=round).values_list(
        "circle_id", "member_id"
    ):
        found.setdefault(circle_id, set()).add(member_id)
    return found


def everyone_free_on_tuesday(round: MatchingRound, count: int) -> list[User]:
    people = [member(f"Person {number}") for number in range(count)]
    for person in people:
        make_entry(round, person, hours=TUESDAY_EVENING)
    return people


def avoids(owner: User, *people: User) -> None:
    preferences, _ = MatchingPreferences.objects.get_or_create(member=owner)
    preferences.avoid.add(*people)


# Opening a round.

ROUND_FORM = {
    "name": "Autumn circles",
    "description": "Meet people who get it.",
    "signup_opens_on": "2030-09-01",
    "signup_closes_on": "2030-09-20",
    "starts_on": "2030-10-01",
    "ends_on": "2031-03-01",
    "min_size": "4",
    "max_size": "6",
    "meets": "monthly",
    "check_in_every_weeks": "4",
}


def test_organizer_opens_a_round() -> None:
    response = organizer().post("/manage/circles/new/", ROUND_FORM)
    round = MatchingRound.objects.get()
    assert response["Location"] == f"/manage/circles/{round.pk}/"
    assert (round.name, round.min_size, round.max_size) == ("Autumn circles", 4, 6)
    assert round.starts_on == dt.date(2030, 10, 1)


def test_changing_a_round_records_only_what_changed() -> None:
    client = organizer()
    client.post("/manage/circles/new/", ROUND_FORM)
    round = MatchingRound.objects.get()
    client.post(f"/manage/circles/{round.pk}/edit/", {**ROUND_FORM, "name": "Winter circles"})
    round.refresh_from_db()
    assert round.name == "Winter circles"
    change = AuditEntry.objects.filter(action="matching_round.save").latest("id")
    assert change.fields == ["name"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"min_size": "7", "max_size": "5"},
            "max_size",
            "The largest circle can't be smaller than the smallest.",
        ),
        (
            {"signup_closes_on": "2030-08-20"},
            "signup_closes_on",
            "Sign-up can't close before it opens.",
        ),
        (
            {"ends_on": "2030-09-15"},
            "ends_on",
            "The round must end after circles start meeting.",
        ),
        (
            {"max_size": "13"},
            "max_size",
            "Circles of more than 12 people don't work as circles.",
        ),
    ],
)
def test_bad_round_is_refused_next_to_the_field_keeping_what_was_typed(
    changes: dict[str, str], field: str, message: str
) -> None:
    response = organizer().post("/manage/circles/new/", {**ROUND_FORM, **changes})
    assert response.status_code == 200
    assert field_error(response, field) == message
    assert "Constraint" not in page_text(response)
    typed = {attrs.get("name"): attrs.get("value") for attrs in inputs_of(response)}
    assert typed["name"] == "Autumn circles"
    assert typed[field] == {**ROUND_FORM, **changes}[field]
    assert not MatchingRound.objects.exists()


def test_members_cannot_open_rounds() -> None:
    response = signed_in(member("Mei")).post("/manage/circles/new/", ROUND_FORM)
    assert response.status_code == 404
    assert not MatchingRound.objects.exists()


# Opting in.


def test_sign_up_form_starts_from_the_profile() -> None:
    exams = make_term(TermKind.TOPIC, "Exam accommodations")
    make_term(TermKind.TOPIC, "Disclosure")
    fatigue = make_term(TermKind.TOPIC, "Fatigue on call")
    asl = make_term(TermKind.MODE, "ASL")
    make_term(TermKind.MODE, "Text chat")
    mei = member("Mei", zone="America/Chicago")
    profile = Profile.objects.get(user=mei)
    profile.topics_offered.set([exams])
    profile.topics_sought.set([fatigue])
    profile.modes.set([asl])
    profile.availability = list(range(41, 46))  # Tuesday evening
    profile.save()
    round = make_round()
    response = signed_in(mei).get(f"/circles/rounds/{round.pk}/")
    assert ticked(response, "topics_offered") == {str(exams.pk)}
    assert ticked(response, "topics_sought") == {str(fatigue.pk)}
    assert ticked(response, "modes") == {str(asl.pk)}
    assert ticked(response, "availability_1") == {"evening"}
    assert ticked(response, "availability_0") == set()
    assert parse(response).one("input", name="time_zone").attrs["value"] == "America/Chicago"


def test_member_opts_in_with_the_answers_they_confirm() -> None:
    exams = make_term(TermKind.TOPIC, "Exam accommodations")
    fatigue = make_term(TermKind.TOPIC, "Fatigue on call")
    asl = make_term(TermKind.MODE, "ASL")
    mei = member("Mei")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/",
        {
            "topics_offered": [exams.pk],
            "topics_sought": [fatigue.pk],
            "modes": [asl.pk],
            "time_zone": "America/Denver",
            "availability_2": ["morning", "evening"],
            "profession_preference": "similar",
            "avoid_add": "",
        },
    )
    assert response["Location"] == "/circles/"
    entry = RoundEntry.objects.get(round=round, member=mei)
    assert list(entry.topics_offered.all()) == [exams]
    assert list(entry.topics_sought.all()) == [fatigue]
    assert list(entry.modes.all()) == [asl]
    assert entry.time_zone == "America/Denver"
    assert entry.availability == [*range(54, 60), *range(65, 70)]
    assert MatchingPreferences.objects.get(member=mei).profession_preference == "similar"


def join_form(**fields: Any) -> dict[str, Any]:
    return {"time_zone": "America/New_York", "profession_preference": "mixed", **fields}


def test_member_leaves_a_round() -> None:
    mei = member("Mei")
    round = make_round()
    make_entry(round, mei)
    client = signed_in(mei)
    asked = client.get(f"/circles/rounds/{round.pk}/leave/")
    assert heading(asked) == "Leave Spring circles?"
    assert RoundEntry.objects.exists()  # opening the page changes nothing
    [form] = parse(asked).one("main").all("form")
    assert [button.text() for button in form.all("button")] == ["Yes, leave Spring circles"]
    response = client.post(f"/circles/rounds/{round.pk}/leave/")
    assert response["Location"] == "/circles/"
    assert not RoundEntry.objects.exists()


def test_leaving_after_a_draft_also_leaves_the_draft_circle() -> None:
    round = make_round()
    people = [member(name) for name in ("Mei", "Ana", "Ben")]
    for person in people:
        make_entry(round, person)
    circle = make_circle(round, people)
    signed_in(people[0]).post(f"/circles/rounds/{round.pk}/leave/")
    assert set(circle.memberships.values_list("member_id", flat=True)) == {
        people[1].pk,
        people[2].pk,
    }


def test_round_whose_sign_up_closed_is_not_found() -> None:
    today = timezone.localdate()
    round = make_round(
        signup_opens_on=today - dt.timedelta(days=20), signup_closes_on=today - dt.timedelta(days=1)
    )
    client = signed_in(member("Mei"))
    assert client.get(f"/circles/rounds/{round.pk}/").status_code == 404
    assert client.post(f"/circles/rounds/{round.pk}/", join_form()).status_code == 404
    assert not RoundEntry.objects.exists()


# Matching.


def test_matching_runs_in_the_background_and_places_everyone_it_can(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=3, max_size=5)
    everyone_free_on_tuesday(round, 8)
    loner = member("Night Owl")
    make_entry(round, loner, hours=SUNDAY_NIGHT)
    run_matching(organizer(), round, django_capture_on_commit_callbacks)
    assert (round.run_status, round.run_phase, round.run_percent) == ("done", RunPhase.DONE, 100)
    circles = circles_as_sets(round)
    assert circles
    assert all(3 <= len(people) <= 5 for people in circles.values())
    for entry in RoundEntry.objects.filter(round=round):
        homes = [pk for pk, people in circles.items() if entry.member_id in people]
        assert len(homes) == 1 or (not homes and entry.unassigned_reason), entry.member_id
    assert RoundEntry.objects.get(member=loner).unassigned_reason == (
        "no other member shares any available hour"
    )
    assert round.run_stats["placed"] == 8


def test_while_matching_waits_the_page_shows_progress_and_a_refresh_link() -> None:
    round = make_round()
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status="queued", run_phase=RunPhase.WAITING, run_percent=0
    )
    response = organizer().get(f"/manage/circles/{round.pk}/")
    text = page_text(response)
    assert '<progress id="run-progress" max="100" value="0">' in text
    assert f'<a href="/manage/circles/{round.pk}/">Refresh to see progress</a>' in text
    assert "Matching is about to start. Starting usually takes under a minute." in text
    assert 'value="run"' not in text


def test_matching_never_puts_people_who_avoid_each_other_together(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    exams = make_term(TermKind.TOPIC, "Exams")
    nights = make_term(TermKind.TOPIC, "Night shifts")
    round = make_round(min_size=3, max_size=3)
    others = everyone_free_on_tuesday(round, 4)
    # Each is the only one who can help the other: without the avoid list they'd be paired.
    ana, ben = member("Ana"), member("Ben")
    make_entry(round, ana, offers=[exams], seeks=[nights], hours=TUESDAY_EVENING)
    make_entry(round, ben, offers=[nights], seeks=[exams], hours=TUESDAY_EVENING)
    avoids(ben, ana)
    run_matching(organizer(), round, django_capture_on_commit_callbacks)
    circles = circles_as_sets(round)
    assert sum(len(people) for people in circles.values()) == len(others) + 2
    assert not any({ana.pk, ben.pk} <= people for people in circles.values())


def draft_with_avoid_pair() -> tuple[MatchingRound, User, User, Circle, Circle]:
    """Two draft circles; Ana (in the first) must not meet Ben (in the second)."""
    round = make_round(min_size=3, max_size=5)
    ana, ben = member("Ana Avoider"), member("Ben Avoided")
    people = everyone_free_on_tuesday(round, 4)
    for person in (ana, ben):
        make_entry(round, person, hours=TUESDAY_EVENING)
    first = make_circle(round, [ana, *people[:2]])
    second = make_circle(round, [ben, *people[2:]])
    avoids(ana, ben)
    return round, ana, ben, first, second


def test_move_that_breaks_an_avoid_pair_is_refused_without_naming_anyone_avoided() -> None:
    round, ana, _, first, second = draft_with_avoid_pair()
    response = organizer().post(
        f"/manage/circles/{round.pk}/draft/move/",
        {"people": ana.pk, "to": second.pk},
        follow=True,
    )
    [message] = flashes(response)
    assert "A constraint applies" in message
    assert "Ben Avoided" not in message
    assert CircleMembership.objects.get(member=ana).circle == first


def test_move_the_other_way_is_refused_too() -> None:
    round, _, ben, first, _ = draft_with_avoid_pair()
    response = organizer().post(
        f"/manage/circles/{round.pk}/draft/move/",
        {"people": ben.pk, "to": first.pk},
        follow=True,
    )
    [message] = flashes(response)
    assert "A constraint applies" in message
    assert "Ana Avoider" not in message


def test_organizer_moves_a_member_to_another_circle() -> None:
    round, _, _, first, second = draft_with_avoid_pair()
    mover = CircleMembership.objects.filter(circle=second).exclude(member__name="Ben Avoided")
    person = mover.first()
    assert person is not None
    response = organizer().post(
        f"/manage/circles/{round.pk}/draft/move/",
        {"people": person.member_id, "to": first.pk},
        follow=True,
    )
    [message] = flashes(response)
    assert message.startswith(f"Moved {person.member.name} to {first}. {first}: now 4 people.")
    assert CircleMembership.objects.get(member_id=person.member_id).circle == first


def test_avoid_lists_are_never_shown_on_the_organizers_draft() -> None:
    round, ana, _, _, _ = draft_with_avoid_pair()
    outsider = member("Zed Outsider")
    avoids(ana, outsider)
    text = page_text(organizer().get(f"/manage/circles/{round.pk}/"))
    assert "Ana Avoider" in text
    assert "Zed Outsider" not in text


def test_locked_circle_keeps_its_people_when_matching_runs_again(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=3, max_size=4)
    everyone_free_on_tuesday(round, 9)
    client = organizer()
    run_matching(client, round, django_capture_on_commit_callbacks)
    before = circles_as_sets(round)
    kept = min(before)
    client.post(f"/manage/circles/{round.pk}/draft/lock/", {"circle": kept, "locked": "yes"})
    run_matching(client, round, django_capture_on_commit_callbacks)
    after = circles_as_sets(round)
    assert round.run_count == 2
    assert Circle.objects.get(pk=kept).locked
    assert after[kept] == before[kept]
    reformed = set(after) - {kept}
    assert reformed
    assert not reformed & set(before)
    assert set().union(*after.values()) == set(
        RoundEntry.objects.filter(round=round).values_list("member_id", flat=True)
    )


def test_locked_circle_refuses_moves_out_of_it() -> None:
    round, ana, _, first, second = draft_with_avoid_pair()
    client = organizer()
    locking = client.post(
        f"/manage/circles/{round.pk}/draft/lock/",
        {"circle": first.pk, "locked": "yes"},
        follow=True,
    )
    assert flashes(locking) == [
        f"{first} is locked: its people stay together if matching runs again."
    ]
    person = CircleMembership.objects.filter(circle=first).exclude(member=ana).first()
    assert person is not None
    response = client.post(
        f"/manage/circles/{round.pk}/draft/move/",
        {"people": person.member_id, "to": second.pk},
        follow=True,
    )
    assert flashes(response) == [
        f"Nothing changed. {first} is locked. Unlock it to move people out of it."
    ]
    assert CircleMembership.objects.get(member_id=person.member_id).circle == first


# Publishing.


def test_publishing_is_refused_while_a_circle_breaks_the_rules() -> None:
    round = make_round(min_size=3, max_size=5)
    pair = everyone_free_on_tuesday(round, 2)
    make_circle(round, pair)
    trio = everyone_free_on_tuesday(round, 2)
    owl = member("Night Owl")
    make_entry(round, owl, hours=SUNDAY_NIGHT)
    make_circle(round, [*trio, owl])
    close_signup(round)
    response = organizer().post(f"/manage/circles/{round.pk}/publish/", follow=True)
    [message] = flashes(response)
    assert message.startswith("Not published yet:")
    assert "Circle 1 has 2 people; this round's circles have 3 to 5." in message
    assert "Circle 2 has no hour of the week when everyone is free." in message
    round.refresh_from_db()
    assert round.published_at is None
    assert not OutboundEmail.objects.exists()


def test_publishing_tells_each_member_about_their_circle(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=3, max_size=5, name="Spring circles")
    people = everyone_free_on_tuesday(round, 6)
    first, second = make_circle(round, people[:3]), make_circle(round, people[3:])
    owl = member("Night Owl")
    make_entry(round, owl, hours=SUNDAY_NIGHT)
    close_signup(round)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer().post(f"/manage/circles/{round.pk}/publish/", follow=True)
    assert flashes(response) == ["Circles published. The 6 people in them are being told."]
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()  # the publication writes the e-mails...
    run_queued_tasks()  # ...and they are sent
    for person in people:
        circle = first if person in people[:3] else second
        [email] = texts_to(person)
        assert email.startswith("Your circle for Spring circles is ready")
        assert f"{settings.SITE_URL}/circles/{circle.pk}/" in email
    [email] = texts_to(owl)
    assert "we could not place you in a circle" in email


def test_published_circle_shows_a_notice_until_its_page_is_opened() -> None:
    round = publish(make_round(name="Spring circles"))
    people = everyone_free_on_tuesday(round, 3)
    circle = make_circle(round, people)
    client = signed_in(people[0])
    notice = "Your circle for Spring circles is ready."
    assert notice in page_text(client.get("/circles/"))
    assert notice in page_text(client.get("/profile/"))
    assert notice in page_text(signed_in(people[1]).get("/events/"))
    client.get(f"/circles/{circle.pk}/")
    assert notice not in page_text(client.get("/circles/"), "Your circles")
    assert notice in page_text(signed_in(people[1]).get("/circles/"))


def test_draft_circles_show_no_notice() -> None:
    round = make_round(name="Spring circles")
    people = everyone_free_on_tuesday(round, 3)
    circle = make_circle(round, people)
    client = signed_in(people[0])
    assert "is ready" not in page_text(client.get("/circles/"), "Your circles")
    assert client.get(f"/circles/{circle.pk}/").status_code == 404


# Past circles feed the next round.


def test_people_who_shared_a_published_circle_are_past_groupmates_next_round() -> None:
    earlier = publish(make_round(name="Winter circles"))
    ana, ben, cal, dee = (member(name) for name in ("Ana", "Ben", "Cal", "Dee"))
    make_circle(earlier, [ana, ben, cal])
    unpublished = make_round(name="Abandoned draft")
    make_circle(unpublished, [ana, dee])
    later = make_round(name="Spring circles")
    for person in (ana, ben, dee):
        make_entry(later, person)
    inputs = round_inputs(round=later)
    cohort = cohort_input(round=later, inputs=inputs, member_ids=inputs.members)
    past = {item["id"]: item["past_groupmates"] for item in cohort["members"]}
    assert past == {str(ana.pk): [str(ben.pk)], str(ben.pk): [str(ana.pk)], str(dee.pk): []}


# Query counts stay fixed however many rows a page shows.


def test_rounds_list_query_count_is_fixed() -> None:
    client = organizer()
    make_entry(make_round(name="Round 0"), member("Mei"))
    with_one = queries_for_page(client, "/manage/circles/")
    for number in range(1, 8):
        round = make_round(name=f"Round {number}")
        make_entry(round, member(f"Person {number}"))
    assert queries_for_page(client, "/manage/circles/") == with_one
    assert "Round 7" in page_text(client.get("/manage/circles/"))


def test_draft_page_query_count_is_fixed() -> None:
    topic = make_term(TermKind.TOPIC, "Exams")
    mode = make_term(TermKind.MODE, "Text chat")
    round = make_round(min_size=3, max_size=5)
    client = organizer()

    def circle_of(count: int) -> None:
        people = [member(f"P{Circle.objects.count()}-{n}") for n in range(count)]
        for person in people:
            make_entry(round, person, offers=[topic], seeks=[topic], modes=[mode], hours=[43])
        make_circle(round, people)

    circle_of(3)
    make_entry(round, member("Left Out"), hours=SUNDAY_NIGHT)
    url = f"/manage/circles/{round.pk}/"
    with_one = queries_for_page(client, url)
    for count in (4, 5, 3, 5):
        circle_of(count)
    for number in range(4):
        make_entry(round, member(f"Left Out {number}"), hours=SUNDAY_NIGHT)
    assert queries_for_page(client, url) == with_one
    text = page_text(client.get(url))
    assert "Lock Circle 5" in text
    assert "Left Out 3" in text


def test_announcing_a_round_emails_every_member_once(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(name="Winter circles")
    people = [member("Ana Silva"), make_user(name="Al Ally", membership_status="ally")]
    applicant = make_user(membership_status="applicant")
    client = organizer()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/manage/circles/{round.pk}/", {"action": "announce"})
        with django_capture_on_commit_callbacks(execute=True):
            run_queued_tasks()  # the announcement writes the e-mails...
        run_queued_tasks()  # ...and they are sent
    for person in people:
        [announcement] = texts_to(person)
        assert announcement.startswith("Join Winter circles: sign-up is open until")
        assert f"/circles/rounds/{round.pk}/" in announcement
    assert texts_to(applicant) == []


def test_a_round_whose_sign_up_closed_is_not_announced() -> None:
    today = timezone.localdate()
    round = make_round(signup_closes_on=today - dt.timedelta(days=1))
    response = organizer().post(f"/manage/circles/{round.pk}/", {"action": "announce"}, follow=True)
    assert "Sign-up for this round isn't open" in " ".join(flashes(response))
    round.refresh_from_db()
    assert round.announced_at is None


# What the review found: avoid lists behind the engine's reasons and late changes, runs
# that were superseded, people suspended mid-round, ids that aren't ids.


def test_a_reason_that_speaks_of_avoid_lists_reaches_nobody(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=2, max_size=2)
    loner, yan, zoe = (member(name) for name in ("Lou Loner", "Yan Yu", "Zoe Zed"))
    for person in (loner, yan, zoe):
        make_entry(round, person, hours=TUESDAY_EVENING)
    avoids(loner, yan, zoe)
    client = organizer()
    run_matching(client, round, django_capture_on_commit_callbacks)
    text = page_text(client.get(f"/manage/circles/{round.pk}/"))
    assert "A constraint applies: no circle fits them" in text
    assert "avoid" not in text.lower()
    [row] = personal_data_export(loner)["Matching rounds you joined"]
    assert row["not_placed_because"] == "Not placed in a circle"


def test_a_circle_with_an_avoid_pair_added_after_matching_is_not_published() -> None:
    round = make_round(min_size=2, max_size=3)
    ana, ben = member("Ana Avoider"), member("Ben Avoided")
    for person in (ana, ben):
        make_entry(round, person, hours=TUESDAY_EVENING)
    make_circle(round, [ana, ben])
    avoids(ana, ben)
    close_signup(round)
    response = organizer().post(f"/manage/circles/{round.pk}/publish/", follow=True)
    [message] = flashes(response)
    assert "Circle 1 breaks a constraint" in message
    assert "Ben" not in message
    round.refresh_from_db()
    assert round.published_at is None


def test_a_run_superseded_by_publishing_changes_nothing(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=3, max_size=3)
    people = everyone_free_on_tuesday(round, 6)
    client = organizer()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/manage/circles/{round.pk}/", {"action": "run"})
    published = make_circle(round, people[:3])
    publish(round)
    run_queued_tasks()
    assert list(Circle.objects.filter(round=round)) == [published]


def test_a_run_stores_only_people_still_in_the_round() -> None:
    """Someone may leave while the engine runs: the circles it returns are stored without
    them."""
    round = make_round(min_size=3, max_size=3)
    people = everyone_free_on_tuesday(round, 3)
    RoundEntry.objects.filter(member=people[0]).delete()
    round.run_count = 1
    round.save(update_fields=["run_count"])
    engine_result = MatchResult(
        circles=[[person.pk for person in people]], unplaced={}, seconds=0.1, solver="cp-sat"
    )
    draft_store(round=round, result=engine_result, run_count=1)
    assert set(CircleMembership.objects.values_list("member_id", flat=True)) == {
        people[1].pk,
        people[2].pk,
    }


def test_suspended_members_are_left_out_of_matching_and_its_emails(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round = make_round(min_size=3, max_size=3)
    people = everyone_free_on_tuesday(round, 4)
    User.objects.filter(pk=people[0].pk).update(membership_status="suspended")
    client = organizer()
    run_matching(client, round, django_capture_on_commit_callbacks)
    assert not CircleMembership.objects.filter(member=people[0]).exists()
    close_signup(round)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/manage/circles/{round.pk}/publish/")
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    assert texts_to(people[0]) == []
    assert all(texts_to(person) for person in people[1:])


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/circles/CIRCLE/", {"action": "remove-note", "note": ""}),
    ],
)
def test_buttons_naming_something_that_isnt_there_answer_not_found(
    url: str, data: dict[str, str]
) -> None:
    round = make_round(name="Running")
    people = [member("Ana"), member("Ben")]
    for person in people:
        make_entry(round, person)
    circle = make_circle(round, people)
    if "CIRCLE" in url:
        publish(round)
        client = signed_in(people[0])
    else:
        client = organizer()
    url = url.replace("ROUND", str(round.pk)).replace("CIRCLE", str(circle.pk))
    assert client.post(url, data).status_code == 404


def test_the_draft_says_when_people_joined_after_matching_ran(
    django_capture_on_commit_callbacks: Capture, clock: time_machine.Traveller
) -> None:
    round = make_round(min_size=3, max_size=3)
    everyone_free_on_tuesday(round, 6)
    client = organizer()
    run_matching(client, round, django_capture_on_commit_callbacks)
    draft = page_text(client.get(f"/manage/circles/{round.pk}/"), "Spring circles")
    assert "after matching ran" not in draft
    clock.shift(dt.timedelta(minutes=10))
    late = member("Late Comer")
    make_entry(round, late, hours=TUESDAY_EVENING)
    text = page_text(client.get(f"/manage/circles/{round.pk}/"))
    assert "1 person joined or changed their answers after matching ran." in text


# The draft shows what the matching engine's audit says of each circle.


def draft_summary(response: Page, circle: Circle) -> dict[str, str]:
    """The summary list of one circle's section on the draft page: term to description."""
    section = parse(response).one("section", **{"aria-labelledby": f"circle-{circle.pk}"})
    summary = section.one("dl")
    terms = [item.text() for item in summary.all("dt")]
    return dict(zip(terms, [item.text() for item in summary.all("dd")], strict=True))


def test_the_draft_summarises_each_circle_as_the_engine_audits_it() -> None:
    exams, nights, fatigue = (
        make_term(TermKind.TOPIC, name) for name in ("Exams", "Nights", "Fatigue")
    )
    text_chat, video = make_term(TermKind.MODE, "Text chat"), make_term(TermKind.MODE, "Video")
    junior, senior = make_term(TermKind.STAGE, "Junior"), make_term(TermKind.STAGE, "Senior")
    nursing = make_term(TermKind.PROFESSION, "Nursing")
    earlier = publish(make_round(name="Winter circles"))
    round = make_round(min_size=3, max_size=5)
    ana, ben, cal = member("Ana"), member("Ben"), member("Cal")
    make_entry(
        round,
        ana,
        offers=[exams],
        seeks=[nights, fatigue],
        modes=[text_chat, video],
        hours=TUESDAY_EVENING,
    )
    make_entry(round, ben, offers=[nights], seeks=[exams], modes=[text_chat], hours=TUESDAY_EVENING)
    make_entry(round, cal, seeks=[exams], hours=[44, 45])
    Profile.objects.filter(user__in=[ana, ben]).update(stage=junior)
    Profile.objects.filter(user=cal).update(stage=senior)
    Profile.objects.get(user=ana).professions.set([nursing])
    make_circle(earlier, [ana, ben])
    circle = make_circle(round, [ana, ben, cal])
    response = organizer().get(f"/manage/circles/{round.pk}/")
    assert draft_summary(response, circle) == {
        "People": "3",
        "Times everyone is free": "2 hours a week, such as Wednesdays, 12:00 am to 2:00 am UTC",
        "Ways everyone can take part": "Text chat",
        "Topics sought that someone here offers": "3 of 4",
        "People who both give and receive": "2 of 3",
        "Mix": "2 stages, 1 profession",
        "Pairs who met in an earlier circle": "1",
    }
