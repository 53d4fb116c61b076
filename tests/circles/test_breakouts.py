import pytest
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice, BreakoutRoom
from dm3p.events.models import Event
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request, make_accommodation_type
from tests.factories.circles import (
    make_breakout_assignment,
    make_breakout_choice,
    make_breakout_room,
)
from tests.factories.events import make_event, make_rsvp
from tests.helpers import signed_in
from tests.html_tree import flashes

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def coming(event: Event, email: str, name: str = "") -> User:
    member = make_user(email=email, name=name or email.split("@")[0].title())
    profile_ensure(user=member)
    make_rsvp(event=event, member=member, answer="going", answered_at=timezone.now())
    return member


def test_member_chooses_a_room_after_saying_yes() -> None:
    event = make_event(days_ahead=20)
    exams = make_breakout_room(event=event, name="Exams")
    make_breakout_room(event=event, name="Disclosure")
    member = make_user()
    profile_ensure(user=member)
    client = signed_in(member)
    response = client.post(f"/events/{event.pk}/rsvp/", {"answer": "going"})
    assert response["Location"] == f"/events/{event.pk}/breakouts/"
    client.post(response["Location"], {"first": exams.pk})
    assert BreakoutChoice.objects.get(member=member).ranked_rooms == [exams.pk]


def test_rooms_honour_interpretation_and_first_choices() -> None:
    event = make_event(days_ahead=20)
    make_breakout_room(
        event=event,
        name="Disclosure",
        has_interpreter=True,
        support_emails="interpreter@example.org",
    )
    exams = make_breakout_room(event=event, name="Exams")
    asl = make_accommodation_type(label="ASL interpretation", interpreter_in_breakouts=True)
    deaf = coming(event, "deaf@example.org")
    make_accommodation_request(event=event, member=deaf, kind=asl)
    make_breakout_choice(event=event, member=deaf, ranked_rooms=[exams.pk])
    fan = coming(event, "fan@example.org")
    make_breakout_choice(event=event, member=fan, ranked_rooms=[exams.pk])
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "assign"}, follow=True
    )
    assert flashes(response) == ["2 people placed."]
    placed = dict(BreakoutAssignment.objects.values_list("member__email", "room__name"))
    assert placed == {"deaf@example.org": "Disclosure", "fan@example.org": "Exams"}
    page = organizer.get(f"/manage/events/{event.pk}/breakouts/").content.decode()
    assert "Disclosure, with an interpreter" in page
    assert "ASL" not in page


def test_organizers_read_why_someone_got_no_room() -> None:
    event = make_event(days_ahead=20)
    make_breakout_room(event=event, name="Exams", capacity=1)
    asl = make_accommodation_type(label="ASL interpretation", interpreter_in_breakouts=True)
    coming(event, "first@example.org", "Ana First")
    deaf = coming(event, "deaf@example.org", "Dee Deaf")
    make_accommodation_request(event=event, member=deaf, kind=asl)
    coming(event, "late@example.org", "Lee Late")
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "assign"}, follow=True
    )
    assert flashes(response) == [
        "One person placed. Not placed: Dee Deaf: no room has an interpreter; "
        "Lee Late: every room is full."
    ]


def test_zoom_csv_is_exactly_as_zoom_wants_it() -> None:
    event = make_event(days_ahead=20)
    room = make_breakout_room(event=event, name="Exams, boards", support_emails="cart@example.org")
    member = coming(event, "mei@example.org")
    Profile.objects.filter(user=member).update(zoom_email="mei.zoom@example.org")
    make_breakout_assignment(room=room, member=member)
    response = signed_in(make_user(is_organizer=True)).get(
        f"/manage/events/{event.pk}/breakouts.csv"
    )
    assert response.content == (
        b"Pre-assign Room Name,Email Address\r\n"
        b'"Exams, boards",mei.zoom@example.org\r\n'
        b'"Exams, boards",cart@example.org\r\n'
    )
    assert not response.content.startswith(b"\xef\xbb\xbf")


def test_zoom_limits_are_refused_with_a_reason() -> None:
    event = make_event(days_ahead=20)
    BreakoutRoom.objects.bulk_create(
        [BreakoutRoom(event=event, name=f"Room {number}") for number in range(101)]
    )
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "assign"}, follow=True
    )
    assert "Zoom takes at most 100 rooms and 1000 people" in response.content.decode()
    assert BreakoutAssignment.objects.count() == 0


def test_room_form_checks_support_addresses() -> None:
    event = make_event(days_ahead=20)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/",
        {"action": "add", "name": "Exams", "support_emails": "not an address"},
    )
    assert "“not an address” is not an e-mail address." in response.content.decode()
    assert BreakoutRoom.objects.count() == 0


def test_room_form_refuses_support_address_starting_with_a_formula() -> None:
    event = make_event(days_ahead=20)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/",
        {"action": "add", "name": "Exams", "support_emails": "cart@example.org, =1+2@example.org"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "“=1+2@example.org” starts with =, +, - or @, which an e-mail address can&#x27;t. "
        "Check it and type it again."
    ) in html
    assert "cart@example.org, =1+2@example.org</textarea>" in html
    assert BreakoutRoom.objects.count() == 0


def test_room_form_refuses_a_name_starting_with_a_formula() -> None:
    event = make_event(days_ahead=20)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "add", "name": "=HYPERLINK(1)"}
    )
    assert response.status_code == 200
    assert "Start the room name with a letter or a number." in response.content.decode()
    assert BreakoutRoom.objects.count() == 0


def test_zoom_csv_refuses_a_stored_address_starting_with_a_formula() -> None:
    event = make_event(days_ahead=20)
    room = make_breakout_room(event=event, name="Exams")
    member = coming(event, "mei@example.org")
    # Stored before addresses were checked on the way in.
    Profile.objects.filter(user=member).update(zoom_email="=1+2@example.org")
    make_breakout_assignment(room=room, member=member)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.get(f"/manage/events/{event.pk}/breakouts.csv")
    assert response["Location"] == f"/manage/events/{event.pk}/breakouts/"
    page = organizer.get(response["Location"])
    assert page.status_code == 200
    assert (
        "“=1+2@example.org” starts with =, +, - or @, which a spreadsheet would run as a "
        "formula, so the file was not made."
    ) in page.content.decode()
