from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.hooks import membership_status_changed
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry, EmailWording
from dm3p.core.periodic import periodic_queue_missing
from dm3p.members.enums import ApplicationStatus, Decision, JoinsAs
from dm3p.members.models import Application
from dm3p.members.services import applications_decide_bulk, applications_purge
from tests.clock import ORDINARY
from tests.emails import bodies_to, link_in
from tests.factories import make_user
from tests.factories.members import make_application, make_community_settings
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import flashes, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def submitted_application(
    status: str = ApplicationStatus.SUBMITTED, joins_as: str = JoinsAs.DISABLED, **fields: object
) -> Application:
    user = make_user(membership_status=MembershipStatus.APPLICANT, name=fields.pop("name", "Rosa"))
    return make_application(
        user=user, status=status, joins_as=joins_as, submitted_at=timezone.now(), **fields
    )


@pytest.fixture
def organizer() -> Client:
    return signed_in(make_user(is_organizer=True))


def decide(organizer: Client, application: Application, decision: str, message: str = "") -> None:
    response = organizer.post(
        f"/manage/applications/{application.pk}/", {"decision": decision, "message": message}
    )
    assert response["Location"] == "/manage/applications/", response.content.decode()[:3000]


def test_approve_makes_a_member_and_sends_a_welcome_with_private_links(
    organizer: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    make_community_settings(pk=1, discord_invite_url="https://discord.example/inv")
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer, application, "approve", "Glad to have you.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.user.membership_status == MembershipStatus.MEMBER
    [welcome] = bodies_to(application.user.email)
    assert "Discord: https://discord.example/inv" in welcome
    assert "Glad to have you." in welcome
    assert "your profile and who sees what" in welcome
    assert "/account/welcome/start/" in welcome


def test_approved_applicant_sets_a_password_from_the_welcome_and_signs_in(
    organizer: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    application = submitted_application()
    application.user.set_unusable_password()
    application.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer, application, "approve")
    [welcome] = bodies_to(application.user.email)
    newcomer = Client()
    link = link_in(welcome, "/account/welcome/start/")
    new_password = "a-brand-new-password-42"
    response = newcomer.post(link, {"password1": new_password, "password2": new_password})
    assert response["Location"] == "/account/welcome/"
    signed_in = Client().post(
        "/accounts/login/", {"login": application.user.email, "password": new_password}
    )
    assert signed_in["Location"] == "/home/"


def test_approving_an_ally_makes_an_ally_member(organizer: Client) -> None:
    application = submitted_application(joins_as=JoinsAs.ALLY)
    decide(organizer, application, "approve")
    assert User.objects.get(pk=application.user_id).membership_status == MembershipStatus.ALLY


def test_decline_tells_the_applicant_with_the_message(
    organizer: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer, application, "decline", "The program is for healthcare workers.")
    assert User.objects.get(pk=application.user_id).membership_status == MembershipStatus.DECLINED
    [email] = bodies_to(application.user.email)
    assert "The program is for healthcare workers." in email
    assert "deleted after 180 days" in email


def test_asking_for_more_information_needs_a_question(organizer: Client) -> None:
    application = submitted_application()
    response = organizer.post(
        f"/manage/applications/{application.pk}/", {"decision": "more_info", "message": " "}
    )
    assert "Write what you would like the applicant to tell you." in response.content.decode()


def test_more_information_round_trip(
    organizer: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    application = submitted_application(hopes_to_get="Peers.")
    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer, application, "more_info", "Which profession do you train in?")
    [email] = bodies_to(application.user.email)
    assert "Which profession do you train in?" in email
    applicant = Client()
    applicant.get(link_in(email, "/apply/resume/"))
    form = applicant.get("/apply/").content.decode()
    assert "Which profession do you train in?" in form
    applicant.post(
        "/apply/",
        {
            "name": "Rosa",
            "profession_other": "Occupational therapy",
            "stage": "",
            "joins_as": "disabled",
            "hopes_to_get": "Peers.",
            "code_of_conduct": "on",
            "save": "1",
        },
    )
    application.refresh_from_db()
    assert (application.status, application.profession_other) == (
        ApplicationStatus.MORE_INFO,
        "Occupational therapy",
    )


def test_bulk_approve(organizer: Client) -> None:
    first, second, untouched = (
        submitted_application(),
        submitted_application(),
        submitted_application(),
    )
    response = organizer.post(
        "/manage/applications/?status=submitted",
        {"applications": [first.pk, second.pk], "decision": "approve"},
    )
    assert response.status_code == 302
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "approved", untouched.pk: "submitted"}
    assert AuditEntry.objects.filter(action="application.approve").count() == 2
    assert flashes(organizer.get(response["Location"])) == ["Decision recorded for 2 applications."]


def test_bulk_decision_for_one_application_says_so_in_words(organizer: Client) -> None:
    application = submitted_application()
    response = organizer.post(
        "/manage/applications/?status=submitted",
        {"applications": [application.pk], "decision": "decline"},
        follow=True,
    )
    assert flashes(response) == ["Decision recorded for one application."]


def test_bulk_without_choice_explains(organizer: Client) -> None:
    submitted_application()
    response = organizer.post("/manage/applications/", {"decision": "approve"})
    assert "Choose at least one application." in response.content.decode()


def test_drafts_are_not_in_the_review_queue(organizer: Client) -> None:
    submitted_application(status=ApplicationStatus.DRAFT, name="Draft Person")
    submitted_application(name="Sent Person")
    html = organizer.get("/manage/applications/").content.decode()
    assert "Sent Person" in html
    assert "Draft Person" not in html
    draft = Application.objects.get(status=ApplicationStatus.DRAFT)
    assert organizer.get(f"/manage/applications/{draft.pk}/").status_code == 404


def test_health_details_stay_folded_until_asked_for_and_reading_them_is_audited(
    organizer: Client,
) -> None:
    application = submitted_application(
        health_details="Long COVID since 2021.", health_consent_at=timezone.now()
    )
    url = f"/manage/applications/{application.pk}/"
    folded = organizer.get(url).content.decode()
    assert "Long COVID since 2021." not in folded
    assert "Show health details" in folded
    assert not AuditEntry.objects.filter(action="application.view_sensitive").exists()

    response = organizer.get(f"{url}?show=health")
    assert "Long COVID since 2021." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="application.view_sensitive")
    assert (entry.subject_user_id, entry.fields) == (application.user_id, ["health_details"])
    assert "COVID" not in str(AuditEntry.objects.values().get(pk=entry.pk))


def test_the_audit_log_says_in_plain_words_that_health_details_were_read(
    organizer: Client,
) -> None:
    application = submitted_application(
        health_details="Long COVID since 2021.", health_consent_at=timezone.now()
    )
    organizer.get(f"/manage/applications/{application.pk}/?show=health")
    admin = signed_in(make_user(is_admin=True))
    row = next(
        [cell.text() for cell in row.all("td")]
        for row in parse(admin.get("/manage/audit/")).all("tr")
        if "Application: read health details" in row.text()
    )
    assert row[-1] == "health details"
    assert "health_details" not in admin.get("/manage/audit/").content.decode()


def test_an_application_without_health_details_offers_nothing_to_show(organizer: Client) -> None:
    application = submitted_application()
    html = organizer.get(f"/manage/applications/{application.pk}/?show=health").content.decode()
    assert "Nothing shared" in html
    assert "Show health details" not in html
    assert not AuditEntry.objects.filter(action="application.view_sensitive").exists()


def test_status_tabs_say_how_many_applications_each_holds(organizer: Client) -> None:
    for _ in range(3):
        submitted_application()
    submitted_application(status=ApplicationStatus.DECLINED)
    submitted_application(status=ApplicationStatus.DRAFT)
    page = parse(organizer.get("/manage/applications/"))
    tabs = page.one("nav", **{"aria-label": "Applications by status"})
    assert [link.text() for link in tabs.all("a")] == [
        "Waiting for review (3)",
        "More information requested (0)",
        "Approved (0)",
        "Declined (1)",
    ]


def test_review_queue_query_count_is_fixed(organizer: Client) -> None:
    submitted_application()
    with_one = queries_for_page(organizer, "/manage/applications/")
    for _ in range(30):
        submitted_application()
    # session, user, MFA check, count, page, professions, counts by status, site settings,
    # menu pages, circle notices, new messages
    assert queries_for_page(organizer, "/manage/applications/") == with_one == 11


def test_edited_email_template_is_used(
    organizer: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    response = organizer.post(
        "/manage/emails/application_declined/",
        {"subject": "About {site_name}", "body": "Hello {name}. {message}"},
    )
    assert response["Location"] == "/manage/emails/"
    application = submitted_application(name="Rosa")
    with django_capture_on_commit_callbacks(execute=True):
        decide(organizer, application, "decline", "Sorry.")
    run_queued_tasks()
    assert [(m.subject, m.body) for m in mail.outbox] == [("About DM3P", "Hello Rosa. Sorry.")]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Hi {nmae}", "{nmae} can&#x27;t be used here."),
        ("Hi {name", "A brace is not closed."),
        ("Hi {name.__class__}", "{name.__class__} can&#x27;t be used here."),
    ],
)
def test_email_template_with_bad_placeholder_is_refused(
    organizer: Client, body: str, problem: str
) -> None:
    response = organizer.post(
        "/manage/emails/application_declined/", {"subject": "S", "body": body}
    )
    assert problem in response.content.decode()
    assert EmailWording.objects.count() == 0


def test_purge_deletes_old_declined_and_abandoned_applications() -> None:
    old = timezone.now() - timedelta(days=181)
    declined = submitted_application(status=ApplicationStatus.DECLINED, decided_at=old)
    abandoned = submitted_application(status=ApplicationStatus.DRAFT)
    recent = submitted_application(status=ApplicationStatus.DECLINED, decided_at=timezone.now())
    waiting = submitted_application(status=ApplicationStatus.SUBMITTED)
    Application.objects.filter(pk__in=[abandoned.pk, waiting.pk]).update(updated_at=old)
    User.objects.filter(pk=declined.user_id).update(membership_status=MembershipStatus.DECLINED)
    assert applications_purge() == 2
    assert set(Application.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not User.objects.filter(pk__in=[declined.user_id, abandoned.user_id]).exists()


def test_purge_follows_the_organizers_retention_period() -> None:
    make_community_settings(pk=1, retention_days=30)
    submitted_application(
        status=ApplicationStatus.DECLINED, decided_at=timezone.now() - timedelta(days=31)
    )
    assert applications_purge() == 1


def test_purge_runs_daily_from_the_task_queue() -> None:
    assert "dm3p.members.tasks.applications_purge_daily" in periodic_queue_missing()
    assert periodic_queue_missing() == []
    submitted_application(
        status=ApplicationStatus.DECLINED, decided_at=timezone.now() - timedelta(days=200)
    )
    run_queued_tasks()
    assert Application.objects.count() == 0
    [next_run] = DBTaskResult.objects.filter(
        status="READY", task_path="dm3p.members.tasks.applications_purge_daily"
    )
    assert next_run.run_after > timezone.now() + timedelta(hours=23)


@pytest.fixture
def status_changes() -> Iterator[list[tuple[int, str, str]]]:
    """Every membership_status_changed sent while the test runs: (person, before, after)."""
    seen: list[tuple[int, str, str]] = []

    def listen(sender: object, person: User, before: str, after: str, **kwargs: object) -> None:
        seen.append((person.pk, str(before), str(after)))

    membership_status_changed.connect(listen, weak=False)
    yield seen
    membership_status_changed.disconnect(listen)


@pytest.mark.parametrize(
    ("decision", "joins_as", "after"),
    [
        ("approve", JoinsAs.DISABLED, "member"),
        ("approve", JoinsAs.ALLY, "ally"),
        ("decline", JoinsAs.DISABLED, "declined"),
    ],
)
def test_deciding_an_application_announces_the_membership_change(
    organizer: Client,
    status_changes: list[tuple[int, str, str]],
    decision: str,
    joins_as: str,
    after: str,
) -> None:
    application = submitted_application(joins_as=joins_as)
    decide(organizer, application, decision)
    assert status_changes == [(application.user_id, "applicant", after)]


def test_asking_for_more_information_announces_no_membership_change(
    organizer: Client, status_changes: list[tuple[int, str, str]]
) -> None:
    decide(organizer, submitted_application(), "more_info", "Which profession?")
    assert status_changes == []


@pytest.mark.parametrize(("decision", "after"), [("approve", "member"), ("decline", "declined")])
def test_bulk_decisions_announce_each_membership_change(
    organizer: Client, status_changes: list[tuple[int, str, str]], decision: str, after: str
) -> None:
    first, second, untouched = (
        submitted_application(),
        submitted_application(),
        submitted_application(),
    )
    response = organizer.post(
        "/manage/applications/?status=submitted",
        {"applications": [first.pk, second.pk], "decision": decision},
    )
    assert response.status_code == 302
    assert sorted(status_changes) == sorted(
        [(first.user_id, "applicant", after), (second.user_id, "applicant", after)]
    )
    assert untouched.user_id not in {person for person, _, _ in status_changes}


def test_bulk_review_counts_only_recorded_decisions_and_names_each_skipped_one() -> None:
    actor = make_user(is_organizer=True)
    waiting, decided = submitted_application(name="Rosa"), submitted_application(name="Sam")
    applications_decide_bulk(
        applications=[decided], decision=Decision.DECLINE, message="", actor=actor
    )
    outcome = applications_decide_bulk(
        applications=[waiting, decided], decision=Decision.APPROVE, message="", actor=actor
    )
    assert (outcome.done, outcome.refused) == (1, [("Sam", "It was decided already: declined.")])
    assert Application.objects.get(pk=decided.pk).status == ApplicationStatus.DECLINED


def test_deciding_an_application_decided_meanwhile_says_so(organizer: Client) -> None:
    application = submitted_application(status=ApplicationStatus.APPROVED)
    response = organizer.post(
        f"/manage/applications/{application.pk}/", {"decision": "decline"}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["It was decided already: approved."]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
