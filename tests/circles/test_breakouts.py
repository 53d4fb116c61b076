import pytest
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice, BreakoutRoom
from dm3p.core.models import AuditEntry
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
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import flashes, parse

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


def _one_interpreter_short(event: Event) -> None:
    """One room of one place; Dee asked for interpretation, and two others are coming."""
    make_breakout_room(event=event, name="Exams", capacity=1)
    asl = make_accommodation_type(label="ASL interpretation", interpreter_in_breakouts=True)
    coming(event, "first@example.org", "Ana First")
    deaf = coming(event, "deaf@example.org", "Dee Deaf")
    make_accommodation_request(event=event, member=deaf, kind=asl)
    coming(event, "late@example.org", "Lee Late")


def test_coordinators_read_why_someone_got_no_room() -> None:
    event = make_event(days_ahead=20)
    _one_interpreter_short(event)
    coordinator = signed_in(make_user(is_organizer=True, is_coordinator=True))
    response = coordinator.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "assign"}, follow=True
    )
    assert flashes(response) == [
        "One person placed. Not placed: Dee Deaf: no room has an interpreter; "
        "Lee Late: every room is full."
    ]


def test_organizers_learn_how_many_need_an_interpreter_room_but_never_who() -> None:
    event = make_event(days_ahead=20)
    _one_interpreter_short(event)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/", {"action": "assign"}, follow=True
    )
    assert flashes(response) == [
        "One person placed. Not placed: Lee Late: every room is full. One more person needs "
        "a room with an interpreter: add one, or give one more places. A coordinator can "
        "tell you more."
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


# Moving one person between rooms.


def moved(organizer: Client, event: Event, person: User, room: BreakoutRoom) -> list[str]:
    response = organizer.post(
        f"/manage/events/{event.pk}/breakouts/",
        {"action": "move", "member": person.pk, "to": room.pk},
        follow=True,
    )
    return flashes(response)


def test_organizer_moves_one_person_to_another_room_and_the_counts_follow() -> None:
    event = make_event(days_ahead=20)
    exams = make_breakout_room(event=event, name="Exams", support_emails="cart@example.org")
    disclosure = make_breakout_room(event=event, name="Disclosure")
    mei = coming(event, "mei@example.org", "Mei")
    ben = coming(event, "ben@example.org", "Ben")
    make_breakout_assignment(room=exams, member=mei)
    make_breakout_assignment(room=exams, member=ben)
    organizer = signed_in(make_user(is_organizer=True))
    page = parse(organizer.get(f"/manage/events/{event.pk}/breakouts/"))
    assert [c.text() for c in page.all("caption")] == ["Exams (2 people)", "Disclosure (0 people)"]
    assert moved(organizer, event, mei, disclosure) == ["Mei moved to Disclosure."]
    page = parse(organizer.get(f"/manage/events/{event.pk}/breakouts/"))
    assert [c.text() for c in page.all("caption")] == ["Exams (1 person)", "Disclosure (1 person)"]
    assert dict(BreakoutAssignment.objects.values_list("member__email", "room__name")) == {
        "mei@example.org": "Disclosure",
        "ben@example.org": "Exams",
    }
    entry = AuditEntry.objects.get(action="breakout_room.move")
    assert (entry.subject_user_id, entry.object_id) == (mei.pk, str(disclosure.pk))
    # Zoom's file is the same format as ever, with Mei's row now under Disclosure.
    response = organizer.get(f"/manage/events/{event.pk}/breakouts.csv")
    assert response.content == (
        b"Pre-assign Room Name,Email Address\r\n"
        b"Exams,ben@example.org\r\n"
        b"Exams,cart@example.org\r\n"
        b"Disclosure,mei@example.org\r\n"
    )


def test_a_full_room_refuses_a_move_and_says_why() -> None:
    event = make_event(days_ahead=20)
    exams = make_breakout_room(event=event, name="Exams")
    small = make_breakout_room(event=event, name="Small", capacity=1)
    mei = coming(event, "mei@example.org", "Mei")
    make_breakout_assignment(room=exams, member=mei)
    make_breakout_assignment(room=small, member=coming(event, "ben@example.org"))
    organizer = signed_in(make_user(is_organizer=True))
    assert moved(organizer, event, mei, small) == [
        "Small is full (one place). Move someone out of it first, or give it more places."
    ]
    assert BreakoutAssignment.objects.get(member=mei).room == exams


def _interpreter_rooms(event: Event) -> tuple[BreakoutRoom, BreakoutRoom, User, User]:
    """Disclosure has an interpreter, Exams none; Dee (who asked for ASL) and Mei (who
    didn't) are both in Disclosure."""
    with_asl = make_breakout_room(event=event, name="Disclosure", has_interpreter=True)
    exams = make_breakout_room(event=event, name="Exams")
    asl = make_accommodation_type(label="ASL interpretation", interpreter_in_breakouts=True)
    dee = coming(event, "deaf@example.org", "Dee")
    make_accommodation_request(event=event, member=dee, kind=asl)
    mei = coming(event, "mei@example.org", "Mei")
    make_breakout_assignment(room=with_asl, member=dee)
    make_breakout_assignment(room=with_asl, member=mei)
    return with_asl, exams, dee, mei


def test_organizers_are_refused_alike_for_everyone_leaving_an_interpreter_room() -> None:
    """The refusal can't tell an organizer who asked for interpretation: it is the same for
    Dee, who did, and Mei, who didn't."""
    event = make_event(days_ahead=20)
    with_asl, exams, dee, mei = _interpreter_rooms(event)
    organizer = signed_in(make_user(is_organizer=True))
    refusal = "Exams has no interpreter, so moves out of a room with one are made by a coordinator."
    assert moved(organizer, event, dee, exams) == [refusal]
    assert moved(organizer, event, mei, exams) == [refusal]
    assert set(BreakoutAssignment.objects.values_list("room", flat=True)) == {with_asl.pk}


def test_coordinators_move_people_out_of_an_interpreter_room_unless_they_need_it() -> None:
    event = make_event(days_ahead=20)
    with_asl, exams, dee, mei = _interpreter_rooms(event)
    coordinator = signed_in(make_user(is_organizer=True, is_coordinator=True))
    assert moved(coordinator, event, dee, exams) == [
        "Dee asked for interpretation, and Exams has no interpreter."
    ]
    assert moved(coordinator, event, mei, exams) == ["Mei moved to Exams."]
    assert BreakoutAssignment.objects.get(member=dee).room == with_asl
    assert BreakoutAssignment.objects.get(member=mei).room == exams


def test_a_move_naming_someone_or_a_room_not_at_this_gathering_is_not_found() -> None:
    event = make_event(days_ahead=20)
    exams = make_breakout_room(event=event, name="Exams")
    other_room = make_breakout_room(event=make_event(days_ahead=30), name="Elsewhere")
    mei = coming(event, "mei@example.org", "Mei")
    make_breakout_assignment(room=exams, member=mei)
    organizer = signed_in(make_user(is_organizer=True))
    url = f"/manage/events/{event.pk}/breakouts/"
    assert (
        organizer.post(url, {"action": "move", "member": mei.pk, "to": other_room.pk}).status_code
        == 404
    )
    assert organizer.post(url, {"action": "move", "member": "x", "to": exams.pk}).status_code == 404
    stranger = make_user()
    assert (
        organizer.post(url, {"action": "move", "member": stranger.pk, "to": exams.pk}).status_code
        == 404
    )
    response = organizer.post(url, {"action": "move", "member": mei.pk, "to": ""}, follow=True)
    assert flashes(response) == ["Choose a room from the list to move someone."]


def test_breakouts_page_query_count_is_fixed() -> None:
    event = make_event(days_ahead=20)
    exams = make_breakout_room(event=event, name="Exams")
    make_breakout_assignment(room=exams, member=coming(event, "a@example.org"))
    organizer = signed_in(make_user(is_organizer=True))
    url = f"/manage/events/{event.pk}/breakouts/"
    with_one = queries_for_page(organizer, url)
    for number in range(3):
        room = make_breakout_room(event=event, name=f"Room {number}", capacity=9)
        for person in range(3):
            make_breakout_assignment(
                room=room, member=coming(event, f"p{number}-{person}@example.org")
            )
    assert queries_for_page(organizer, url) == with_one
