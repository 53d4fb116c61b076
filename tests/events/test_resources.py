import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dm3p.events.models import EventResource
from tests.clock import ORDINARY
from tests.emails import emails_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request, make_accommodation_type
from tests.factories.events import make_event, make_event_resource
from tests.helpers import Capture, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


def test_slides_go_to_those_who_asked_for_materials(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = make_event(days_ahead=20)
    materials = make_accommodation_type(label="Slides in advance", sends_materials=True)
    asker = make_user(email="asker@example.org")
    make_user(email="other@example.org")  # a member who didn't ask
    make_accommodation_request(event=event, member=asker, kind=materials)
    organizer = signed_in(make_user(is_organizer=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            f"/manage/events/{event.pk}/resources/",
            {
                "kind": "slides",
                "title": "Speaker's slides",
                "audience": "members",
                "file": SimpleUploadedFile("slides.pdf", PDF, content_type="application/pdf"),
            },
        )
    assert response["Location"] == f"/manage/events/{event.pk}/resources/"
    [email] = emails_to("asker@example.org")
    resource = EventResource.objects.get()
    assert f"/events/{event.pk}/resources/{resource.pk}/" in str(email.body)
    assert emails_to("other@example.org") == []
    download = signed_in(asker).get(f"/events/{event.pk}/resources/{resource.pk}/")
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    download.close()


def test_members_only_resources_are_hidden_from_visitors() -> None:
    event = make_event(days_ahead=-30)
    resource = make_event_resource(
        event=event,
        kind="slides",
        title="Members slides",
        audience="members",
        file=SimpleUploadedFile("s.pdf", PDF),
    )
    make_event_resource(
        event=event,
        kind="recording",
        title="Recording",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
        has_transcript=True,
    )
    visitor = Client().get(f"/events/{event.pk}/").content.decode()
    assert "Recording</a> (captioned, with a transcript)" in visitor
    assert "Members slides" not in visitor
    assert Client().get(f"/events/{event.pk}/resources/{resource.pk}/").status_code == 404
    assert "Members slides" in signed_in(make_user()).get(f"/events/{event.pk}/").content.decode()


def test_uploads_are_checked_by_content() -> None:
    event = make_event(days_ahead=20)
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        f"/manage/events/{event.pk}/resources/",
        {
            "kind": "slides",
            "title": "Not really a PDF",
            "audience": "members",
            "file": SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 an executable"),
        },
    )
    assert "Upload a PDF, a PowerPoint or Word file" in response.content.decode()
    response = organizer.post(
        f"/manage/events/{event.pk}/resources/",
        {
            "kind": "link",
            "title": "Nothing given",
            "audience": "members",
        },
    )
    assert "Give a link, or upload a file." in response.content.decode()
    assert EventResource.objects.count() == 0


def test_organizer_removes_a_resource() -> None:
    event = make_event(days_ahead=20)
    resource = make_event_resource(
        event=event, kind="link", title="Old link", url="https://example.org/"
    )
    organizer = signed_in(make_user(is_organizer=True))
    organizer.post(f"/manage/events/{event.pk}/resources/", {"remove": str(resource.pk)})
    assert EventResource.objects.count() == 0


def test_archive_lists_each_past_gatherings_resources_per_audience() -> None:
    event = make_event(days_ahead=-40)
    make_event_resource(
        event=event,
        kind="recording",
        title="Recording",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
    )
    make_event_resource(
        event=event,
        kind="slides",
        title="Members slides",
        url="https://slides.example/1",
        audience="members",
    )
    visitor = Client().get("/events/").content.decode()
    assert 'Recording: <a href="https://video.example/1">Recording</a> (captioned)' in visitor
    assert "Members slides" not in visitor
    assert "Members slides" in signed_in(make_user()).get("/events/").content.decode()
