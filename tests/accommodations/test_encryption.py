"""What coordinators write to a member about their needs is encrypted at rest, like the
member's own details, and still reads as written on the member's page."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dm3p.accommodations.models import AccommodationRequest
from tests.clock import ORDINARY
from tests.emails import emails_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request, make_accommodation_type
from tests.factories.events import make_event
from tests.helpers import Capture, signed_in
from tests.html_tree import parse, table_rows

pytestmark = pytest.mark.clock(ORDINARY)

REASON = "No interpreter is free that evening; we are asking the agency for a relay."
NOTES = "Agency ref 5521, two interpreters"
BEFORE = ("accommodations", "0003_interpreter_in_breakouts")
AFTER = ("accommodations", "0004_not_possible_reason_encrypted")


def stored(pk: int, column: str) -> str | None:
    """The value as the database holds it, past the model's decryption."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM accommodations_accommodationrequest WHERE id = %s",  # noqa: S608
            [pk],
        )
        [value] = cursor.fetchone()
    return value  # type: ignore[no-any-return]


def notes_on_members_page(request: AccommodationRequest) -> list[list[str]]:
    response = signed_in(request.member).get(f"/events/{request.event_id}/access/")
    assert response.status_code == 200
    return table_rows(parse(response.content), "Your requests and their status")


@pytest.mark.django_db
def test_reason_not_possible_is_encrypted_at_rest_and_reaches_the_member(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    kind = make_accommodation_type(label="ASL interpretation", lead_days=14)
    member = make_user(email="mei@example.org")
    request = make_accommodation_request(event=make_event(days_ahead=30), member=member, kind=kind)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(make_user(is_coordinator=True)).post(
            f"/manage/access/{request.pk}/",
            {"status": "not_possible", "provider_notes": NOTES, "not_possible_reason": REASON},
        )
    assert response.status_code == 302
    for column, text in [("not_possible_reason", REASON), ("provider_notes", NOTES)]:
        raw = stored(request.pk, column)
        assert raw is not None
        assert raw.startswith("gAAAAA")  # a Fernet token
        assert text not in raw
        assert "interpreter" not in raw.lower()
    assert notes_on_members_page(request) == [["ASL interpretation", "Not possible", REASON]]
    [email] = emails_to("mei@example.org")
    assert REASON in email.body


@pytest.mark.django_db
def test_request_without_a_reason_stores_nothing() -> None:
    kind = make_accommodation_type(label="ASL interpretation", lead_days=14)
    request = make_accommodation_request(
        event=make_event(days_ahead=30), member=make_user(), kind=kind
    )
    signed_in(make_user(is_coordinator=True)).post(
        f"/manage/access/{request.pk}/", {"status": "confirmed", "not_possible_reason": ""}
    )
    assert stored(request.pk, "not_possible_reason") is None
    assert notes_on_members_page(request) == [["ASL interpretation", "Confirmed", ""]]


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_reasons_written_before_it() -> None:
    kind = make_accommodation_type(label="ASL interpretation", lead_days=14)
    refused = make_accommodation_request(
        event=make_event(days_ahead=30),
        member=make_user(),
        kind=kind,
        status="not_possible",
        not_possible_reason=REASON,
    )
    received = make_accommodation_request(
        event=make_event(days_ahead=30), member=make_user(), kind=kind
    )
    try:
        MigrationExecutor(connection).migrate([BEFORE])
        # As the database held them before: plain text, and empty text for no reason.
        assert stored(refused.pk, "not_possible_reason") == REASON
        assert stored(received.pk, "not_possible_reason") == ""
        MigrationExecutor(connection).migrate([AFTER])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    raw = stored(refused.pk, "not_possible_reason")
    assert raw is not None
    assert raw.startswith("gAAAAA")
    assert "interpreter" not in raw.lower()
    assert stored(received.pk, "not_possible_reason") is None
    assert notes_on_members_page(refused) == [["ASL interpretation", "Not possible", REASON]]
    assert AccommodationRequest.objects.get(pk=received.pk).not_possible_reason is None
