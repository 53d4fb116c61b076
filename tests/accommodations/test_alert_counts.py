"""Coordinators' alerts count requests in plain words: "One new request", "2 new requests"."""

import datetime as dt

import pytest

from dm3p.accommodations.services import NeedAnswer, requests_create
from tests.clock import ORDINARY
from tests.emails import bodies_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.events import make_event, move_event
from tests.helpers import Capture

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

KINDS = ["ASL interpretation", "Captions"]


@pytest.mark.parametrize(
    ("asked", "words"),
    [(1, "One new request for Monthly gathering."), (2, "2 new requests for Monthly gathering.")],
)
def test_new_requests_are_counted_in_words(
    asked: int, words: str, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(is_coordinator=True, email="cam@example.org")
    needs = [NeedAnswer(make_accommodation_type(label=label)) for label in KINDS[:asked]]
    with django_capture_on_commit_callbacks(execute=True):
        requests_create(event=make_event(days_ahead=30), member=make_user(), needs=needs)
    [body] = bodies_to("cam@example.org")
    assert body.startswith(words)
    assert "(s)" not in body


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        (1, "Monthly gathering has moved. One accommodation request is affected: tell"),
        (2, "Monthly gathering has moved. 2 accommodation requests are affected: tell"),
    ],
)
def test_affected_requests_are_counted_in_words(
    asked: int, words: str, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    needs = [NeedAnswer(make_accommodation_type(label=label)) for label in KINDS[:asked]]
    requests_create(event=event, member=make_user(), needs=needs)
    make_user(is_coordinator=True, email="cam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        move_event(make_user(is_organizer=True), event, dt.timedelta(days=1))
    [body] = bodies_to("cam@example.org")
    assert body.startswith(words)
    assert "(s)" not in body
