"""Nobody can lock the site out of its last admin, and reports can't be turned against staff."""

import pytest
from django.test import Client

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.services import (
    LastActiveAdmin,
    membership_suspend,
    person_roles_set,
)
from dm3p.conversations.enums import ReportStatus
from dm3p.conversations.models import Report
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.helpers import signed_in
from tests.html_tree import error_summary, parse

pytestmark = pytest.mark.django_db

ONLY_ADMIN = (
    "Ada is the only active admin, so they can't be suspended, removed or lose the admin "
    "role. Make someone else an admin first."
)


def reported_by_organizer(about: User) -> tuple[Report, Client]:
    """``about`` reported by an organizer who is also a member (reports come from members)."""
    organizer = make_user(name="Olu", email="olu@example.org", is_organizer=True)
    profile_ensure(user=about)
    client = signed_in(organizer)
    response = client.post(f"/members/{about.pk}/report/", {"reason": "Made up."})
    assert response.status_code == 302
    return Report.objects.get(), client


def test_organizer_cannot_suspend_the_only_admin_by_reporting_them() -> None:
    admin = make_user(name="Ada", email="ada@example.org", is_admin=True)
    report, organizer = reported_by_organizer(admin)
    response = organizer.post(
        f"/manage/reports/{report.pk}/", {"action": "close", "outcome": "suspension"}
    )
    assert response.status_code == 200
    assert error_summary(parse(response.content)) == [
        "You made this report, or it is about you, so another organizer must decide it."
    ]
    admin.refresh_from_db()
    report.refresh_from_db()
    assert (admin.membership_status, report.status) == (
        MembershipStatus.MEMBER,
        ReportStatus.RECEIVED,
    )


def test_report_detail_tells_the_reporter_another_organizer_decides() -> None:
    report, organizer = reported_by_organizer(make_user(name="Ben"))
    response = organizer.get(f"/manage/reports/{report.pk}/")
    assert response.status_code == 200
    page = parse(response.content)
    assert page.one("h1").text() == f"Report {report.pk}"
    assert "You made this report, so another organizer decides it." in page.text()
    assert page.all("input", name="action", value="close") == []


def test_staff_are_not_suspended_from_a_report() -> None:
    coordinator = make_user(name="Cora", email="cora@example.org", is_coordinator=True)
    report, _ = reported_by_organizer(coordinator)
    other_organizer = signed_in(make_user(email="other@example.org", is_organizer=True))
    response = other_organizer.post(
        f"/manage/reports/{report.pk}/", {"action": "close", "outcome": "suspension"}
    )
    assert response.status_code == 200
    assert error_summary(parse(response.content)) == [
        "Cora has a staff role, so only an admin can suspend them, on People and roles. "
        "Choose another outcome, or ask an admin."
    ]
    coordinator.refresh_from_db()
    assert coordinator.membership_status == MembershipStatus.MEMBER
    assert Report.objects.get().status == ReportStatus.RECEIVED


def test_report_about_an_organizer_is_hidden_from_them() -> None:
    subject = make_user(name="Sam", email="sam@example.org", is_organizer=True)
    report, _ = reported_by_organizer(subject)
    client = signed_in(subject)
    assert client.get(f"/manage/reports/{report.pk}/").status_code == 404
    queue = client.get("/manage/reports/")
    assert queue.status_code == 200
    assert f"/manage/reports/{report.pk}/" not in queue.content.decode()


def test_only_active_admin_cannot_be_suspended_or_demoted_on_the_roles_page() -> None:
    ada = make_user(name="Ada", email="ada@example.org", is_admin=True)
    # A second admin who is suspended does not count (here they act, through the services).
    actor = make_user(email="gone@example.org", is_admin=True, membership_status="suspended")
    with pytest.raises(LastActiveAdmin, match=ONLY_ADMIN):
        person_roles_set(
            actor=actor,
            person=ada,
            membership_status=MembershipStatus.SUSPENDED,
            is_coordinator=False,
            is_organizer=False,
            is_admin=True,
        )
    with pytest.raises(LastActiveAdmin, match=ONLY_ADMIN):
        person_roles_set(
            actor=actor,
            person=ada,
            membership_status=MembershipStatus.MEMBER,
            is_coordinator=False,
            is_organizer=False,
            is_admin=False,
        )
    with pytest.raises(LastActiveAdmin, match=ONLY_ADMIN):
        membership_suspend(actor=actor, person=ada)
    ada.refresh_from_db()
    assert (ada.membership_status, ada.is_admin) == (MembershipStatus.MEMBER, True)


def test_one_of_two_admins_can_remove_the_other() -> None:
    ada = make_user(name="Ada", email="ada@example.org", is_admin=True)
    bea = make_user(name="Bea", email="bea@example.org", is_admin=True)
    response = signed_in(bea).post(
        f"/manage/people/{ada.pk}/", {"membership_status": "suspended", "is_admin": "on"}
    )
    assert response["Location"] == "/manage/people/"
    ada.refresh_from_db()
    assert ada.membership_status == MembershipStatus.SUSPENDED
    # Now Bea is the only active admin: Ada can't be used to remove her (Ada is signed out,
    # so this is the service itself).
    with pytest.raises(LastActiveAdmin, match=ONLY_ADMIN.replace("Ada", "Bea")):
        membership_suspend(actor=ada, person=bea)


def test_only_active_admin_cannot_delete_their_account() -> None:
    ada = make_user(name="Ada", email="ada@example.org", is_admin=True)
    response = signed_in(ada).post("/profile/delete/", {"confirm_email": "ada@example.org"})
    assert response.status_code == 200
    assert error_summary(parse(response.content)) == [ONLY_ADMIN]
    assert User.objects.filter(pk=ada.pk).exists()
