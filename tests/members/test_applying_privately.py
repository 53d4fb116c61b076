"""Applying tells nobody who has applied (the same answer and work for every address), and
the application pages and reports are rate-limited per address and per client."""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from time_machine import TimeMachineFixture

from dm3p.accounts.enums import MembershipStatus
from dm3p.conversations.models import Report
from dm3p.conversations.services.messages import REPORT_LIMITS_PER_PERSON
from dm3p.core.models import OutboundEmail
from dm3p.members.enums import ApplicationStatus, TermKind
from dm3p.members.models import Application
from dm3p.members.services import (
    APPLY_LIMITS_PER_ADDRESS,
    APPLY_LIMITS_PER_CLIENT,
    LINK_LIMITS_PER_ADDRESS,
    profile_ensure,
)
from tests.emails import bodies_to, link_in
from tests.factories import make_user
from tests.factories.members import make_term
from tests.helpers import Capture, signed_in
from tests.html_tree import Element, error_summary, parse, without_csrf

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 6, 10, 15, tzinfo=dt.UTC)
TOO_MANY = (
    "There have been a lot of tries from here or for this address in a short while. Please "
    "wait an hour and try again; what you typed is still here."
)


def complete_answers() -> dict[str, str]:
    physician = make_term(kind=TermKind.PROFESSION, label="Physician")
    student = make_term(kind=TermKind.STAGE, label="Student")
    return {
        "name": "Someone",
        "professions": str(physician.pk),
        "stage": str(student.pk),
        "joins_as": "disabled",
        "hopes_to_get": "Peers.",
        "code_of_conduct": "on",
    }


@pytest.fixture(autouse=True)
def _fresh_limits(time_machine: TimeMachineFixture) -> None:
    time_machine.move_to(NOON, tick=False)
    cache.clear()


def from_client(number: int) -> Client:
    return Client(REMOTE_ADDR=f"192.0.2.{number}")


def rosa_starts_applying(capture: Capture) -> None:
    """Rosa saves an unfinished application from the first address; her link is e-mailed."""
    with capture(execute=True):
        from_client(1).post("/apply/", {"name": "Rosa", "email": "rosa@example.org", "save": "1"})


def rosa_back_through_her_link(capture: Capture) -> Client:
    """Rosa, back at her unfinished application through the link e-mailed to her."""
    rosa_starts_applying(capture)
    browser = Client()
    browser.get(link_in(bodies_to("rosa@example.org")[0], "/apply/resume/"))
    return browser


def statements(queries: CaptureQueriesContext) -> list[str]:
    """The SQL run, without its values, and without the savepoints around the writes (a
    rolled-back savepoint takes one statement more than a kept one)."""
    shapes = [re.sub(r"\d+|'[^']*'", "?", query["sql"]) for query in queries.captured_queries]
    return [shape for shape in shapes if "SAVEPOINT" not in shape]


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None
    page: Element
    cookies: list[str]
    statements: list[str]
    emails: int


def answer_to(capture: Capture, client_number: int, url: str, data: dict[str, str]) -> Answer:
    """What a POST answered, the statements it ran and the e-mails it queued."""
    before = OutboundEmail.objects.count()
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = from_client(client_number).post(url, data)
    return Answer(
        status=response.status_code,
        location=response.get("Location"),
        page=without_csrf(response),
        cookies=sorted(response.cookies),
        statements=statements(queries),
        emails=OutboundEmail.objects.count() - before,
    )


@pytest.mark.parametrize("button", ["submit", "save", "send_link"])
def test_apply_answers_a_known_and_a_new_address_identically(
    button: str, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(email="member@example.org", name="Existing")
    answers = {**complete_answers(), button: "1"}
    known = answer_to(
        django_capture_on_commit_callbacks, 1, "/apply/", {**answers, "email": "MEMBER@example.org"}
    )
    new = answer_to(
        django_capture_on_commit_callbacks, 2, "/apply/", {**answers, "email": "new@example.org"}
    )
    assert (known.status, known.location) == (new.status, new.location) == (200, None)
    assert known.page == new.page
    assert known.cookies == new.cookies
    assert known.page.one("h1").text() == "Check your e-mail"
    assert known.statements == new.statements
    assert (known.emails, new.emails) == (1, 1)
    # The known person is told, and nothing of theirs changed; the new one has a link.
    [told] = bodies_to("member@example.org")
    assert "This address already has an account or an application with us" in told
    assert "/apply/link/" in told
    assert not Application.objects.filter(user__email="member@example.org").exists()
    [welcome] = bodies_to("new@example.org")
    assert ("/apply/status/" if button == "submit" else "/apply/resume/") in welcome


def test_apply_with_the_address_of_an_unfinished_application_keeps_its_link(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    rosa_starts_applying(django_capture_on_commit_callbacks)
    link = link_in(bodies_to("rosa@example.org")[0], "/apply/resume/")
    with django_capture_on_commit_callbacks(execute=True):
        from_client(2).post("/apply/", {"name": "Eve", "email": "rosa@example.org", "save": "1"})
    assert "already has an account or an application" in bodies_to("rosa@example.org")[1]
    assert Client().get(link)["Location"] == "/apply/"
    assert Application.objects.get().user.name == "Rosa"


def test_apply_link_request_answers_a_known_and_an_unknown_address_identically(
    django_capture_on_commit_callbacks: Capture, time_machine: TimeMachineFixture
) -> None:
    rosa_starts_applying(django_capture_on_commit_callbacks)
    time_machine.shift(dt.timedelta(minutes=20))
    known = answer_to(
        django_capture_on_commit_callbacks, 2, "/apply/link/", {"email": "rosa@example.org"}
    )
    unknown = answer_to(
        django_capture_on_commit_callbacks, 3, "/apply/link/", {"email": "nobody@example.org"}
    )
    assert (known.status, known.location) == (unknown.status, unknown.location) == (200, None)
    assert known.page == unknown.page
    assert (len(known.statements), known.emails) == (len(unknown.statements), unknown.emails)
    assert known.emails == 1


def test_many_link_requests_send_no_new_link_and_keep_the_last_one_working(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    rosa_starts_applying(django_capture_on_commit_callbacks)
    link = link_in(bodies_to("rosa@example.org")[0], "/apply/resume/")
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(25):
            response = from_client(10 + number).post("/apply/link/", {"email": "rosa@example.org"})
            statuses.append(response.status_code)
    allowed = LINK_LIMITS_PER_ADDRESS[0].count
    assert statuses == [200] * allowed + [429] * (25 - allowed)
    assert len(bodies_to("rosa@example.org")) == 1
    assert Client().get(link)["Location"] == "/apply/"


def test_link_request_after_a_quiet_while_sends_a_new_link(
    django_capture_on_commit_callbacks: Capture, time_machine: TimeMachineFixture
) -> None:
    rosa_starts_applying(django_capture_on_commit_callbacks)
    time_machine.shift(dt.timedelta(minutes=16))
    with django_capture_on_commit_callbacks(execute=True):
        from_client(2).post("/apply/link/", {"email": "rosa@example.org"})
    first, second = bodies_to("rosa@example.org")
    assert Client().get(link_in(second, "/apply/resume/"))["Location"] == "/apply/"
    assert Client().get(link_in(first, "/apply/resume/")).status_code == 404


def test_send_me_a_link_twice_in_a_row_sends_one_link(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    browser = rosa_back_through_her_link(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/apply/", {"name": "Rosa", "email": "rosa@example.org", "send_link": "1"}
        )
    assert parse(response.content).one("h1").text() == "Check your e-mail"
    assert len(bodies_to("rosa@example.org")) == 1


def test_apply_is_limited_per_address_with_a_calm_page_that_keeps_the_answers() -> None:
    make_user(email="member@example.org")
    for address in ["member@example.org", "new@example.org"]:
        allowed = APPLY_LIMITS_PER_ADDRESS[0].count
        answers = {"name": "Eve Example", "email": address, "hopes_to_get": "KEPT-TEXT"}
        for number in range(allowed):
            assert from_client(number).post("/apply/", {**answers, "save": "1"}).status_code == 200
        response = from_client(99).post("/apply/", {**answers, "save": "1"})
        assert response.status_code == 429
        page = parse(response.content)
        assert page.one("h1").text() == "Apply to join"
        assert error_summary(page) == [TOO_MANY]
        assert page.one("textarea", name="hopes_to_get").text() == "KEPT-TEXT"
        [name] = page.all("input", name="name")
        assert name.attrs["value"] == "Eve Example"
        cache.clear()
    assert Application.objects.filter(user__email="new@example.org").count() == 1


def test_apply_is_limited_per_client() -> None:
    client = from_client(1)
    for number in range(APPLY_LIMITS_PER_CLIENT[0].count):
        response = client.post("/apply/", {"name": "A", "email": f"a{number}@example.org"})
        assert response.status_code == 200
    response = client.post("/apply/", {"name": "A", "email": "last@example.org"})
    assert response.status_code == 429
    assert from_client(2).post("/apply/", {"name": "B", "email": "b@example.org"}).status_code == (
        200
    )


@override_settings(TRUSTED_PROXIES=1)
def test_link_requests_behind_a_proxy_are_counted_per_client() -> None:
    def behind_proxy(address: str) -> Client:
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)

    attacker = behind_proxy("203.0.113.66")
    for number in range(10):
        attacker.post("/apply/link/", {"email": f"x{number}@example.org"})
    blocked = attacker.post("/apply/link/", {"email": "y@example.org"})
    assert blocked.status_code == 429
    page = parse(blocked.content)
    assert error_summary(page) == [TOO_MANY]
    [typed] = page.all("input", name="email")
    assert typed.attrs["value"] == "y@example.org"
    someone = behind_proxy("198.51.100.23").post("/apply/link/", {"email": "me@example.org"})
    assert someone.status_code == 200


def test_reports_are_limited_per_person_and_the_text_is_kept() -> None:
    reporter = make_user(name="Ana", email="ana@example.org")
    reported = make_user(name="Ben", email="ben@example.org")
    profile_ensure(user=reported)
    client = signed_in(reporter)
    for number in range(REPORT_LIMITS_PER_PERSON[0].count):
        response = client.post(f"/members/{reported.pk}/report/", {"reason": f"Report {number}"})
        assert response.status_code == 302
    response = client.post(f"/members/{reported.pk}/report/", {"reason": "KEPT-REASON"})
    assert response.status_code == 429
    page = parse(response.content)
    assert page.one("h1").text() == "Report Ben"
    assert error_summary(page) == [
        "You have sent several reports in a short while. Please wait an hour and send this one "
        "again; what you wrote is still here. If someone is in danger, call your local "
        "emergency number."
    ]
    assert page.one("textarea", name="reason").text() == "KEPT-REASON"
    assert Report.objects.count() == REPORT_LIMITS_PER_PERSON[0].count


def test_new_applicant_journey_from_the_emailed_link(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    browser = rosa_back_through_her_link(django_capture_on_commit_callbacks)
    application = Application.objects.get()
    assert (application.status, application.user.membership_status) == (
        ApplicationStatus.DRAFT,
        MembershipStatus.APPLICANT,
    )
    form = parse(browser.get("/apply/").content)
    [email] = form.all("input", name="email")
    assert email.attrs["value"] == "rosa@example.org"
