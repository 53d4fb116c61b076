"""What organizers write to members: e-mail templates with plain placeholders only, and
questions, decisions and report outcomes encrypted at rest."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.enums import ReportOutcome, ReportStatus
from dm3p.core.models import EmailWording
from dm3p.core.placeholders import fill_placeholders
from dm3p.members.enums import ApplicationStatus
from tests.clock import ORDINARY
from tests.emails import emails_to
from tests.factories import make_user
from tests.factories.conversations import make_report
from tests.factories.core import make_email_wording
from tests.factories.members import make_application
from tests.helpers import Capture, signed_in
from tests.html_tree import error_summary, parse

pytestmark = pytest.mark.clock(ORDINARY)

BEFORE = ("members", "0005_message_kept_for_sender_when_blocked")
AFTER = ("members", "0006_encrypt_messages_to_members")


@pytest.mark.django_db
def test_email_template_with_a_format_spec_is_refused_naming_it() -> None:
    organizer = signed_in(make_user(is_organizer=True))
    response = organizer.post(
        "/manage/emails/application_declined/",
        {"subject": "About {site_name!r}", "body": "Hi {name:>50000000}. {message}"},
    )
    assert response.status_code == 200
    assert error_summary(parse(response.content)) == [
        "Subject line: {site_name!r} can't be used here: write placeholders as a plain name "
        "in braces, like {site_name}.",
        "Message: {name:>50000000} can't be used here: write placeholders as a plain name in "
        "braces, like {name}.",
    ]
    assert EmailWording.objects.count() == 0


@pytest.mark.django_db
def test_stored_template_with_a_format_spec_sends_a_small_email(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    make_email_wording(
        key="application_declined",
        subject="News {name!r}",
        body="Hi {name:>50000000}, {name}. {{braces}} {message.__class__} {unknown}",
    )
    user = make_user(name="Rosa", membership_status=MembershipStatus.APPLICANT)
    application = make_application(
        user=user, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
    )
    organizer = signed_in(make_user(is_organizer=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            f"/manage/applications/{application.pk}/", {"decision": "decline", "message": ""}
        )
    assert response["Location"] == "/manage/applications/"
    [email] = emails_to(user)
    assert (email.subject, email.body) == (
        "News {name!r}",
        "Hi {name:>50000000}, Rosa. {braces} {message.__class__} {unknown}",
    )


def test_fill_placeholders_replaces_plain_names_only() -> None:
    assert fill_placeholders("{a}{{a}}{a:>9}{b}{", {"a": 1}) == "1{a}{a:>9}{b}{"


def _raw(table: str, column: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
        [(value,)] = cursor.fetchall()
    return value  # type: ignore[no-any-return]


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_what_organizers_wrote_and_pages_still_show_it() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    OldUser = old_apps.get_model("accounts", "User")  # noqa: N806
    OldApplication = old_apps.get_model("members", "Application")  # noqa: N806
    OldReport = old_apps.get_model("members", "Report")  # noqa: N806
    declined = OldUser.objects.create(email="rosa@example.org", membership_status="declined")
    asked = OldUser.objects.create(email="ines@example.org", membership_status="applicant")
    reporter = OldUser.objects.create(email="ana@example.org", membership_status="member")
    OldApplication.objects.create(
        user=declined, status="declined", decision_message="DECISION-ABOUT-HEALTH"
    )
    OldApplication.objects.create(
        user=asked, status="more_info", info_request="QUESTION-ABOUT-HEALTH"
    )
    OldReport.objects.create(
        reporter=reporter,
        reason="Rude.",
        status=ReportStatus.CLOSED,
        outcome=ReportOutcome.WARNING,
        outcome_message="OUTCOME-ABOUT-HEALTH",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    with connection.cursor() as cursor:
        cursor.execute("SELECT decision_message, info_request FROM members_application ORDER BY id")
        raw_applications = cursor.fetchall()
    assert raw_applications[0][1] is None
    assert raw_applications[1][0] is None
    assert "DECISION-ABOUT-HEALTH" not in raw_applications[0][0]
    assert "QUESTION-ABOUT-HEALTH" not in raw_applications[1][1]
    raw_outcome = _raw("members_report", "outcome_message")
    assert raw_outcome is not None
    assert "OUTCOME-ABOUT-HEALTH" not in raw_outcome

    status = signed_in_as("rosa@example.org").get("/apply/status/")
    assert status.status_code == 200
    assert parse(status.content).one("blockquote").text() == "DECISION-ABOUT-HEALTH"
    form = signed_in_as("ines@example.org").get("/apply/")
    assert form.status_code == 200
    assert "QUESTION-ABOUT-HEALTH" in parse(form.content).one("div", role="status").text()
    data = signed_in_as("ana@example.org").get("/profile/data.json")
    assert data.status_code == 200
    [made] = data.json()["Reports you made"]
    assert made["message_from_organizers"] == "OUTCOME-ABOUT-HEALTH"


def signed_in_as(email: str) -> Client:
    return signed_in(User.objects.get(email=email))


@pytest.mark.django_db
def test_new_decisions_and_outcomes_are_stored_encrypted(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    user = make_user(name="Rosa", membership_status=MembershipStatus.APPLICANT)
    application = make_application(
        user=user, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
    )
    organizer = signed_in(make_user(is_organizer=True))
    organizer.post(
        f"/manage/applications/{application.pk}/",
        {"decision": "more_info", "message": "Which CONDITION-WORD?"},
    )
    raw_question = _raw("members_application", "info_request")
    assert raw_question is not None
    assert "CONDITION-WORD" not in raw_question
    application.refresh_from_db()
    assert application.info_request == "Which CONDITION-WORD?"
    report = make_report(reporter=make_user(), reason="Rude.")
    organizer.post(
        f"/manage/reports/{report.pk}/",
        {"action": "close", "outcome": "warning", "message": "OUTCOME-WORD"},
    )
    raw_outcome = _raw("members_report", "outcome_message")
    assert raw_outcome is not None
    assert "OUTCOME-WORD" not in raw_outcome
