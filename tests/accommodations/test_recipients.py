"""Who hears about accommodation requests by e-mail: the member while they are a member
(never once declined or suspended), and coordinators who are active."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accommodations.services import (
    NeedAnswer,
    RequestAnswers,
    RequestsClosed,
    request_update,
    requests_create,
)
from dm3p.accounts.models import User
from dm3p.events.enums import EventStatus, ResourceAudience, ResourceKind
from dm3p.events.services import ResourceAnswers, resource_add
from tests.clock import ORDINARY
from tests.emails import subjects_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request, make_accommodation_type
from tests.factories.events import make_event, move_event
from tests.helpers import Capture

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

FORMER = ["declined", "suspended"]


def no_longer_member(person: User, status: str) -> None:
    User.objects.filter(pk=person.pk).update(membership_status=status)
    person.refresh_from_db()


@pytest.mark.parametrize("status", FORMER)
def test_materials_go_only_to_members_now(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    slides = make_accommodation_type(label="Slides in advance", sends_materials=True)
    current, former = make_user(email="now@example.org"), make_user(email="former@example.org")
    for person in (current, former):
        make_accommodation_request(event=event, member=person, kind=slides)
    no_longer_member(former, status)
    with django_capture_on_commit_callbacks(execute=True):
        resource_add(
            actor=make_user(is_organizer=True),
            event=event,
            answers=ResourceAnswers(
                kind=ResourceKind.SLIDES,
                title="Slides",
                url="",
                file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4\n%%EOF\n"),
                audience=ResourceAudience.MEMBERS,
                has_captions=False,
                has_transcript=False,
            ),
        )
    assert subjects_to("now@example.org") == ["Materials for Monthly gathering"]
    assert subjects_to("former@example.org") == []


@pytest.mark.parametrize("status", FORMER)
def test_request_updates_stop_once_no_longer_a_member(
    status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(days_ahead=30)
    asl = make_accommodation_type(label="ASL interpretation")
    former = make_user(email="former@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        [request] = requests_create(event=event, member=former, needs=[NeedAnswer(asl)])
    assert subjects_to("former@example.org") == ["We have your request: ASL interpretation"]
    no_longer_member(former, status)
    request.refresh_from_db()
    organizer = make_user(is_organizer=True)
    with django_capture_on_commit_callbacks(execute=True):
        request_update(
            request=request,
            actor=make_user(is_coordinator=True),
            answers=RequestAnswers(
                status=RequestStatus.CONFIRMED,
                owner=None,
                provider_notes="",
                not_possible_reason="",
            ),
        )
        move_event(organizer, event, dt.timedelta(days=1))
    assert subjects_to("former@example.org") == ["We have your request: ASL interpretation"]


def test_coordinator_alerts_go_only_to_active_coordinators(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    make_user(is_coordinator=True, email="cam@example.org")
    make_user(is_coordinator=True, email="gone@example.org", membership_status="suspended")
    asl = make_accommodation_type(label="ASL interpretation")
    with django_capture_on_commit_callbacks(execute=True):
        requests_create(
            event=make_event(days_ahead=30), member=make_user(), needs=[NeedAnswer(asl)]
        )
    assert subjects_to("cam@example.org") == ["New accommodation request for Monthly gathering"]
    assert subjects_to("gone@example.org") == []


def test_requests_for_a_cancelled_gathering_are_refused() -> None:
    event = make_event(days_ahead=30, status=EventStatus.CANCELLED)
    asl = AccommodationType.objects.create(label="ASL interpretation")
    with pytest.raises(RequestsClosed) as refused:
        requests_create(event=event, member=make_user(), needs=[NeedAnswer(asl)])
    assert refused.value.message == (
        "This gathering has ended or is cancelled, so requests are closed."
    )
    assert AccommodationRequest.objects.count() == 0
