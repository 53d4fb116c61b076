"""A request's history (who changed what, when), questions to the member and their
answers, what coordinators record about providers, and recording a request made by
e-mail."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationRequest, AccommodationType, RequestQuestion
from dm3p.accommodations.selectors import access_step_private
from dm3p.core.models import AuditEntry
from dm3p.events.links import answer_token
from tests.clock import ORDINARY
from tests.emails import texts_to
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_request
from tests.factories.events import make_event, make_rsvp
from tests.helpers import Capture, signed_in
from tests.html_tree import page_shown, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture
def asl() -> AccommodationType:
    types_fill()
    return AccommodationType.objects.get(label="ASL interpretation")


def _a_request(asl: AccommodationType, minutes: int = 90) -> AccommodationRequest:
    event = make_event(days_ahead=20, minutes=minutes, title="Disclosure at work")
    member = make_user(name="Mei", email="mei@example.org")
    return make_accommodation_request(event=event, member=member, kind=asl)


def test_coordinator_records_providers_and_the_history_says_who_and_what(
    asl: AccommodationType,
) -> None:
    request = _a_request(asl)
    coordinator = make_user(is_coordinator=True, name="Cam")
    client = signed_in(coordinator)
    url = f"/manage/access/{request.pk}/"
    html = page_shown(client.get(url), "ASL interpretation for Mei")
    assert "Two interpreters needed" in html
    client.post(
        url,
        {
            "status": "confirmed",
            "owner": coordinator.pk,
            "provider_names": "Ana Ruiz and Ben Cole",
            "link_sent": "on",
            "provider_notes": "",
            "not_possible_reason": "",
        },
    )
    request.refresh_from_db()
    assert (request.provider_names, request.link_sent) == ("Ana Ruiz and Ben Cole", True)
    history = parse(client.get(url)).one("section", **{"aria-labelledby": "history-title"})
    [line] = history.all("li")
    assert "Cam: Changed status, coordinator in charge, who provides it, link sent" in line.text()
    assert "Ana" not in history.text()  # names of fields, never their values


def test_a_short_gathering_needs_no_team_reminder(asl: AccommodationType) -> None:
    request = _a_request(asl, minutes=60)
    html = signed_in(make_user(is_coordinator=True)).get(f"/manage/access/{request.pk}/")
    assert "Two interpreters needed" not in html.content.decode()


def test_coordinator_asks_and_the_member_answers_on_their_page(
    asl: AccommodationType, django_capture_on_commit_callbacks: Capture
) -> None:
    request = _a_request(asl)
    coordinator = make_user(is_coordinator=True, name="Cam", email="cam@example.org")
    client = signed_in(coordinator)
    url = f"/manage/access/{request.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "ask", "question": "Do you need interpreters in breakout rooms?"}
        )
    assert response["Location"] == url
    [email] = texts_to("mei@example.org")
    assert email.startswith("A question about your request: ASL interpretation")
    assert "breakout" not in email  # the question stays on the site
    link = f"/events/{request.event_id}/access/"
    assert email.endswith(f"sign in): http://127.0.0.1:8000{link}")
    member = signed_in(request.member)
    page = page_shown(member.get(link), "Access support at Disclosure at work")
    assert "Do you need interpreters in breakout rooms?" in page
    question = RequestQuestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(link, {"question": question.pk, "answer": "Yes, please."})
    assert response["Location"] == link
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("Yes, please.", request.member)
    assert "Answered: your question about ASL interpretation" in texts_to("cam@example.org")[-1]
    coordinator_page = client.get(url).content.decode()
    assert "Yes, please." in coordinator_page
    assert "Mei: Answered the question" in coordinator_page
    assert "Cam: Asked the member a question" in coordinator_page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"accommodation.question", "accommodation.answer"} <= actions
    # Answered: no more box, and sending again changes nothing.
    assert "Send my answer" not in member.get(link).content.decode()
    member.post(link, {"question": question.pk, "answer": "No!"})
    question.refresh_from_db()
    assert question.answer == "Yes, please."


def test_an_empty_answer_is_refused_by_its_box(asl: AccommodationType) -> None:
    request = _a_request(asl)
    RequestQuestion.objects.create(request=request, question="Which sign language?")
    question = RequestQuestion.objects.get()
    response = signed_in(request.member).post(
        f"/events/{request.event_id}/access/", {"question": question.pk, "answer": " "}
    )
    html = page_shown(response, "Access support at Disclosure at work")
    assert "Write the answer before sending it." in html
    assert RequestQuestion.objects.get().answer is None


@pytest.mark.parametrize("sent", ["", "abc", "99999999999999999999999"])
def test_answers_to_nonsense_questions_are_refused_plainly(
    asl: AccommodationType, sent: str
) -> None:
    request = _a_request(asl)
    response = signed_in(request.member).post(
        f"/events/{request.event_id}/access/", {"question": sent, "answer": "Hello"}
    )
    assert response.status_code in {302, 404}


def test_someone_elses_question_cannot_be_answered_or_seen(asl: AccommodationType) -> None:
    request = _a_request(asl)
    question = RequestQuestion.objects.create(request=request, question="Which sign language?")
    other = make_user(name="Other")
    url = f"/events/{request.event_id}/access/"
    client = signed_in(other)
    assert "Which sign language?" not in client.get(url).content.decode()
    client.post(url, {"question": question.pk, "answer": "Hijack"})
    question.refresh_from_db()
    assert question.answer is None


def test_coordinator_records_an_answer_given_by_phone(asl: AccommodationType) -> None:
    request = _a_request(asl)
    question = RequestQuestion.objects.create(request=request, question="Which sign language?")
    coordinator = make_user(is_coordinator=True, name="Cam")
    client = signed_in(coordinator)
    url = f"/manage/access/{request.pk}/"
    empty = client.post(url, {"action": "answer", "question": question.pk, "answer": ""})
    assert "Write the answer before sending it." in empty.content.decode()
    client.post(url, {"action": "answer", "question": question.pk, "answer": "ASL"})
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("ASL", coordinator)
    assert "recorded by Cam" in client.get(url).content.decode()


def test_empty_question_is_refused(asl: AccommodationType) -> None:
    request = _a_request(asl)
    response = signed_in(make_user(is_coordinator=True)).post(
        f"/manage/access/{request.pk}/", {"action": "ask", "question": ""}
    )
    assert "Write the question you want to ask." in response.content.decode()
    assert not RequestQuestion.objects.exists()


def test_record_form_speaks_to_the_coordinator_and_names_gatherings_by_date(
    asl: AccommodationType,
) -> None:
    make_event(days_ahead=40, title="Monthly gathering: Exams")
    make_event(days_ahead=5, title="Monthly gathering: Disclosure at work")
    make_event(days_ahead=-5, title="Monthly gathering: Past")
    page = parse(signed_in(make_user(is_coordinator=True)).get("/manage/access/record/"))
    options = [option.text() for option in page.one("select").all("option")]
    assert options == [
        "Mon 15 Jun 2026 — Monthly gathering: Disclosure at work",
        "Mon 20 Jul 2026 — Monthly gathering: Exams",
    ]
    text = page.text()
    assert "Who asked?" in text
    assert "What did the member ask for?" in text
    assert "Which gathering?" in text


def test_a_forwarded_answer_link_shows_no_question_and_takes_no_answer(
    asl: AccommodationType,
) -> None:
    request = _a_request(asl)
    make_rsvp(event=request.event, member=request.member, answer="going")
    question = RequestQuestion.objects.create(request=request, question="Which sign language?")
    token = answer_token(event_id=request.event_id, member_id=request.member_id, answer="going")
    url = f"/events/answer/{token}/access/"
    stranger = Client()
    assert "Which sign language?" not in stranger.get(url).content.decode()
    stranger.post(url, {"question": question.pk, "answer": "Hijack"})
    question.refresh_from_db()
    assert question.answer is None
    # The member, signed in, sees it on the same link.
    assert "Which sign language?" in signed_in(request.member).get(url).content.decode()


def test_access_step_privacy_rule() -> None:
    member = make_user()
    other = make_user()
    assert access_step_private(viewer=member, member=member, by_link=False)
    assert access_step_private(viewer=member, member=member, by_link=True)
    assert not access_step_private(viewer=other, member=member, by_link=True)
    assert not access_step_private(viewer=AnonymousUser(), member=member, by_link=True)
