"""Details belong to each kind of support: what a member writes for one kind goes with that
kind, comes back in its own box, and sending the form again as it came changes nothing."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry, OutboundEmail
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.accommodations import (
    make_accommodation_request,
    make_accommodation_type,
    make_standing_need,
)
from tests.factories.events import make_event
from tests.helpers import Capture, signed_in
from tests.html_tree import Element, flashes, parse, textarea_value

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

# What a member writes for each kind; browsers send a textarea's line breaks as CRLF.
WRITTEN = {
    "ASL interpretation": "Medical vocabulary, please.\r\nTwo interpreters if over an hour.",
    "Other sign language": "British Sign Language (BSL).",
    "Scheduled breaks": "Ten minutes every hour.",
}


@pytest.fixture
def kinds() -> list[AccommodationType]:
    return [
        make_accommodation_type(label="ASL interpretation", lead_days=14, order=1),
        make_accommodation_type(
            label="Other sign language",
            lead_days=14,
            needs_details=True,
            description="Tell us which sign language.",
            order=2,
        ),
        make_accommodation_type(label="Scheduled breaks", order=3),
        make_accommodation_type(label="Large-print materials", order=4),
    ]


def member() -> User:
    person = make_user(email="mei@example.org")
    profile_ensure(user=person)
    return person


def the_form(client: Client, url: str, heading: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("h1").text() == heading
    return page.one("form", novalidate="")


def as_sent(form: Element) -> dict[str, object]:
    """What a browser sends for the form as it is shown (line breaks as CRLF)."""
    data: dict[str, object] = {
        "kinds": [
            box.attrs["value"] for box in form.all("input", name="kinds") if "checked" in box.attrs
        ]
    }
    for area in form.all("textarea"):
        data[area.attrs["name"]] = textarea_value(form, area.attrs["name"]).replace("\n", "\r\n")
    return data


def boxes(form: Element) -> dict[str, str]:
    """Each details box's label and what it holds."""
    return {
        form.one("label", **{"for": area.attrs["id"]}).text(): textarea_value(
            form, area.attrs["name"]
        )
        for area in form.all("textarea")
    }


def ticked(form: Element) -> list[str]:
    return [
        form.one("label", **{"for": box.attrs["id"]}).text()
        for box in form.all("input", name="kinds")
        if "checked" in box.attrs
    ]


def first_send(chosen: list[AccommodationType]) -> dict[str, object]:
    return {
        "kinds": [kind.pk for kind in chosen],
        **{f"details_{kind.pk}": WRITTEN[kind.label] for kind in chosen},
    }


def raw_details(model: type[StandingNeed] | type[AccommodationRequest]) -> dict[int, str]:
    """Details as the database holds them (encrypted), by kind."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind_id, details FROM {model._meta.db_table}")  # noqa: S608
        return dict(cursor.fetchall())


@pytest.mark.parametrize("how_many", [2, 3])
def test_standing_needs_keep_each_kinds_details_when_saved_again(
    how_many: int, kinds: list[AccommodationType]
) -> None:
    chosen = kinds[:how_many]
    person = member()
    client = signed_in(person)
    url = "/profile/access-needs/"
    assert client.post(url, first_send(chosen))["Location"] == "/profile/"
    expected = {kind.label: WRITTEN[kind.label] for kind in chosen}
    assert {
        need.kind.label: need.details for need in StandingNeed.objects.filter(member=person)
    } == expected

    form = the_form(client, url, "Access needs at every gathering")
    assert ticked(form) == [kind.label for kind in chosen]
    assert boxes(form) == {
        "Details for ASL interpretation (optional)": WRITTEN["ASL interpretation"].replace(
            "\r\n", "\n"
        ),
        "Details for Other sign language": WRITTEN["Other sign language"],
        "Details for Scheduled breaks (optional)": WRITTEN["Scheduled breaks"]
        if how_many == 3
        else "",
        "Details for Large-print materials (optional)": "",
    }

    stored = raw_details(StandingNeed)
    audits = AuditEntry.objects.filter(action="standing_needs.update").count()
    for _ in range(2):
        response = client.post(url, as_sent(form), follow=True)
        assert flashes(response) == ["Nothing to save: your access needs are as they were."]
    assert raw_details(StandingNeed) == stored
    assert {
        need.kind.label: need.details for need in StandingNeed.objects.filter(member=person)
    } == expected
    assert AuditEntry.objects.filter(action="standing_needs.update").count() == audits == 1


def test_standing_needs_changed_for_one_kind_leave_the_others_alone(
    kinds: list[AccommodationType],
) -> None:
    person = member()
    client = signed_in(person)
    client.post("/profile/access-needs/", first_send(kinds[:3]), follow=True)
    stored = raw_details(StandingNeed)
    data = first_send(kinds[:3])
    data[f"details_{kinds[2].pk}"] = "Five minutes every half hour."
    response = client.post("/profile/access-needs/", data, follow=True)
    assert flashes(response) == ["Saved. These will be offered each time you say you're coming."]
    after = raw_details(StandingNeed)
    assert [after[kind.pk] == stored[kind.pk] for kind in kinds[:3]] == [True, True, False]
    assert StandingNeed.objects.get(kind=kinds[2]).details == "Five minutes every half hour."
    assert list(
        AuditEntry.objects.filter(action="standing_needs.update")
        .order_by("pk")
        .values_list("fields", flat=True)
    ) == [["kinds"], ["details"]]


@pytest.mark.parametrize("how_many", [2, 3])
def test_event_request_takes_each_kinds_details_and_sending_again_changes_nothing(
    how_many: int,
    kinds: list[AccommodationType],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    chosen = kinds[:how_many]
    person = member()
    client = signed_in(person)
    client.post("/profile/access-needs/", first_send(chosen))
    event = make_event(days_ahead=30)
    url = f"/events/{event.pk}/access/"
    form = the_form(client, url, "Access support at Monthly gathering")
    assert ticked(form) == [kind.label for kind in chosen]

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, as_sent(form))["Location"] == url
    expected = {kind.label: WRITTEN[kind.label] for kind in chosen}
    assert {
        item.kind.label: item.details for item in AccommodationRequest.objects.filter(event=event)
    } == expected
    stored = raw_details(AccommodationRequest)
    emails = OutboundEmail.objects.count()
    audits = AuditEntry.objects.count()
    assert emails == how_many  # a receipt for each kind (no coordinators to alert)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, as_sent(form))
    assert (response.status_code, response["Location"]) == (302, url)
    assert raw_details(AccommodationRequest) == stored
    assert {
        item.kind.label: item.details for item in AccommodationRequest.objects.filter(event=event)
    } == expected
    assert (OutboundEmail.objects.count(), AuditEntry.objects.count()) == (emails, audits)


def test_coordinator_records_each_kinds_details(kinds: list[AccommodationType]) -> None:
    member()
    event = make_event(days_ahead=30)
    response = signed_in(make_user(is_coordinator=True)).post(
        "/manage/access/record/",
        {"member_email": "mei@example.org", "event": event.pk, **first_send(kinds[:2])},
    )
    assert response["Location"] == "/manage/access/"
    assert {item.kind.label: item.details for item in AccommodationRequest.objects.all()} == {
        kind.label: WRITTEN[kind.label] for kind in kinds[:2]
    }


def test_a_kind_needing_details_is_refused_without_them_and_keeps_what_was_typed(
    kinds: list[AccommodationType],
) -> None:
    data = first_send(kinds[:2])
    data[f"details_{kinds[1].pk}"] = " "
    response = signed_in(member()).post("/profile/access-needs/", data)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("h1").text() == "Access needs at every gathering"
    summary = page.one("div", **{"class": "error-summary"})
    assert [(link.attrs["href"], link.text()) for link in summary.all("a")] == [
        (
            f"#id_details_{kinds[1].pk}",
            "Details for Other sign language: Tell us what you need for Other sign language.",
        )
    ]
    error = page.one("p", id=f"id_details_{kinds[1].pk}_error")
    assert error.text() == "Error: Tell us what you need for Other sign language."
    typed = WRITTEN["ASL interpretation"].replace("\r\n", "\n")
    assert textarea_value(page, f"details_{kinds[0].pk}") == typed
    assert not StandingNeed.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_migration_cuts_details_repeated_by_the_one_box_back_to_one_copy() -> None:
    asl = make_accommodation_type(label="ASL interpretation")
    breaks = make_accommodation_type(label="Scheduled breaks")
    person, other = make_user(), make_user()
    text = "Medical vocabulary\r\nTwo interpreters"
    repeated = "\r\n".join([text] * 4)  # two kinds, saved three times
    written = "Yes.\nYes, and a break."  # not a repeat: kept as it is
    for kind in (asl, breaks):
        make_standing_need(member=person, kind=kind, details=repeated)
    make_standing_need(member=other, kind=asl, details=written)
    make_standing_need(member=other, kind=breaks, details="Hourly\nHourly\nHourly")
    request = make_accommodation_request(
        event=make_event(days_ahead=30), member=person, kind=asl, details=f"{repeated}\n{repeated}"
    )
    try:
        MigrationExecutor(connection).migrate(
            [("accommodations", "0004_not_possible_reason_encrypted")]
        )
        MigrationExecutor(connection).migrate(
            [("accommodations", "0005_details_doubled_by_one_box_undone")]
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(
        StandingNeed.objects.values_list("member__email", "kind__label", "details")
    ) == sorted(
        [
            (person.email, "ASL interpretation", text),
            (person.email, "Scheduled breaks", text),
            (other.email, "ASL interpretation", written),
            (other.email, "Scheduled breaks", "Hourly"),
        ]
    )
    request.refresh_from_db()
    assert request.details == text
