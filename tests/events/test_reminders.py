import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from dm3p.core.times import when_text
from dm3p.events.enums import EventStatus, LinkAudience, RsvpAnswer
from dm3p.events.models import Event
from dm3p.events.services import rsvp_answer
from dm3p.events.tasks import event_reminders
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import emails_to
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.factories.events import change_event, move_event, organize_event
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def make_due(days_before: int | None = None) -> None:
    """Time passes: the queued reminders become due."""
    due = DBTaskResult.objects.filter(status="READY", task_path__endswith="event_reminders")
    if days_before is not None:
        due = due.filter(args_kwargs__args__1=days_before)
    due.update(run_after=timezone.now())


def reminders_to(address: str) -> list[EmailMultiAlternatives]:
    return [message for message in emails_to(address) if message.subject.startswith("Reminder:")]


def test_reminders_are_queued_for_their_time(django_capture_on_commit_callbacks: Capture) -> None:
    event = organize_event(
        make_user(is_organizer=True),
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    runs = sorted(
        DBTaskResult.objects.filter(task_path__endswith="event_reminders").values_list(
            "run_after", flat=True
        )
    )
    assert runs == [event.starts_at - dt.timedelta(days=7), event.starts_at - dt.timedelta(days=1)]
    # Nothing else is due yet: only the invitations (the gathering is under three weeks away).
    assert run_queued_tasks() == 1


def test_reminder_goes_once_with_local_time_and_calendar_file(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = organize_event(
        make_user(is_organizer=True),
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    member = make_user(email="mei@example.org")
    Profile.objects.filter(pk=profile_ensure(user=member).pk).update(time_zone="Europe/London")
    rsvp_answer(event=event, member=member, answer=RsvpAnswer.GOING)
    make_due(7)
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    [reminder] = reminders_to("mei@example.org")
    # In the member's zone, not the gathering's (3:00 pm UTC, 11:00 am in New York).
    when = when_text(event.starts_at, event.ends_at, "Europe/London")
    assert when == "Saturday 20 June 2026, 4:00 pm to 5:30 pm BST"
    assert f"When: {when}" in str(reminder.body)
    assert "Join: https://zoom.example.org/j/42" in str(reminder.body)
    [(name, content, kind)] = reminder.attachments
    assert (name, kind) == (f"gathering-{event.pk}.ics", "text/calendar")
    assert len(Calendar.from_ical(content).walk("VEVENT")) == 1
    assert "<h1" in str(reminder.alternatives[0][0])
    # The same round run again (a restarted worker) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        event_reminders.call(event.pk, 7, event.sequence)
    run_queued_tasks()
    assert len(reminders_to("mei@example.org")) == 1


def test_no_reminder_for_those_not_coming_or_who_turned_them_off(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = organize_event(
        make_user(is_organizer=True),
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    cant, opted_out = make_user(email="cant@example.org"), make_user(email="off@example.org")
    coming = make_user(email="coming@example.org")
    rsvp_answer(event=event, member=cant, answer=RsvpAnswer.CANT)
    rsvp_answer(event=event, member=opted_out, answer=RsvpAnswer.GOING)
    rsvp_answer(event=event, member=coming, answer=RsvpAnswer.GOING)
    make_email_opt_out(user=opted_out, kind="event_reminders")
    make_due(7)
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    assert len(reminders_to("coming@example.org")) == 1  # reminders do go out
    assert reminders_to("cant@example.org") == reminders_to("off@example.org") == []


def test_reminders_carry_the_meeting_link_only_to_those_who_may_see_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = organize_event(
        make_user(is_organizer=True),
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    Event.objects.filter(pk=event.pk).update(link_audience=LinkAudience.REGISTERED)
    going, maybe = make_user(email="going@example.org"), make_user(email="maybe@example.org")
    rsvp_answer(event=event, member=going, answer=RsvpAnswer.GOING)
    rsvp_answer(event=event, member=maybe, answer=RsvpAnswer.MAYBE)
    make_due(7)
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    [to_going] = reminders_to("going@example.org")
    [to_maybe] = reminders_to("maybe@example.org")
    assert "https://zoom.example.org/j/42" in str(to_going.body)
    for part in [str(to_maybe.body), *(str(a[1]) for a in to_maybe.attachments)]:
        assert "zoom.example.org" not in part


def test_moving_an_event_tells_attendees_and_requeues_reminders(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    organizer = make_user(is_organizer=True)
    event = organize_event(
        organizer,
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    member = make_user(email="mei@example.org")
    rsvp_answer(event=event, member=member, answer=RsvpAnswer.GOING)
    with django_capture_on_commit_callbacks(execute=True):
        move_event(organizer, event, dt.timedelta(days=1))
    run_queued_tasks()
    moved = [message for message in mail.outbox if message.subject.endswith("has moved")]
    assert [message.to for message in moved] == [["mei@example.org"]]
    [entry] = Calendar.from_ical(moved[0].attachments[0][1]).walk("VEVENT")
    assert int(str(entry["sequence"])) == 1
    make_due()
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    # The rounds queued before the move are stale; only the new ones send.
    assert len(reminders_to("mei@example.org")) == 2


def test_cancelled_event_sends_no_reminders(django_capture_on_commit_callbacks: Capture) -> None:
    organizer = make_user(is_organizer=True)
    event = organize_event(
        organizer,
        django_capture_on_commit_callbacks,
        time_zone="America/New_York",
        reminder_days=[7, 1],
    )
    rsvp_answer(event=event, member=make_user(email="mei@example.org"), answer=RsvpAnswer.GOING)
    with django_capture_on_commit_callbacks(execute=True):
        change_event(organizer, event, status=EventStatus.CANCELLED)
    make_due()
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()
    assert reminders_to("mei@example.org") == []
    assert [m.subject for m in mail.outbox] == ["Monthly gathering is cancelled"]
