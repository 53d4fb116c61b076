"""Who hears about a gathering by e-mail: members now only. Someone declined or suspended
after answering gets no reminder, no change notice and no place from the waiting list."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.events.enums import EventStatus, RsvpAnswer
from dm3p.events.models import Rsvp
from dm3p.events.services import rsvp_answer
from tests.clock import ORDINARY
from tests.emails import subjects_to
from tests.factories import make_user
from tests.factories.events import change_event, make_event, make_rsvp, organize_event
from tests.helpers import Capture, run_queued_tasks, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


FORMER = ["declined", "suspended"]


def no_longer_member(person: User, status: str) -> None:
    User.objects.filter(pk=person.pk).update(membership_status=status)


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
        change_event(organizer, event, status=EventStatus.CANCELLED)
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


@pytest.mark.parametrize("status", FORMER)
def test_someone_no_longer_a_member_gives_up_their_place_to_the_next_member_waiting(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    organizer = make_user(is_organizer=True)
    event = organize_event(organizer, django_capture_on_commit_callbacks, capacity=1)
    other = organize_event(organizer, django_capture_on_commit_callbacks, title="Book club")
    started = make_event(
        title="Last month", starts_at=timezone.now() - dt.timedelta(minutes=30), minutes=90
    )
    holder = make_user(email="holder@example.org")
    waiting = make_user(email="waiting@example.org")
    make_rsvp(event=started, member=holder, answer="going", answered_at=timezone.now())
    rsvp_answer(event=event, member=holder, answer=RsvpAnswer.GOING)
    rsvp_answer(event=event, member=waiting, answer=RsvpAnswer.GOING)
    rsvp_answer(event=other, member=holder, answer=RsvpAnswer.MAYBE)
    admin_person = make_user(is_admin=True)
    admin = signed_in(admin_person)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/manage/people/{holder.pk}/", {"membership_status": status})
    assert response.status_code == 302
    run_queued_tasks()
    answers = set(Rsvp.objects.values_list("event_id", "member_id", "answer", "waitlisted"))
    assert answers == {
        (started.pk, holder.pk, "going", False),
        (event.pk, waiting.pk, "going", False),
    }
    assert subjects_to("waiting@example.org") == ["You have a place at Monthly gathering"]
    assert subjects_to("holder@example.org") == []
    released = AuditEntry.objects.filter(action="rsvp.release")
    assert sorted(released.values_list("actor_id", "subject_user_id", "object_id")) == sorted(
        [(admin_person.pk, holder.pk, str(event.pk)), (admin_person.pk, holder.pk, str(other.pk))]
    )
    # Reinstated, they start afresh: no answer comes back and the place stays taken.
    admin.post(f"/manage/people/{holder.pk}/", {"membership_status": "member"})
    assert set(Rsvp.objects.filter(member=holder).values_list("event_id", flat=True)) == {
        started.pk
    }
    assert Rsvp.objects.get(event=event, member=waiting).waitlisted is False


def test_becoming_an_ally_keeps_answers_to_gatherings() -> None:
    event = make_event(days_ahead=3, minutes=60, capacity=1)
    member = make_user()
    rsvp_answer(event=event, member=member, answer=RsvpAnswer.GOING)
    response = signed_in(make_user(is_admin=True)).post(
        f"/manage/people/{member.pk}/", {"membership_status": "ally"}
    )
    assert response.status_code == 302
    assert list(Rsvp.objects.filter(member=member).values_list("answer", "waitlisted")) == [
        ("going", False)
    ]
    assert AuditEntry.objects.filter(action="rsvp.release").count() == 0
