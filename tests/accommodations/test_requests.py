import datetime as dt

import pytest

from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.core.models import AuditEntry
from dm3p.events.enums import EventStatus
from dm3p.events.models import Event
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import NEW_YORK_EVENING, ORDINARY
from tests.emails import texts_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.events import change_event, make_event, move_event
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture
def kinds() -> dict[str, AccommodationType]:
    return {
        "cart": make_accommodation_type(
            label="CART live captioning",
            provided_by_default=True,
            description="A person types what is said.",
        ),
        "asl": make_accommodation_type(label="ASL interpretation", lead_days=14),
        "other": make_accommodation_type(label="Something else", needs_details=True),
    }


def test_member_asks_for_asl_and_is_told(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    member = make_user(email="mei@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(member).post(
            f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]}
        )
    assert response["Location"] == f"/events/{event.pk}/access/"
    request = AccommodationRequest.objects.get()
    assert (request.kind, request.status, request.is_late) == (kinds["asl"], "received", False)
    [email] = texts_to("mei@example.org")
    assert "We have your request: ASL interpretation" in email
    page = signed_in(member).get(f"/events/{event.pk}/").content.decode()
    assert "ASL interpretation: <strong>Received</strong>" in page


def test_late_request_is_taken_as_best_effort(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=5)
    member = make_user(email="mei@example.org")
    page = signed_in(member).get(f"/events/{event.pk}/access/").content.decode()
    assert "Ask by Monday 1 June 2026, 3:00 pm UTC (passed: ask anyway, we'll do our best)." in page
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(member).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    assert AccommodationRequest.objects.get().is_late
    assert "we will do our best but can't promise it" in texts_to("mei@example.org")[0]


def test_something_else_needs_a_description(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=30)
    response = signed_in(make_user()).post(
        f"/events/{event.pk}/access/", {"kinds": [kinds["other"].pk]}
    )
    assert "Tell us what you need for Something else." in response.content.decode()
    assert AccommodationRequest.objects.count() == 0


def test_coordinator_confirms_and_the_member_hears(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    member = make_user(email="mei@example.org")
    coordinator = make_user(is_coordinator=True, name="Cam")
    signed_in(member).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    request = AccommodationRequest.objects.get()
    client = signed_in(coordinator)
    assert "ASL interpretation for" in client.get("/manage/access/").content.decode()
    client.get(f"/manage/access/{request.pk}/")
    assert AuditEntry.objects.filter(action="accommodation.view", subject_user=member).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/manage/access/{request.pk}/",
            {
                "status": "confirmed",
                "owner": coordinator.pk,
                "provider_notes": "Two interpreters booked, ref 881",
                "not_possible_reason": "",
            },
        )
    assert response["Location"] == "/manage/access/"
    request.refresh_from_db()
    assert (request.status, request.owner) == ("confirmed", coordinator)
    assert "is now: confirmed" in texts_to("mei@example.org")[-1]
    assert "ref 881" not in "".join(texts_to("mei@example.org"))
    page = signed_in(member).get(f"/events/{event.pk}/").content.decode()
    assert "ASL interpretation: <strong>Confirmed</strong>" in page


def test_not_possible_needs_a_reason(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=30)
    signed_in(make_user()).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    request = AccommodationRequest.objects.get()
    response = signed_in(make_user(is_coordinator=True)).post(
        f"/manage/access/{request.pk}/", {"status": "not_possible", "not_possible_reason": ""}
    )
    assert "Say why, so the member understands and can plan." in response.content.decode()


def test_coordinator_records_a_request_made_by_email(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    make_user(email="mei@example.org")
    client = signed_in(make_user(is_coordinator=True))
    response = client.post(
        "/manage/access/record/",
        {"member_email": "nobody@example.org", "event": event.pk, "kinds": [kinds["asl"].pk]},
    )
    assert "No member has this e-mail address." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/manage/access/record/",
            {"member_email": "mei@example.org", "event": event.pk, "kinds": [kinds["asl"].pk]},
        )
    assert AccommodationRequest.objects.get().recorded_by is not None
    assert "A coordinator recorded it for you" in texts_to("mei@example.org")[0]


def test_organizers_see_counts_never_names(kinds: dict[str, AccommodationType]) -> None:
    event = make_event(days_ahead=30)
    for number in range(2):
        asker = make_user(name=f"Asker {number}")
        signed_in(asker).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    organizer_page = signed_in(make_user(is_organizer=True)).get(f"/events/{event.pk}/")
    html = organizer_page.content.decode()
    assert "<li>ASL interpretation: 2</li>" in html
    assert "Asker" not in html
    assert signed_in(make_user(is_organizer=True)).get("/manage/access/").status_code == 404


def test_standing_needs_are_offered_after_saying_yes(
    kinds: dict[str, AccommodationType],
) -> None:
    event = make_event(days_ahead=30)
    member = make_user()
    profile_ensure(user=member)
    client = signed_in(member)
    client.post("/profile/access-needs/", {"kinds": [kinds["asl"].pk]})
    assert list(StandingNeed.objects.values_list("kind__label", flat=True)) == [
        "ASL interpretation"
    ]
    assert "<dt>ASL interpretation</dt>" in client.get("/profile/").content.decode()
    response = client.post(f"/events/{event.pk}/rsvp/", {"answer": "going"})
    assert response["Location"] == f"/events/{event.pk}/access/"
    form = client.get(response["Location"]).content.decode()
    assert f'value="{kinds["asl"].pk}"' in form
    assert "checked" in form.split(f'value="{kinds["asl"].pk}"')[1].split(">")[0]


def test_event_change_asks_to_reconfirm_and_alerts_coordinators(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    member = make_user(email="mei@example.org")
    make_user(is_coordinator=True, email="cam@example.org")
    signed_in(member).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    with django_capture_on_commit_callbacks(execute=True):
        move_event(make_user(is_organizer=True), event, dt.timedelta(days=1))
    assert AccommodationRequest.objects.get().needs_reconfirmation
    assert any(
        "Gathering changed: Monthly gathering" in email for email in texts_to("cam@example.org")
    )
    [to_member] = [e for e in texts_to("mei@example.org") if "Please confirm" in e]
    assert "Monthly gathering has moved. Please check your request" in to_member
    assert "starts_at" not in to_member


def test_a_cancelled_gathering_releases_requests_instead_of_asking_to_reconfirm(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    member = make_user(email="mei@example.org")
    signed_in(member).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    with django_capture_on_commit_callbacks(execute=True):
        change_event(make_user(is_organizer=True), event, status=EventStatus.CANCELLED)
    assert not AccommodationRequest.objects.get().needs_reconfirmation
    to_member = "\n".join(texts_to("mei@example.org"))
    assert "Monthly gathering is cancelled, so your request for ASL interpretation" in to_member
    assert "Please confirm" not in to_member


def test_queue_query_count_is_fixed(kinds: dict[str, AccommodationType]) -> None:
    client = signed_in(make_user(is_coordinator=True))
    event = make_event(days_ahead=30)
    signed_in(make_user()).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    with_one = queries_for_page(client, "/manage/access/")
    for _ in range(15):
        signed_in(make_user()).post(
            f"/events/{make_event(days_ahead=30).pk}/access/", {"kinds": [kinds["asl"].pk]}
        )
    assert queries_for_page(client, "/manage/access/") == with_one


def test_requests_are_in_the_members_data_export(kinds: dict[str, AccommodationType]) -> None:
    member = make_user()
    client = signed_in(member)
    client.post(
        f"/events/{make_event(days_ahead=30).pk}/access/",
        {"kinds": [kinds["other"].pk], f"details_{kinds['other'].pk}": "A quiet breakout room"},
    )
    assert "A quiet breakout room" in client.get("/profile/data.json").content.decode()
    AccommodationRequest.objects.update(
        status="not_possible", not_possible_reason="No room could be made quiet"
    )
    assert "No room could be made quiet" in client.get("/profile/data.json").content.decode()


@pytest.mark.clock(NEW_YORK_EVENING)
def test_organizers_set_the_kinds_and_their_notice(kinds: dict[str, AccommodationType]) -> None:
    """The date to ask by is written in the member's zone, even when UTC's is a day on."""
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        "/manage/access/kinds/new/",
        {
            "label": "Tactile interpreting",
            "description": "For DeafBlind members.",
            "lead_days": "21",
            "order": "5",
            "is_active": "on",
        },
    )
    assert response["Location"] == "/manage/access/kinds/"
    # Starts Wednesday 1 July 2026, 1:30 am UTC (9:30 pm on 30 June in New York); 21 days
    # before is 9:30 pm on Tuesday 9 June in New York, already the 10th in UTC.
    event = make_event(days_ahead=20)
    assert event.starts_at == dt.datetime(2026, 7, 1, 1, 30, tzinfo=dt.UTC)
    tactile = AccommodationType.objects.get(label="Tactile interpreting")
    for zone, deadline in [
        ("America/New_York", "Tuesday 9 June 2026, 9:30 pm EDT"),
        ("Europe/London", "Wednesday 10 June 2026, 2:30 am BST"),
    ]:
        member = make_user()
        Profile.objects.filter(pk=profile_ensure(user=member).pk).update(time_zone=zone)
        page = parse(signed_in(member).get(f"/events/{event.pk}/access/"))
        box = page.one("input", value=str(tactile.pk))
        hint = page.one(id=box.attrs["aria-describedby"])
        assert hint.text() == f"Ask by {deadline} (passed: ask anyway, we'll do our best)."
    duplicate = organizer.post(
        "/manage/access/kinds/new/",
        {"label": "Tactile interpreting", "lead_days": "7", "order": "1"},
    )
    assert "There is already a kind with this name." in duplicate.content.decode()
    assert signed_in(make_user(is_coordinator=True)).get("/manage/access/kinds/").status_code == 404


@pytest.mark.parametrize("closed", ["cancelled", "ended"])
def test_no_requests_for_a_gathering_cancelled_or_over(
    closed: str, kinds: dict[str, AccommodationType]
) -> None:
    event = make_event(days_ahead=-3 if closed == "ended" else 30)
    if closed == "cancelled":
        Event.objects.filter(pk=event.pk).update(status="cancelled")
    client = signed_in(make_user())
    page = page_shown(
        client.get(f"/events/{event.pk}/access/"), "Access support at Monthly gathering"
    )
    assert "Ask for support" not in page
    response = client.post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]}, follow=True)
    assert "requests are closed" in response.content.decode()
    assert not AccommodationRequest.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        {"status": "received", "owner": "", "provider_notes": "", "not_possible_reason": ""},
        {"status": "received"},
    ],
)
def test_saving_a_request_unchanged_changes_and_records_nothing(
    kinds: dict[str, AccommodationType], form: dict[str, str]
) -> None:
    event = make_event(days_ahead=30)
    signed_in(make_user()).post(f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]})
    request = AccommodationRequest.objects.get()
    before = request.updated_at
    response = signed_in(make_user(is_coordinator=True)).post(f"/manage/access/{request.pk}/", form)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.updated_at == before
    assert (request.status, request.owner, request.provider_notes) == ("received", None, None)
    assert AuditEntry.objects.filter(action="accommodation.update").count() == 0


def test_saving_a_request_again_as_it_is_records_the_change_once(
    kinds: dict[str, AccommodationType], django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    signed_in(make_user(email="mei@example.org")).post(
        f"/events/{event.pk}/access/", {"kinds": [kinds["asl"].pk]}
    )
    request = AccommodationRequest.objects.get()
    coordinator = make_user(is_coordinator=True)
    client = signed_in(coordinator)
    form = {
        "status": "confirmed",
        "owner": str(coordinator.pk),
        "provider_notes": "Two interpreters booked",
        "not_possible_reason": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/manage/access/{request.pk}/", form)
    request.refresh_from_db()
    saved_at = request.updated_at
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/access/{request.pk}/", form)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.updated_at == saved_at
    assert list(
        AuditEntry.objects.filter(action="accommodation.update").values_list("fields", flat=True)
    ) == [["owner", "provider_notes", "status"]]
    told = [text for text in texts_to("mei@example.org") if "is now: confirmed" in text]
    assert len(told) == 1
