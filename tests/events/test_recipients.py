"""Who hears about a gathering by e-mail: members now only. Someone declined or suspended
after answering gets no reminder, no change notice and no place from the waiting list."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from time_machine import TimeMachineFixture

from dm3p.accounts.models import User
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Rsvp
from dm3p.events.services import event_save, rsvp_answer
from tests.factories import make_user
from tests.factories.events import organize_event
from tests.helpers import Capture, run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock(time_machine: TimeMachineFixture) -> None:
    time_machine.move_to(dt.datetime(2026, 6, 10, 15, tzinfo=dt.UTC), tick=False)


FORMER = ["declined", "suspended"]


def no_longer_member(person: User, status: str) -> None:
    User.objects.filter(pk=person.pk).update(membership_status=status)


def subjects_to(address: str) -> list[str]:
    return [str(message.subject) for message in mail.outbox if message.to == [address]]


@pytest.mark.parametrize("status", FORMER)
def test_reminders_go_only_to_members_now(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    event = organize_event(make_user(is_organizer=True), django_capture_on_commit_callbacks)
    current, former = make_user(email="now@example.org"), make_user(email="former@example.org")
    for person in (current, former):
        rsvp_answer(event=event, member=person, answer=RsvpAnswer.GOING)
    no_longer_member(former, status)
    DBTaskResult.objects.filter(task_path__endswith="event_reminders").update(
        run_after=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    assert subjects_to("now@example.org") == [
        "Reminder: Monthly gathering, Saturday 20 June 2026, 3:00 pm to 4:30 pm UTC"
    ]
    assert subjects_to("former@example.org") == []


@pytest.mark.parametrize("status", FORMER)
def test_change_notices_go_only_to_members_now(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    organizer = make_user(is_organizer=True)
    event = organize_event(organizer, django_capture_on_commit_callbacks)
    current, former = make_user(email="now@example.org"), make_user(email="former@example.org")
    for person in (current, former):
        rsvp_answer(event=event, member=person, answer=RsvpAnswer.MAYBE)
    no_longer_member(former, status)
    with django_capture_on_commit_callbacks(execute=True):
        event_save(actor=organizer, event=event, values={"status": "cancelled"})
    run_queued_tasks()
    assert subjects_to("now@example.org") == ["Monthly gathering is cancelled"]
    assert subjects_to("former@example.org") == []


@pytest.mark.parametrize("status", FORMER)
def test_a_freed_place_goes_to_the_first_member_now_waiting(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    event = organize_event(
        make_user(is_organizer=True), django_capture_on_commit_callbacks, capacity=1
    )
    holder = make_user()
    former, current = make_user(email="former@example.org"), make_user(email="now@example.org")
    for person in (holder, former, current):
        rsvp_answer(event=event, member=person, answer=RsvpAnswer.GOING)
    no_longer_member(former, status)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_answer(event=event, member=holder, answer=RsvpAnswer.CANT)
    run_queued_tasks()
    waiting = dict(Rsvp.objects.filter(event=event).values_list("member_id", "waitlisted"))
    assert waiting == {holder.pk: False, former.pk: True, current.pk: False}
    assert subjects_to("now@example.org") == ["You have a place at Monthly gathering"]
    assert subjects_to("former@example.org") == []
