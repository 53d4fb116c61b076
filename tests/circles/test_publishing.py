"""Publishing a round as its own step: closing sign-up (early, if need be), a page that says
who is placed, who isn't and what each will be e-mailed, and changes to published circles
that tell exactly the people concerned. Also the words a matching run's progress shows."""

import datetime as dt
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.enums import RunPhase, RunStatus
from dm3p.circles.models import Circle, CircleMembership, MatchingPreferences, MatchingRound
from dm3p.circles.selectors.run_status import run_words
from dm3p.core.models import AuditEntry, OutboundEmail
from tests.clock import ORDINARY
from tests.emails import texts_to
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import error_summary, flashes, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

TUESDAY_EVENING = [43, 44, 45]


@pytest.fixture(autouse=True)
def five_minute_runs(settings: Any) -> None:
    """The engine's time limit, from which the time left and "taking too long" are told."""
    settings.CIRCLES_MATCH_TIME_LIMIT_S = 300.0


def organizer() -> Client:
    return signed_in(make_user(is_organizer=True))


def people_in(round: MatchingRound, names: list[str]) -> list[User]:
    people = [make_user(name=name) for name in names]
    for person in people:
        make_entry(round, person, hours=TUESDAY_EVENING)
    return people


def a_matched_round(*, signup_open: bool = True) -> tuple[MatchingRound, list[User], list[User]]:
    """Two circles of three (Ana, Ben, Cat; Dan, Eve, Fay) and two people not placed."""
    round = make_round(name="Winter circles", min_size=3, max_size=5)
    placed = people_in(round, ["Ana", "Ben", "Cat", "Dan", "Eve", "Fay"])
    left_out = people_in(round, ["Gus", "Hal"])
    make_circle(round, placed[:3])
    make_circle(round, placed[3:])
    if not signup_open:
        MatchingRound.objects.filter(pk=round.pk).update(signup_closed_at=timezone.now())
        round.refresh_from_db()
    return round, placed, left_out


def buttons(response: object) -> list[str]:
    """The buttons on the page's own part (not the header's Sign out)."""
    return [b.text() for b in parse(response).one("main").all("button")]  # type: ignore[arg-type]


def text_of(response: object) -> str:
    return parse(response).one("main").text()  # type: ignore[arg-type]


# Publishing waits for sign-up to close.


def test_publishing_is_refused_while_sign_up_is_open() -> None:
    round, _, _ = a_matched_round()
    client = organizer()
    page = client.get(f"/manage/circles/{round.pk}/publish/")
    page_shown(page, "Publish Winter circles?")
    text = text_of(page)
    assert "Sign-up is still open" in text
    assert buttons(page) == []
    assert parse(page).all("a", href=f"/manage/circles/{round.pk}/close-sign-up/?then=publish")

    response = client.post(f"/manage/circles/{round.pk}/publish/", follow=True)
    assert flashes(response) == [
        "Sign-up is still open. Close sign-up first, then publish the circles."
    ]
    round.refresh_from_db()
    assert round.published_at is None
    assert not OutboundEmail.objects.exists()


def test_organizer_closes_sign_up_early() -> None:
    round, placed, _ = a_matched_round()
    client = organizer()
    page = client.get(f"/manage/circles/{round.pk}/close-sign-up/")
    page_shown(page, "Close sign-up for Winter circles?")
    assert "members can no longer join Winter circles, leave it, or change their answers" in (
        text_of(page)
    )
    # Looking changes nothing.
    assert MatchingRound.objects.get(pk=round.pk).signup_closed_at is None

    response = client.post(f"/manage/circles/{round.pk}/close-sign-up/", follow=True)
    assert flashes(response) == [
        "Sign-up is closed. Members can no longer join or change their answers."
    ]
    round.refresh_from_db()
    assert round.signup_closed_at is not None
    assert not round.signup_open_on(timezone.localdate())
    assert AuditEntry.objects.filter(action="matching_round.close_signup").count() == 1
    assert "closed early" in text_of(client.get(f"/manage/circles/{round.pk}/"))
    assert not OutboundEmail.objects.exists()
    # Members can't join or change their answers any more.
    member = signed_in(placed[0])
    assert member.get(f"/circles/rounds/{round.pk}/").status_code == 404
    assert "Join Winter circles" not in member.get("/circles/").content.decode()


def test_closing_from_the_publish_page_comes_back_to_it() -> None:
    round, _, _ = a_matched_round()
    response = organizer().post(
        f"/manage/circles/{round.pk}/close-sign-up/", {"then": "publish"}, follow=True
    )
    page_shown(response, "Publish Winter circles?")
    assert "Sign-up is still open" not in text_of(response)
    assert buttons(response) == ["Publish circles and e-mail 8 people"]


# The confirmation page.


def test_the_publish_page_says_who_is_placed_who_isnt_and_what_each_is_emailed() -> None:
    round, _, _ = a_matched_round(signup_open=False)
    page = organizer().get(f"/manage/circles/{round.pk}/publish/")
    page_shown(page, "Publish Winter circles?")
    tree = parse(page)
    text = text_of(page)
    assert "2 of 8 people are not placed" in text
    assert "The 6 people in 2 circles are e-mailed “Your circle for Winter circles is ready”" in (
        text
    )
    assert "The 2 people not placed are e-mailed “About your circle for Winter circles”" in text
    assert "Sign-up stays closed" in text
    assert "This can't be undone." in text
    headings = [h.text() for h in tree.all("h3")]
    assert headings == ["Circle 1 (3 people)", "Circle 2 (3 people)"]
    lists = [[li.text() for li in ul.all("li")] for ul in tree.all("ul", class_="publish-list")]
    assert lists == [["Ana", "Ben", "Cat"], ["Dan", "Eve", "Fay"], ["Gus", "Hal"]]
    assert buttons(page) == ["Publish circles and e-mail 8 people"]


def test_the_publish_page_changes_nothing_and_sends_nothing() -> None:
    round, _, _ = a_matched_round(signup_open=False)
    audits = AuditEntry.objects.count()
    organizer().get(f"/manage/circles/{round.pk}/publish/")
    round.refresh_from_db()
    assert round.published_at is None
    assert not OutboundEmail.objects.exists()
    assert AuditEntry.objects.count() == audits


def test_the_publish_page_uses_the_organizers_words_for_subjects() -> None:
    from dm3p.circles.emails import CIRCLE_NOT_PLACED
    from dm3p.core.services import email_wording_save

    round, _, _ = a_matched_round(signup_open=False)
    boss = make_user(is_organizer=True)
    email_wording_save(
        actor=boss,
        email=CIRCLE_NOT_PLACED,
        subject="{round_name}: news about your place",
        body="Thank you for joining {round_name}.",
    )
    text = text_of(signed_in(boss).get(f"/manage/circles/{round.pk}/publish/"))
    assert "e-mailed “Winter circles: news about your place”" in text


def test_publishing_after_closing_tells_the_placed_and_the_unplaced(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round, placed, left_out = a_matched_round(signup_open=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer().post(f"/manage/circles/{round.pk}/publish/", follow=True)
    assert flashes(response) == ["Circles published. The 6 people in them are being told."]
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    assert texts_to(placed[0])[0].startswith("Your circle for Winter circles is ready")
    assert texts_to(left_out[0])[0].startswith("About your circle for Winter circles")
    # Publishing is never a button on the draft page.
    page = organizer().get(f"/manage/circles/{round.pk}/")
    assert not parse(page).all("button", value="publish")


def test_the_publish_page_query_count_is_fixed() -> None:
    round = make_round(min_size=3, max_size=5, signup_closes_on=timezone.localdate())
    MatchingRound.objects.filter(pk=round.pk).update(signup_closed_at=timezone.now())
    make_circle(round, people_in(round, ["A1", "A2", "A3"]))
    people_in(round, ["Left 0"])
    client = organizer()
    url = f"/manage/circles/{round.pk}/publish/"
    with_one = queries_for_page(client, url)
    for number in range(2, 6):
        make_circle(round, people_in(round, [f"C{number}-{n}" for n in range(4)]))
    people_in(round, [f"Left {n}" for n in range(1, 6)])
    assert queries_for_page(client, url) == with_one
    assert "Left 5" in text_of(client.get(url))


# Changes after publishing.


def published_round() -> tuple[MatchingRound, list[User], list[User], list[Circle]]:
    round, placed, left_out = a_matched_round(signup_open=False)
    publish(round)
    return round, placed, left_out, list(Circle.objects.filter(round=round))


def recipients() -> dict[str, str]:
    return {
        email.recipient.name: email.subject or ""
        for email in OutboundEmail.objects.select_related("recipient")
        if email.recipient is not None
    }


def test_moving_someone_after_publishing_tells_them_and_both_circles_only() -> None:
    round, placed, _, (first, second) = published_round()
    ana = placed[0]
    client = organizer()
    url = f"/manage/circles/{round.pk}/change/"
    page = client.get(url, {"member": ana.pk, "to": second.pk})
    page_shown(page, "Move Ana to Circle 2?")
    text = text_of(page)
    assert "Ana: “Your circle for Winter circles has changed”" in text
    assert "The 2 people still in Circle 1 (Ben, Cat): “A change in Circle 1”" in text
    assert "The 3 people in Circle 2 (Dan, Eve, Fay): “Someone new in Circle 2”" in text
    assert CircleMembership.objects.get(member=ana).circle == first  # looking changes nothing
    assert not OutboundEmail.objects.exists()

    response = client.post(url, {"member": ana.pk, "to": second.pk}, follow=True)
    assert flashes(response) == [
        "Ana is now in Circle 2. They and the people of the circles concerned are being told."
    ]
    assert CircleMembership.objects.get(member=ana).circle == second
    assert recipients() == {
        "Ana": "Your circle for Winter circles has changed",
        "Ben": "A change in Circle 1",
        "Cat": "A change in Circle 1",
        "Dan": "Someone new in Circle 2",
        "Eve": "Someone new in Circle 2",
        "Fay": "Someone new in Circle 2",
    }
    left = OutboundEmail.objects.get(recipient=placed[1]).text_body or ""
    assert "Ana is no longer in Circle 1 (Winter circles)." in left
    assert "why" not in left.lower()
    moved = OutboundEmail.objects.get(recipient=ana).text_body or ""
    assert f"{django_settings.SITE_URL}/circles/{second.pk}/" in moved
    assert AuditEntry.objects.filter(action="matching_round.move_published").count() == 1


def test_adding_someone_not_placed_tells_them_and_their_new_circle_only() -> None:
    round, _, left_out, (first, _) = published_round()
    gus = left_out[0]
    client = organizer()
    url = f"/manage/circles/{round.pk}/change/"
    page = client.get(url, {"member": gus.pk, "to": first.pk})
    page_shown(page, "Add Gus to Circle 1?")
    client.post(url, {"member": gus.pk, "to": first.pk})
    assert CircleMembership.objects.get(member=gus).circle == first
    assert recipients() == {
        "Gus": "You have a circle for Winter circles",
        "Ana": "Someone new in Circle 1",
        "Ben": "Someone new in Circle 1",
        "Cat": "Someone new in Circle 1",
    }
    # The new member's circle page greets them as a new circle does.
    assert (
        "Your circle for Winter circles is ready."
        in signed_in(gus).get("/circles/").content.decode()
    )


def test_a_change_that_breaks_a_constraint_is_refused_without_names() -> None:
    round, placed, _, (first, second) = published_round()
    prefs = MatchingPreferences.objects.create(member=placed[4])  # Eve
    prefs.avoid.set([placed[0]])  # would rather not meet Ana
    client = organizer()
    url = f"/manage/circles/{round.pk}/change/"
    for response in (
        client.get(url, {"member": placed[0].pk, "to": second.pk}),
        client.post(url, {"member": placed[0].pk, "to": second.pk}),
    ):
        page_shown(response, "Move or add someone in Winter circles")
        [problem] = error_summary(parse(response))
        assert problem == (
            "Their new circle: A constraint applies: Ana can't join Circle 2. "
            "Choose another circle."
        )
        assert "Eve" not in problem
    assert CircleMembership.objects.get(member=placed[0]).circle == first
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"member": "abc", "to": "1"},
        {"member": "99999999999999999999999", "to": ""},
        {"member": "", "to": "-4"},
    ],
)
def test_bad_choices_on_the_change_page_get_clear_messages(query: dict[str, str]) -> None:
    round, _, _, _ = published_round()
    response = organizer().get(f"/manage/circles/{round.pk}/change/", query)
    page_shown(response, "Move or add someone in Winter circles")
    assert error_summary(parse(response))


def test_moving_someone_into_their_own_circle_is_refused() -> None:
    round, placed, _, (first, _) = published_round()
    response = organizer().get(
        f"/manage/circles/{round.pk}/change/", {"member": placed[0].pk, "to": first.pk}
    )
    assert error_summary(parse(response)) == [
        "Their new circle: Ana is already in Circle 1. Choose another."
    ]


def test_the_change_page_is_only_for_published_rounds() -> None:
    round, _, _ = a_matched_round(signup_open=False)
    assert organizer().get(f"/manage/circles/{round.pk}/change/").status_code == 404


def test_a_published_round_offers_changes() -> None:
    round, _, _, _ = published_round()
    page = organizer().get(f"/manage/circles/{round.pk}/")
    assert parse(page).all("a", href=f"/manage/circles/{round.pk}/change/")
    assert "Changes after publishing" in text_of(page)


# What a matching run's progress says.


def run_at(status: RunStatus, phase: RunPhase, percent: int, seconds_ago: float) -> MatchingRound:
    round = make_round()
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=status,
        run_phase=phase,
        run_percent=percent,
        run_count=1,
        run_started_at=timezone.now() - dt.timedelta(seconds=seconds_ago),
    )
    round.refresh_from_db()
    return round


@pytest.mark.parametrize(
    ("status", "phase", "percent", "seconds_ago", "doing", "left"),
    [
        (
            RunStatus.QUEUED,
            RunPhase.WAITING,
            0,
            5,
            "Matching is about to start.",
            "Starting usually takes under a minute.",
        ),
        (
            RunStatus.RUNNING,
            RunPhase.FINE_TUNING,
            50,
            120,
            "Matching is running: fine-tuning the circles.",
            "About 2 minutes left.",
        ),
        (
            RunStatus.RUNNING,
            RunPhase.PLACING_EVERYONE,
            90,
            60,
            "Matching is running: finding a place for everyone.",
            "Less than a minute left.",
        ),
        (
            RunStatus.RUNNING,
            RunPhase.STARTING,
            0,
            60,
            "Matching is running: getting ready.",
            "At most about 4 minutes left.",
        ),
    ],
)
def test_run_progress_in_plain_words_with_time_left(
    status: RunStatus, phase: RunPhase, percent: int, seconds_ago: float, doing: str, left: str
) -> None:
    round = run_at(status, phase, percent, seconds_ago)
    words = run_words(round, timezone.now())
    assert (words.doing, words.time_left, words.slow) == (doing, left, False)
    text = text_of(organizer().get(f"/manage/circles/{round.pk}/"))
    assert f"{doing} {left}" in text
    assert "worker" not in text


@pytest.mark.parametrize(
    ("status", "seconds_ago"),
    [(RunStatus.QUEUED, 6 * 60), (RunStatus.RUNNING, 5 * 60 + 300 + 3 * 60)],
)
def test_a_run_taking_far_too_long_says_so_and_can_be_run_again(
    status: RunStatus, seconds_ago: float, django_capture_on_commit_callbacks: Capture
) -> None:
    round = run_at(status, RunPhase.FINE_TUNING, 40, seconds_ago)
    client = organizer()
    page = client.get(f"/manage/circles/{round.pk}/")
    assert "This is taking longer than usual" in text_of(page)
    assert parse(page).all("button", value="run")
    response = client.post(f"/manage/circles/{round.pk}/", {"action": "run"}, follow=True)
    assert flashes(response) == ["Matching has started. Refresh this page to see progress."]
    round.refresh_from_db()
    assert (round.run_status, round.run_count) == (RunStatus.QUEUED, 2)


def test_a_run_in_good_time_cannot_be_started_twice() -> None:
    round = run_at(RunStatus.RUNNING, RunPhase.FINE_TUNING, 40, 60)
    client = organizer()
    assert not parse(client.get(f"/manage/circles/{round.pk}/")).all("button", value="run")
    response = client.post(f"/manage/circles/{round.pk}/", {"action": "run"}, follow=True)
    assert flashes(response) == ["Matching is already running for this round."]
