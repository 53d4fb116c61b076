import pytest
from django.test import Client

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.enums import TermKind
from dm3p.members.models import Term
from tests.factories import TEST_PASSWORD, make_user
from tests.factories.members import make_term
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import page_shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Client:
    return signed_in(make_user(is_admin=True, email="boss@example.org"))


def roles(status: str = "member", **flags: str) -> dict[str, str]:
    return {"membership_status": status, **flags}


def test_admin_suspends_and_their_sessions_end_at_once(admin: Client) -> None:
    person = make_user(email="mei@example.org")
    browser = Client()
    browser.post("/accounts/login/", {"login": "mei@example.org", "password": TEST_PASSWORD})
    assert browser.get("/account/").status_code == 200
    response = admin.post(f"/manage/people/{person.pk}/", roles("suspended"))
    assert response["Location"] == "/manage/people/"
    assert browser.get("/account/")["Location"].startswith("/accounts/login/")
    person.refresh_from_db()
    assert person.membership_status == MembershipStatus.SUSPENDED
    entry = AuditEntry.objects.get(action="person.roles")
    assert (entry.subject_user_id, entry.fields) == (person.pk, ["membership_status"])


def test_admin_reinstates_and_gives_a_staff_role(admin: Client) -> None:
    person = make_user(membership_status=MembershipStatus.SUSPENDED)
    admin.post(f"/manage/people/{person.pk}/", roles("ally", is_organizer="on"))
    person.refresh_from_db()
    assert (person.membership_status, person.is_organizer, person.is_admin) == ("ally", True, False)


def test_admin_cannot_remove_their_own_admin_role(admin: Client) -> None:
    me = User.objects.get(email="boss@example.org")
    response = admin.post(f"/manage/people/{me.pk}/", roles("member"))
    assert "You can&#x27;t remove your own admin role" in response.content.decode()
    me.refresh_from_db()
    assert me.is_admin


def test_people_search_finds_by_name_or_address(admin: Client) -> None:
    make_user(name="Noor Rahman", email="noor@example.org")
    make_user(name="Ben Eze", email="ben@example.org")
    html = admin.get("/manage/people/?q=rahman").content.decode()
    assert "noor@example.org" in html
    assert "ben@example.org" not in html


def test_people_list_query_count_is_fixed(admin: Client) -> None:
    with_one = queries_for_page(admin, "/manage/people/")
    for number in range(60):
        make_user(email=f"p{number}@example.org")
    assert queries_for_page(admin, "/manage/people/") == with_one


def test_lists_page_query_count_is_fixed() -> None:
    client = signed_in(make_user(is_organizer=True))
    make_term(kind=TermKind.STAGE, label="Fellow")
    with_one = queries_for_page(client, "/manage/lists/")
    for kind in TermKind:
        for number in range(10):
            make_term(kind=kind, label=f"{kind.label} {number}")
    assert queries_for_page(client, "/manage/lists/") == with_one
    assert f"{TermKind.STAGE.label} 9" in client.get("/manage/lists/").content.decode()


def test_organizer_adds_a_term_offered_in_the_application() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/lists/new/",
        {"kind": "profession", "label": "Art therapist", "order": "5", "is_active": "on"},
    )
    assert response["Location"] == "/manage/lists/"
    assert "Art therapist" in Client().get("/apply/").content.decode()


def test_duplicate_term_is_refused() -> None:
    make_term(kind=TermKind.STAGE, label="Fellow")
    client = signed_in(make_user(is_organizer=True))
    response = client.post("/manage/lists/new/", {"kind": "stage", "label": "Fellow", "order": "5"})
    assert "That list already has this wording." in response.content.decode()
    assert Term.objects.count() == 1


def test_inactive_term_is_no_longer_offered() -> None:
    term = make_term(kind=TermKind.PROFESSION, label="Chaplain")
    client = signed_in(make_user(is_organizer=True))
    client.post(
        f"/manage/lists/{term.pk}/", {"kind": "profession", "label": "Chaplain", "order": "100"}
    )
    assert "Chaplain" not in page_shown(Client().get("/apply/"), "Apply to join")


def test_membership_settings_saved_and_audited() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post(
        "/manage/membership/",
        {
            "discord_invite_url": "https://discord.example/x",
            "linkedin_group_url": "",
            "retention_days": "90",
        },
    )
    assert response["Location"] == "/manage/membership/"
    assert AuditEntry.objects.get(action="community_settings.update").fields == [
        "discord_invite_url",
        "retention_days",
    ]


def test_membership_retention_under_a_week_is_refused() -> None:
    client = signed_in(make_user(is_organizer=True))
    response = client.post("/manage/membership/", {"retention_days": "1"})
    assert "Choose at least 7 days." in response.content.decode()
