"""A circle is for its people while they are members: someone declined or suspended since
no longer opens it, writes in it, checks in or hears from it. And what members show only to
organizers appears on a circle page only to an organizer whose session passed two-factor
authentication; each sensitive field shown there is in the audit log."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, CircleMembership, CircleNote, MatchingRound
from dm3p.circles.services.circle_life import check_in_reminders_send, note_add
from dm3p.circles.services.drafts import round_publication_send
from dm3p.circles.services.refusals import CircleChangeRefused
from dm3p.circles.services.rounds import round_announcement_send
from dm3p.core.models import AuditEntry
from tests.clock import ORDINARY
from tests.factories import make_member_sharing_health, make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.helpers import Capture, run_queued_tasks, signed_in
from tests.html_tree import read_page

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

FORMER = ["declined", "suspended"]


def running_round(**fields: object) -> MatchingRound:
    today = timezone.localdate()
    values: dict[str, object] = {
        "signup_opens_on": today - dt.timedelta(days=60),
        "signup_closes_on": today - dt.timedelta(days=40),
        "starts_on": today - dt.timedelta(days=36),
        "ends_on": today + dt.timedelta(days=100),
        "check_in_every_weeks": 4,
        **fields,
    }
    return make_round(name="Spring circles", **values)


def circle_of(people: list[User], round: MatchingRound | None = None) -> Circle:
    round = round or running_round()
    for person in people:
        make_entry(round, person)
    circle = make_circle(round, people)
    publish(round)
    return circle


def no_longer_member(person: User, status: str) -> None:
    User.objects.filter(pk=person.pk).update(membership_status=status)
    person.refresh_from_db()


def test_a_declined_member_no_longer_opens_or_writes_in_their_circle() -> None:
    former, mate = make_user(name="Former"), make_user(name="Mate")
    circle = circle_of([former, mate])
    client = signed_in(former)
    assert client.get(f"/circles/{circle.pk}/").status_code == 200
    no_longer_member(former, "declined")
    answers = [
        client.get(f"/circles/{circle.pk}/").status_code,
        client.get(f"/circles/{circle.pk}/check-in/").status_code,
        client.post(f"/circles/{circle.pk}/", {"action": "add-note", "text": "Hello"}).status_code,
        client.post(f"/circles/{circle.pk}/check-in/", {"rating": "4"}).status_code,
    ]
    assert answers == [404, 404, 404, 404]
    assert CircleNote.objects.count() == 0
    assert client.get("/").status_code == 200  # still signed in: it is the circle that's gone


def test_a_suspended_member_is_signed_out_and_their_circle_is_closed_to_them() -> None:
    former, mate = make_user(name="Former"), make_user(name="Mate")
    circle = circle_of([former, mate])
    client = signed_in(former)
    no_longer_member(former, "suspended")
    page = client.get(f"/circles/{circle.pk}/")
    note = client.post(f"/circles/{circle.pk}/", {"action": "add-note", "text": "Hello"})
    assert (page.status_code, page["Location"]) == (
        302,
        f"/accounts/login/?next=/circles/{circle.pk}/",
    )
    assert note.status_code == 302
    assert CircleNote.objects.count() == 0
    former.refresh_from_db()
    assert not former.has_perm("circles.see_circle", circle)


@pytest.mark.parametrize("status", FORMER)
def test_notes_from_someone_no_longer_a_member_are_refused(status: str) -> None:
    former, mate = make_user(), make_user()
    circle = circle_of([former, mate])
    no_longer_member(former, status)
    with pytest.raises(CircleChangeRefused):
        note_add(author=former, circle=circle, text="Hello")
    with pytest.raises(CircleChangeRefused):
        note_add(author=make_user(), circle=circle, text="Not my circle")
    assert CircleNote.objects.count() == 0


@pytest.mark.parametrize("status", FORMER)
def test_circle_emails_go_only_to_members_now(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    current, former = make_user(email="now@example.org"), make_user(email="former@example.org")
    circle = circle_of([current, former])
    unplaced_former = make_user(email="unplaced@example.org")
    make_entry(circle.round, unplaced_former)
    open_round = make_round(name="Autumn circles")
    for person in (former, unplaced_former):
        no_longer_member(person, status)
    with django_capture_on_commit_callbacks(execute=True):
        round_announcement_send(round_id=open_round.pk)
        round_publication_send(round_id=circle.round.pk)
        check_in_reminders_send()
    run_queued_tasks()
    to = {address for message in mail.outbox for address in message.to}
    assert to == {"now@example.org"}
    assert sorted(message.subject for message in mail.outbox) == [
        "How is your circle going? (Spring circles)",
        "Join Autumn circles: sign-up is open until Saturday 20 June",
        "Your circle for Spring circles is ready",
    ]


def test_a_former_member_gets_no_notice_that_their_circle_is_ready() -> None:
    former, mate = make_user(), make_user()
    circle_of([former, mate])
    no_longer_member(former, "declined")
    _, text = read_page(signed_in(former).get("/"))
    assert "is ready" not in text
    assert "See your circle" not in text
    assert CircleMembership.objects.filter(member=former, seen_at__isnull=True).count() == 1


@pytest.mark.parametrize(("mfa_passed", "seen"), [(False, False), (True, True)])
def test_organizer_only_fields_on_a_circle_page_need_mfa_passed(
    mfa_passed: bool, seen: bool
) -> None:
    organizer = make_user(is_organizer=True, name="Olu")
    mate = make_member_sharing_health("Mate", health_to="organizers", institution_to="organizers")
    circle = circle_of([organizer, mate])
    response = signed_in(organizer, mfa_passed=mfa_passed).get(f"/circles/{circle.pk}/")
    heading, text = read_page(response)
    assert (response.status_code, heading) == (200, "Circle 1 of Spring circles")
    assert "Mate" in text
    assert ("CANARY-HEALTH" in text, "CANARY-INSTITUTION" in text) == (seen, seen)
    entries = list(
        AuditEntry.objects.filter(action="profile.view_sensitive").values_list(
            "actor_id", "subject_user_id", "fields"
        )
    )
    assert entries == ([(organizer.pk, mate.pk, ["lived_experience"])] if seen else [])


def test_a_circle_page_showing_a_mates_health_field_is_audited() -> None:
    viewer = make_user(name="Ana")
    shares, keeps = (
        make_member_sharing_health("Ben", health_to="my_circle", institution_to="organizers"),
        make_user(name="Cal"),
    )
    circle = circle_of([viewer, shares, keeps])
    response = signed_in(viewer).get(f"/circles/{circle.pk}/")
    _, text = read_page(response)
    assert (response.status_code, "CANARY-HEALTH" in text) == (200, True)
    entries = list(
        AuditEntry.objects.filter(action="profile.view_sensitive").values_list(
            "actor_id", "subject_user_id", "object_type", "fields"
        )
    )
    assert entries == [(viewer.pk, shares.pk, "members.profile", ["lived_experience"])]
