"""One gathering's requests: counts for organizers on the attendees page, the coordinators'
summary with quick confirmation, the check list for the day, and the reminder that a long
gathering needs two interpreters."""

import pytest

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.events.models import Event
from tests.clock import ORDINARY
from tests.emails import texts_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request
from tests.factories.events import make_event
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import flashes, page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture
def kinds() -> dict[str, AccommodationType]:
    types_fill()
    return {
        "asl": AccommodationType.objects.get(label="ASL interpretation"),
        "captions": AccommodationType.objects.get(label="CART captions in my breakout room"),
        "breaks": AccommodationType.objects.get(label="Scheduled breaks"),
    }


def asl_requests(event: Event, kind: AccommodationType, statuses: list[str]) -> None:
    for number, status in enumerate(statuses):
        make_accommodation_request(
            event=event,
            member=make_user(name=f"Asker {number}", email=f"asker{number}@example.org"),
            kind=kind,
            status=status,
            details="Hard of hearing since birth",
        )


def test_organizers_see_counts_by_state_never_who(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=20, minutes=90)
    asl_requests(event, kinds["asl"], ["confirmed", "received"])
    response = signed_in(make_user(is_organizer=True)).get(f"/manage/events/{event.pk}/attendees/")
    html = page_shown(response, "Attendees of Monthly gathering")
    [line] = [item.text() for item in parse(response).all("li") if "ASL" in item.text()]
    assert line.startswith("ASL interpretation: 2 asked — 1 confirmed, 1 waiting")
    assert "two interpreters needed" in line
    assert "Asker" not in html
    assert "Hard of hearing" not in html
    assert "Requests for this gathering" not in html  # no way in for organizers


def test_a_short_gathering_needs_no_team(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=20, minutes=60)
    asl_requests(event, kinds["asl"], ["received"])
    html = signed_in(make_user(is_organizer=True)).get(f"/manage/events/{event.pk}/attendees/")
    assert "two interpreters" not in html.content.decode()
    summary = signed_in(make_user(is_coordinator=True)).get(f"/manage/access/events/{event.pk}/")
    assert "Two interpreters needed" not in summary.content.decode()


def test_only_not_possible_asl_needs_no_team(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=20, minutes=120)
    asl_requests(event, kinds["asl"], ["not_possible"])
    summary = signed_in(make_user(is_coordinator=True)).get(f"/manage/access/events/{event.pk}/")
    html = page_shown(summary, "Requests for Monthly gathering")
    assert "Two interpreters needed" not in html
    assert "1 asked — 0 confirmed, 0 waiting, 1 not possible." in html


def test_organizers_cannot_open_the_summary(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=20)
    asl_requests(event, kinds["asl"], ["received"])
    client = signed_in(make_user(is_organizer=True))
    assert client.get(f"/manage/access/events/{event.pk}/").status_code == 404
    request = AccommodationRequest.objects.get()
    assert (
        client.post(f"/manage/access/events/{event.pk}/", {"confirm": request.pk}).status_code
        == 404
    )
    request.refresh_from_db()
    assert request.status == "received"


def test_coordinator_confirms_from_the_summary(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=20, minutes=90)
    asl_requests(event, kinds["asl"], ["received"])
    coordinator = make_user(is_coordinator=True, name="Cam")
    client = signed_in(coordinator)
    html = page_shown(
        client.get(f"/manage/access/events/{event.pk}/"), "Requests for Monthly gathering"
    )
    assert "Asker 0" in html
    assert "Two interpreters needed for ASL interpretation" in html
    request = AccommodationRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/access/events/{event.pk}/", {"confirm": request.pk})
    assert response["Location"] == f"/manage/access/events/{event.pk}/"
    request.refresh_from_db()
    assert (request.status, request.owner) == ("confirmed", coordinator)
    assert "is now: confirmed" in texts_to("asker0@example.org")[-1]
    # Sent twice (the back button): told once.
    client.post(f"/manage/access/events/{event.pk}/", {"confirm": request.pk})
    assert len([text for text in texts_to("asker0@example.org") if "now: confirmed" in text]) == 1


@pytest.mark.parametrize("sent", ["", "abc", "-1", "99999999999999999999", "12345"])
def test_confirming_nonsense_is_refused_plainly(
    kinds: dict[str, AccommodationType], sent: str
) -> None:
    event = make_event(days_ahead=20)
    other = make_event(days_ahead=30)
    asl_requests(other, kinds["asl"], ["received"])
    client = signed_in(make_user(is_coordinator=True))
    response = client.post(f"/manage/access/events/{event.pk}/", {"confirm": sent})
    assert response.status_code in {302, 404}
    assert AccommodationRequest.objects.get().status == "received"
    # Another gathering's request can't be confirmed from this one's page.
    request = AccommodationRequest.objects.get()
    client.post(f"/manage/access/events/{event.pk}/", {"confirm": request.pk})
    assert AccommodationRequest.objects.get().status == "received"


def test_check_list_for_the_next_gathering(kinds: dict[str, AccommodationType]) -> None:
    soon = make_event(days_ahead=5, title="Soon")
    later = make_event(days_ahead=40, title="Later")
    make_accommodation_request(
        event=soon,
        kind=kinds["asl"],
        status="confirmed",
        provider_names="Ana Ruiz and Ben Cole",
        link_sent=True,
    )
    make_accommodation_request(event=soon, kind=kinds["captions"], status="confirmed")
    make_accommodation_request(event=later, kind=kinds["asl"], status="confirmed")
    client = signed_in(make_user(is_coordinator=True))
    page = parse(client.get(f"/manage/access/events/{soon.pk}/"))
    items = [item.text() for item in page.one("ul", **{"class": "checklist"}).all("li")]
    assert any("provided by Ana Ruiz and Ben Cole; meeting link sent" in item for item in items)
    assert any("no provider recorded; meeting link not sent yet" in item for item in items)
    later_page = client.get(f"/manage/access/events/{later.pk}/").content.decode()
    assert "Check list for the day" not in later_page
    queue = client.get("/manage/access/?all=1").content.decode()
    assert f'href="/manage/access/events/{soon.pk}/">Check list for the next gathering' in queue


def test_queue_groups_requests_by_gathering(kinds: dict[str, AccommodationType]) -> None:
    first = make_event(days_ahead=5, title="Disclosure at work")
    second = make_event(days_ahead=40, title="Exams")
    make_accommodation_request(event=second, kind=kinds["asl"])
    make_accommodation_request(event=first, kind=kinds["breaks"])
    page = parse(signed_in(make_user(is_coordinator=True)).get("/manage/access/"))
    headings = [
        section.one("h2").text() for section in page.all("section", **{"class": "queue-gathering"})
    ]
    assert [heading.split(",")[0] for heading in headings] == ["Disclosure at work", "Exams"]


def test_summary_and_attendees_query_counts_do_not_grow(
    kinds: dict[str, AccommodationType],
) -> None:
    event = make_event(days_ahead=5)
    asl_requests(event, kinds["asl"], ["confirmed"])
    coordinator = signed_in(make_user(is_coordinator=True, is_organizer=True))
    summary = f"/manage/access/events/{event.pk}/"
    attendees = f"/manage/events/{event.pk}/attendees/"
    one = (queries_for_page(coordinator, summary), queries_for_page(coordinator, attendees))
    for number in range(6):
        make_accommodation_request(
            event=event,
            member=make_user(name=f"More {number}"),
            kind=[kinds["asl"], kinds["captions"], kinds["breaks"]][number % 3],
            status=["confirmed", "received", "arranging"][number % 3],
            owner=make_user(is_coordinator=True) if number % 2 else None,
        )
    many = (queries_for_page(coordinator, summary), queries_for_page(coordinator, attendees))
    assert many == one


@pytest.mark.parametrize(("days_ahead", "status"), [(20, "not_possible"), (-3, "received")])
def test_a_hand_made_confirm_changes_nothing_where_no_button_is_offered(
    kinds: dict[str, AccommodationType], days_ahead: int, status: str
) -> None:
    """Neither a request marked not possible nor one for a gathering that has ended has a
    quick button; a stale or hand-made form sends the coordinator to the request itself."""
    event = make_event(days_ahead=days_ahead)
    asl_requests(event, kinds["asl"], [status])
    request = AccommodationRequest.objects.get()
    client = signed_in(make_user(is_coordinator=True))
    response = client.post(
        f"/manage/access/events/{event.pk}/", {"confirm": request.pk}, follow=True
    )
    assert flashes(response) == [
        "ASL interpretation for Asker 0 can't be confirmed from here. Open the request to "
        "change it."
    ]
    assert AccommodationRequest.objects.get().status == status
    assert texts_to("asker0@example.org") == []
