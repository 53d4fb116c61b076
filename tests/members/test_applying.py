import datetime as dt
import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from time_machine import TimeMachineFixture, Traveller

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.defaults import terms_fill
from dm3p.members.enums import ApplicationStatus, TermKind
from dm3p.members.models import Application, Term
from tests.clock import ORDINARY
from tests.emails import bodies_to, link_in
from tests.factories import make_user
from tests.factories.members import make_term
from tests.helpers import Capture, signed_in
from tests.html_tree import heading, page_shown, parse, read_page, without_csrf

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture
def terms() -> dict[str, Term]:
    return {
        "physician": make_term(kind=TermKind.PROFESSION, label="Physician"),
        "nurse": make_term(kind=TermKind.PROFESSION, label="Nurse (RN)"),
        "student": make_term(kind=TermKind.STAGE, label="Student"),
    }


def complete_answers(terms: dict[str, Term], **changes: object) -> dict[str, object]:
    return {
        "name": "Rosa Silva",
        "email": "rosa@example.org",
        "pronouns": "she/her",
        "professions": [terms["physician"].pk],
        "stage": terms["student"].pk,
        "joins_as": "disabled",
        "hopes_to_get": "Peers who understand.",
        "hopes_to_give": "What I learned about exam accommodations.",
        "heard_about": "A friend",
        "code_of_conduct": "on",
        **changes,
    }


def opened_from_the_email(address: str) -> Client:
    """A browser that followed the link in the last e-mail to ``address``."""
    link = link_in(bodies_to(address)[-1], "/apply/resume/")
    browser = Client()
    assert browser.get(link)["Location"] == "/apply/"
    return browser


def test_apply_and_submit_in_one_go(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/", {**complete_answers(terms), "submit": "1"})
    page = page_shown(response, "Check your e-mail")
    assert "Thank you for applying." in page
    application = Application.objects.get(user__email="rosa@example.org")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.user.membership_status == MembershipStatus.APPLICANT
    assert not application.user.has_usable_password()
    assert list(application.professions.all()) == [terms["physician"]]
    [acknowledgement] = bodies_to("rosa@example.org")
    assert "Thank you for applying to join DM3P." in acknowledgement
    # The browser that applied is given nothing; the e-mailed status link works anywhere.
    assert client.get("/apply/status/").status_code == 404
    status = Client().get(link_in(acknowledgement, "/apply/status/"))
    assert "Waiting for review" in page_shown(status, "Your application")


def test_apply_missing_answers_are_explained_and_kept(
    client: Client, terms: dict[str, Term]
) -> None:
    answers = complete_answers(terms, name="", code_of_conduct="", hopes_to_get="")
    response = client.post("/apply/", {**answers, "submit": "1"})
    html = response.content.decode()
    assert "<title>Error: Apply to join – DM3P</title>" in html
    # Each problem names its question and links to it.
    summary = parse(html).one(class_="error-summary")
    assert [(link.attrs["href"], link.text()) for link in summary.all("a")] == [
        ("#id_name", "Your name: Enter your name."),
        (
            "#id_code_of_conduct",
            "I have read the code of conduct and agree to follow it: Agree to the code of "
            "conduct to send your application.",
        ),
    ]
    assert 'value="Rosa Silva"' not in html
    assert "What I learned about exam accommodations.</textarea>" in html
    assert Application.objects.count() == 0


def test_apply_questions_marked_optional_are_optional(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    """Every question the form marks "(optional)" can be left blank when sending."""
    form = parse(client.get("/apply/"))
    labels = [element.text() for element in form.all("label") + form.all("legend")]
    optional = [text for text in labels if "(optional)" in text]
    assert "Your profession or professions (optional)" in optional
    assert "What do you hope to get from the program? (optional)" in optional
    assert not [text for text in optional if text.count("(optional)") > 1]
    answers = {"name": "Rosa Silva", "email": "rosa@example.org", "code_of_conduct": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/", {**answers, "submit": "1"})
    page_shown(response, "Check your e-mail")
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_apply_professions_come_in_groups(client: Client) -> None:
    terms_fill(TermKind.PROFESSION)
    field = parse(client.get("/apply/")).one("div", id="id_professions")
    legends = [legend.text() for legend in field.all("legend")]
    assert legends[:3] == ["Medicine", "Nursing and midwifery", "Therapies and rehabilitation"]
    assert legends[-1] == "Other professions"
    # Every profession is there once, and the first keeps the id the error summary links to.
    boxes = field.all("input", type="checkbox")
    assert len(boxes) == Term.objects.filter(kind=TermKind.PROFESSION).count()
    assert field.one("input", id="id_professions_0").attrs["value"] == str(
        Term.objects.get(label="Physician").pk
    )


def test_apply_save_with_only_name_and_email_then_resume_from_link(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    answers = {"name": "Rosa Silva", "email": "rosa@example.org", "hopes_to_get": "Peers."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/", {**answers, "send_link": "1"})
    assert "Check your e-mail" in response.content.decode()
    assert Application.objects.get().status == ApplicationStatus.DRAFT
    [email] = bodies_to("rosa@example.org")
    link = link_in(email, "/apply/resume/")
    other_browser = Client()
    assert other_browser.get(link)["Location"] == "/apply/"
    form = other_browser.get("/apply/").content.decode()
    assert "Peers.</textarea>" in form
    email_input = parse(form).one("input", name="email")
    assert email_input.attrs["value"] == "rosa@example.org"
    assert "disabled" in email_input.attrs


def test_apply_resume_link_is_stored_only_as_a_hash(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {"name": "Rosa", "email": "rosa@example.org", "send_link": "1"})
    token = link_in(bodies_to("rosa@example.org")[0], "/apply/resume/").split("/")[3]
    stored = Application.objects.get().resume_token_hash
    assert token not in stored
    assert len(stored) == 64


def test_apply_expired_or_wrong_link_offers_a_new_one(client: Client) -> None:
    response = client.get("/apply/resume/not-a-real-token/")
    assert response.status_code == 404
    assert "E-mail me a new link" in response.content.decode()


def test_apply_link_older_than_30_days_stops_working(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {"name": "Rosa", "email": "rosa@example.org", "send_link": "1"})
    link = link_in(bodies_to("rosa@example.org")[0], "/apply/resume/")
    Application.objects.update(resume_token_created_at=timezone.now() - timedelta(days=31))
    assert Client().get(link).status_code == 404


def test_apply_with_a_known_address_reveals_nothing(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(email="member@example.org", name="Existing")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/apply/", {"name": "Someone", "email": "MEMBER@example.org", "save": "1"}
        )
    assert "Check your e-mail" in response.content.decode()
    assert User.objects.get(email="member@example.org").name == "Existing"
    assert Application.objects.count() == 0


def test_apply_health_details_need_their_own_consent(
    client: Client, terms: dict[str, Term]
) -> None:
    answers = complete_answers(terms, health_details="Type 1 diabetes since age 9.")
    response = client.post("/apply/", {**answers, "submit": "1"})
    assert "Tick this box to let us keep what you wrote about your health" in (
        response.content.decode()
    )
    assert Application.objects.count() == 0


def test_apply_health_details_with_consent_are_encrypted_and_consent_recorded(
    client: Client, terms: dict[str, Term]
) -> None:
    answers = complete_answers(
        terms, health_details="Type 1 diabetes since age 9.", health_consent="on"
    )
    client.post("/apply/", {**answers, "submit": "1"})
    application = Application.objects.get()
    assert application.health_details == "Type 1 diabetes since age 9."
    assert application.health_consent_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT health_details FROM members_application")
        raw = cursor.fetchone()[0]
    assert "diabetes" not in raw


def test_apply_withdrawing_consent_deletes_health_details(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    answers = complete_answers(terms, health_details="Crohn's disease.", health_consent="on")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {**answers, "save": "1"})
    browser = opened_from_the_email("rosa@example.org")
    browser.post("/apply/", {**complete_answers(terms), "save": "1"})
    application = Application.objects.get()
    assert (application.health_details, application.health_consent_at) == (None, None)


def test_apply_signed_in_member_is_sent_to_their_home() -> None:
    client = signed_in(make_user())
    assert client.get("/apply/")["Location"] == "/home/"


def test_apply_submitted_application_cannot_be_changed(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {**complete_answers(terms), "save": "1"})
    browser = opened_from_the_email("rosa@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/apply/", {**complete_answers(terms), "submit": "1"})
    assert browser.get("/apply/")["Location"] == "/apply/status/"
    browser.post("/apply/", {**complete_answers(terms, name="Changed"), "submit": "1"})
    assert Application.objects.get().user.name == "Rosa Silva"


def test_apply_new_link_request_answers_the_same_for_any_address(
    client: Client, django_capture_on_commit_callbacks: Capture, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(dt.datetime(2026, 6, 10, 15, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {"name": "Rosa", "email": "rosa@example.org", "save": "1"})
    time_machine.shift(dt.timedelta(minutes=20))
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post("/apply/link/", {"email": "rosa@example.org"})
        unknown = Client().post("/apply/link/", {"email": "nobody@example.org"})
    assert without_csrf(known) == without_csrf(unknown)
    assert [len(bodies_to("rosa@example.org")), len(bodies_to("nobody@example.org"))] == [2, 1]
    assert "/apply/resume/" in bodies_to("rosa@example.org")[-1]
    assert "There is no unfinished application for it." in bodies_to("nobody@example.org")[0]


def test_apply_start_is_audited_without_answers(client: Client, terms: dict[str, Term]) -> None:
    client.post("/apply/", {**complete_answers(terms), "submit": "1"})
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "application.submit",
        "application.start",
    ]
    assert "Peers who understand." not in str(list(AuditEntry.objects.values()))


def test_status_link_works_in_any_browser_and_says_so_when_broken(
    client: Client,
    terms: dict[str, Term],
    django_capture_on_commit_callbacks: Capture,
    clock: Traveller,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {**complete_answers(terms), "submit": "1"})
    link = link_in(bodies_to("rosa@example.org")[0], "/apply/status/")
    phone = Client()
    opened = phone.get(link)
    assert "no-store" in opened["Cache-Control"]  # no copy kept by a shared browser or proxy
    status = page_shown(opened, "Your application")
    assert "Waiting for review" in status
    assert "rosa@example.org" in status
    # Showing the status signs nobody in and gives the browser no access to the answers.
    assert phone.get("/apply/status/").status_code == 404
    assert "_auth_user_id" not in phone.session
    caplog.set_level(logging.WARNING, logger="django.request")
    altered = Client().get(link[:-3] + "xx/")
    assert (altered.status_code, heading(altered)) == (404, "This link doesn't work")
    assert link.split("/")[3] not in caplog.text
    assert "/apply/status/[hidden]/" in caplog.text
    clock.shift(dt.timedelta(days=121))
    expired = Client().get(link)
    assert (expired.status_code, heading(expired)) == (404, "This link doesn't work")
    assert "expired" in read_page(expired)[1]


def test_status_link_follows_the_decision(
    client: Client, terms: dict[str, Term], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", {**complete_answers(terms), "submit": "1"})
    link = link_in(bodies_to("rosa@example.org")[0], "/apply/status/")
    Application.objects.update(status=ApplicationStatus.APPROVED)
    assert "welcome e-mail sets up your account" in page_shown(
        Client().get(link), "Your application"
    )
    Application.objects.all().delete()
    assert Client().get(link).status_code == 404
