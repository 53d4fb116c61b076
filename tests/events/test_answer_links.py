"""Answering from a reminder e-mail: signed links for going, maybe and can't, each opening a
page that saves the answer with one button; "going" leads on to the access-needs step."""

import datetime as dt
import logging
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from dm3p.accommodations.models import AccommodationRequest
from dm3p.core.logs import SecretUrlFilter, secrets_masked
from dm3p.events.enums import EventStatus, RsvpAnswer
from dm3p.events.links import answer_token
from dm3p.events.models import Event, Rsvp
from dm3p.events.services import event_invitations_send, rsvp_answer
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import emails_to, link_in
from tests.events.test_reminders import make_due
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type, make_standing_need
from tests.factories.core import make_email_opt_out
from tests.factories.events import change_event, move_event, organize_event
from tests.helpers import Capture, database_state, run_queued_tasks, signed_in
from tests.html_tree import flashes, heading, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


class Browser:
    """A test client that counts page loads as a person makes them: opening a link, or
    pressing a button (the redirect after a POST is followed as part of that load)."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.loads = 0

    def open(self, path: str) -> Any:
        self.loads += 1
        return self.client.get(path)

    def press(self, path: str, data: dict[str, object]) -> Any:
        self.loads += 1
        response = self.client.post(path, data)
        redirects = 0
        while response.status_code == 302:
            response = self.client.get(response["Location"])
            redirects += 1
        assert redirects <= 1, "one button, one page"
        self.path: str = response.wsgi_request.path
        return response


def reminder_links(
    capture: Capture, *, answer: RsvpAnswer = RsvpAnswer.MAYBE
) -> tuple[Event, dict[str, str]]:
    """A gathering a member said "maybe" to, and the answer links in their reminder."""
    event = organize_event(make_user(is_organizer=True), capture, days_ahead=30)
    member = make_user(email="mei@example.org")
    profile_ensure(user=member)
    rsvp_answer(event=event, member=member, answer=answer)
    make_due(7)
    event.refresh_from_db()
    # The 7-day reminder of a gathering 30 days ahead: time passes until it is due.
    with capture(execute=True):
        run_queued_tasks()
    [reminder] = [m for m in emails_to("mei@example.org") if m.subject.startswith("Reminder:")]
    body = str(reminder.body)
    links = {
        "going": link_in(body.split("I'm coming: ")[1], "/events/answer/"),
        "maybe": link_in(body.split("Maybe: ")[1], "/events/answer/"),
        "cant": link_in(body.split("I can't come: ")[1], "/events/answer/"),
    }
    return event, links


def test_from_the_reminder_to_asl_in_three_page_loads_signed_out(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    asl = make_accommodation_type(label="ASL interpretation", lead_days=14)
    event, links = reminder_links(django_capture_on_commit_callbacks)
    member = Rsvp.objects.get().member
    make_standing_need(member=member, kind=asl, details="Two interpreters, please.")
    browser = Browser(Client())

    page = browser.open(links["going"])
    assert "no-store" in page["Cache-Control"]
    assert heading(page) == "Your answer for Monthly gathering"
    assert parse(page).one("main").one("button").text() == "Yes, I'm coming"

    with django_capture_on_commit_callbacks(execute=True):
        step = browser.press(links["going"], {})
    assert Rsvp.objects.get().answer == RsvpAnswer.GOING
    assert browser.path == f"{links['going']}access/"
    form = parse(step)
    assert heading(step) == "Access support at Monthly gathering"
    # Signed out, the link may be in someone else's hands: nothing of the member's health.
    assert "checked" not in form.one("input", value=str(asl.pk)).attrs
    assert "Two interpreters, please." not in step.content.decode()
    assert flashes(step) == ["Your answer is saved: I'm coming."]

    with django_capture_on_commit_callbacks(execute=True):
        done = browser.press(
            browser.path, {"kinds": [str(asl.pk)], f"details_{asl.pk}": "Two interpreters."}
        )
    request = AccommodationRequest.objects.get()
    assert (request.member, request.event, request.kind, request.details) == (
        member,
        event,
        asl,
        "Two interpreters.",
    )
    assert "Your request is with the accommodations coordinators." in flashes(done)[0]
    assert browser.loads == 3


def test_by_link_someone_else_sees_no_earlier_request_and_every_kind_offered(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    asl = make_accommodation_type(label="ASL interpretation", lead_days=14)
    event, links = reminder_links(django_capture_on_commit_callbacks, answer=RsvpAnswer.GOING)
    member = Rsvp.objects.get().member
    AccommodationRequest.objects.create(
        event=event, member=member, kind=asl, details="Deaf since birth.", not_possible_reason=""
    )
    clients = [Client(), signed_in(make_user())]
    before = database_state()
    for client in clients:
        page = client.get(f"{links['going']}access/")
        assert page.status_code == 200
        assert "Deaf since birth." not in page.content.decode()
        assert parse(page).all("table") == []
        assert "checked" not in parse(page).one("input", value=str(asl.pk)).attrs
        # Asking again changes nothing, and says the same as a first request.
        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(f"{links['going']}access/", {"kinds": [str(asl.pk)]}, follow=True)
        assert "Your request is with the accommodations coordinators." in flashes(again)[0]
    assert database_state() == before


def test_signed_in_member_lands_on_their_own_access_step(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    event, links = reminder_links(django_capture_on_commit_callbacks)
    client = signed_in(Rsvp.objects.get().member)
    response = client.post(links["going"])
    assert response["Location"] == reverse("accommodations:for_event", args=[event.pk])


@pytest.mark.parametrize("answer", ["going", "maybe", "cant"])
def test_opening_an_answer_link_changes_nothing(
    answer: str, django_capture_on_commit_callbacks: Capture
) -> None:
    make_accommodation_type(label="ASL interpretation", lead_days=14)
    __, links = reminder_links(django_capture_on_commit_callbacks, answer=RsvpAnswer.MAYBE)
    before = database_state()
    with django_capture_on_commit_callbacks() as queued:
        page = Client().get(links[answer])
        Client().get(f"{links['going']}access/")
    assert page.status_code == 200
    assert database_state() == before
    assert queued == []


def test_maybe_and_cant_links_save_with_one_button(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    __, links = reminder_links(django_capture_on_commit_callbacks, answer=RsvpAnswer.GOING)
    response = Client().post(links["cant"], follow=True)
    assert Rsvp.objects.get().answer == RsvpAnswer.CANT
    assert "Your answer is saved: I can't come." in parse(response).text()


def test_answer_page_shows_no_meeting_link_or_private_data(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    __, links = reminder_links(django_capture_on_commit_callbacks, answer=RsvpAnswer.GOING)
    text = parse(Client().get(links["going"])).one("main").text()
    assert "zoom.example.org" not in text
    assert "mei@example.org" not in text


@pytest.mark.parametrize("broken", ["tampered", "cut", "expired", "not-a-link"])
def test_a_broken_link_gets_a_clear_page_and_changes_nothing(
    broken: str, django_capture_on_commit_callbacks: Capture
) -> None:
    __, links = reminder_links(django_capture_on_commit_callbacks)
    link = links["going"]
    token = link.removeprefix("/events/answer/").rstrip("/")
    if broken == "tampered":
        data, ___, rest = token.partition(":")
        link = f"/events/answer/{data[:-2]}xy:{rest}/"
    elif broken == "cut":
        link = f"/events/answer/{token[:-6]}/"
    elif broken == "not-a-link":
        link = "/events/answer/hello/"
    before = database_state()
    with time_machine.travel(ORDINARY + dt.timedelta(days=61 if broken == "expired" else 0)):
        for page in (Client().get(link), Client().post(link), Client().post(f"{link}access/")):
            assert page.status_code == 400
            assert heading(page) == "This link doesn't work"
    assert database_state() == before


def test_links_to_a_cancelled_gathering_say_answers_are_closed(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event, links = reminder_links(django_capture_on_commit_callbacks)
    change_event(make_user(is_organizer=True), event, status=EventStatus.CANCELLED)
    before = database_state()
    response = Client().post(links["going"], follow=True)
    assert "This gathering is cancelled, so answers are closed." in parse(response).text()
    assert Rsvp.objects.get().answer == RsvpAnswer.MAYBE
    assert database_state()["events.rsvp"] == before["events.rsvp"]


def test_a_link_for_someone_no_longer_a_member_stops_working() -> None:
    member = make_user(membership_status="suspended")
    event = Event.objects.create(
        title="Gathering",
        starts_at=ORDINARY + dt.timedelta(days=9),
        ends_at=ORDINARY + dt.timedelta(days=9, hours=1),
        time_zone="UTC",
    )
    token = answer_token(event_id=event.pk, member_id=member.pk, answer="going")
    assert Client().get(f"/events/answer/{token}/").status_code == 400


def test_answer_links_are_masked_in_logs() -> None:
    token = answer_token(event_id=1, member_id=2, answer="going")
    line = f'"GET /events/answer/{token}/ HTTP/1.1" 200'
    assert secrets_masked(line) == '"GET /events/answer/[hidden]/ HTTP/1.1" 200'
    access = f'"POST /events/answer/{token}/access/ HTTP/1.1" 302'
    record = logging.LogRecord("django.server", logging.INFO, "", 0, "%s", (access,), None)
    SecretUrlFilter().filter(record)
    assert record.args == ('"POST /events/answer/[hidden]/access/ HTTP/1.1" 302',)
    assert token not in str(record.args)


def test_a_moved_gathering_asks_again_with_answer_links(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event, __ = reminder_links(django_capture_on_commit_callbacks, answer=RsvpAnswer.GOING)
    with django_capture_on_commit_callbacks(execute=True):
        move_event(make_user(is_organizer=True), event, dt.timedelta(days=1))
    [moved] = [m for m in emails_to("mei@example.org") if m.subject.endswith("has moved")]
    body = str(moved.body)
    assert "Can you still come?" in body
    link = link_in(body.split("I can't come: ")[1], "/events/answer/")
    Client().post(link)
    assert Rsvp.objects.get().answer == RsvpAnswer.CANT


def test_invitations_go_three_weeks_ahead_to_members_who_have_not_answered(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    asl = make_accommodation_type(label="ASL interpretation", lead_days=14)
    invited = make_user(email="ana@example.org")
    answered = make_user(email="bo@example.org")
    opted_out = make_user(email="cy@example.org")
    make_email_opt_out(user=opted_out, kind="event_invitations")
    applicant = make_user(email="di@example.org", membership_status="applicant")
    event = organize_event(
        make_user(is_organizer=True), django_capture_on_commit_callbacks, days_ahead=30
    )
    [run] = DBTaskResult.objects.filter(task_path__endswith="event_invitations")
    assert run.run_after == event.starts_at - dt.timedelta(days=21)
    rsvp_answer(event=event, member=answered, answer=RsvpAnswer.MAYBE)
    DBTaskResult.objects.filter(pk=run.pk).update(run_after=ORDINARY)
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
        event_invitations_send(event_id=event.pk)  # once only, however often it runs
    [invitation] = emails_to("ana@example.org")
    assert invitation.subject.startswith("Are you coming? Monthly gathering, ")
    for person in (answered, opted_out, applicant):
        assert emails_to(person) == []
    link = link_in(str(invitation.body).split("I'm coming: ")[1], "/events/answer/")
    browser = Browser(Client())
    browser.open(link)
    browser.press(link, {})
    with django_capture_on_commit_callbacks(execute=True):
        browser.press(browser.path, {"kinds": [str(asl.pk)]})
    assert AccommodationRequest.objects.get().member == invited
    assert browser.loads == 3
