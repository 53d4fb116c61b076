import pytest

from tests.factories import make_user
from tests.helpers import signed_in
from tests.html_tree import page_shown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("roles", "path"),
    [
        ({"is_admin": True}, "/manage/site/"),
        ({"is_admin": True}, "/manage/audit/"),
        ({"is_admin": True}, "/admin/"),
        ({"is_admin": True}, "/admin/accounts/user/"),
        ({"is_organizer": True}, "/manage/pages/"),
        ({"is_organizer": True}, "/manage/pages/new/"),
    ],
)
def test_staff_without_mfa_are_sent_to_set_it_up(roles: dict[str, bool], path: str) -> None:
    client = signed_in(make_user(mfa=False, **roles))
    response = client.get(path)
    assert response["Location"] == "/accounts/2fa/"
    page = client.get(response["Location"]).content.decode()
    assert "Staff pages hold other people&#x27;s private information" in page


def test_staff_with_mfa_reach_their_pages() -> None:
    client = signed_in(make_user(is_admin=True, is_organizer=True))
    assert [
        client.get(path).status_code for path in ["/manage/site/", "/manage/pages/", "/admin/"]
    ] == [200, 200, 200]


def test_account_overview_tells_staff_without_mfa_what_to_do() -> None:
    client = signed_in(make_user(is_coordinator=True, mfa=False))
    html = client.get("/account/").content.decode()
    assert "you need it to use staff pages." in html


def test_staff_links_shown_only_to_staff() -> None:
    organizer, member = signed_in(make_user(is_organizer=True)), signed_in(make_user())
    assert "Organizer tools" in organizer.get("/").content.decode()
    assert "Organizer tools" not in page_shown(
        member.get("/"), "Disability in Medicine Mutual Mentorship Program"
    )


def test_django_admin_cannot_change_roles_behind_the_audit() -> None:
    admin_user = make_user(is_admin=True)
    person = make_user(email="mei@example.org")
    client = signed_in(admin_user)
    client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "email": "mei@example.org",
            "name": "Mei",
            "membership_status": "suspended",
            "is_admin": "on",
        },
    )
    person.refresh_from_db()
    assert (person.membership_status, person.is_admin, person.name) == ("member", False, "Mei")
