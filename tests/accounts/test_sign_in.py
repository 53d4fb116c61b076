import time
from typing import cast

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from tests.clock import ORDINARY
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_user
from tests.helpers import Capture, run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()  # rate-limit counters live in the cache


def current_totp_code() -> str:
    return str(format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30)))


def test_sign_in_with_email_and_password(client: Client) -> None:
    user = make_user(email="mei@example.org")
    response = client.post(
        "/accounts/login/", {"login": "MEI@example.org", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/home/"
    assert client.get("/account/").context["user"] == user


def test_sign_in_wrong_password_says_so_and_keeps_the_address(client: Client) -> None:
    make_user(email="mei@example.org")
    response = client.post("/accounts/login/", {"login": "mei@example.org", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The email address and/or password you specified are not correct." in html
    assert 'value="mei@example.org"' in html


def test_staff_sign_in_asks_for_the_authenticator_code(client: Client) -> None:
    make_user(email="olu@example.org", is_organizer=True)
    response = client.post(
        "/accounts/login/", {"login": "olu@example.org", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/account/")["Location"].startswith("/accounts/login/")
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response["Location"] == "/manage/"
    assert client.get("/account/").status_code == 200


def test_staff_sign_in_wrong_code_is_refused(client: Client) -> None:
    make_user(email="olu@example.org", is_organizer=True)
    client.post("/accounts/login/", {"login": "olu@example.org", "password": TEST_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert client.get("/account/")["Location"].startswith("/accounts/login/")


def test_suspending_ends_open_sessions_at_once(client: Client) -> None:
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert client.get("/account/").status_code == 200
    User.objects.filter(pk=user.pk).update(membership_status=MembershipStatus.SUSPENDED)
    assert client.get("/account/")["Location"].startswith("/accounts/login/")


def test_suspended_person_cannot_sign_in(client: Client) -> None:
    user = make_user(membership_status=MembershipStatus.SUSPENDED)
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == "/accounts/inactive/"


def test_failed_sign_ins_are_rate_limited(client: Client) -> None:
    make_user(email="mei@example.org")
    for attempt in range(5):
        client.post("/accounts/login/", {"login": "mei@example.org", "password": f"wrong{attempt}"})
    # Even the right password is refused until the limit has passed.
    response = client.post(
        "/accounts/login/", {"login": "mei@example.org", "password": TEST_PASSWORD}
    )
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert client.get("/account/")["Location"].startswith("/accounts/login/")


def test_password_reset_answers_the_same_for_unknown_addresses(client: Client) -> None:
    make_user(email="mei@example.org")
    known = client.post("/accounts/password/reset/", {"email": "mei@example.org"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_password_reset_email_goes_through_the_outbox(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(email="mei@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "mei@example.org"})
    assert mail.outbox == []
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["mei@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_sign_up_is_closed_in_favour_of_applying(client: Client) -> None:
    response = client.get("/accounts/signup/")
    assert "Joining happens by application" in response.content.decode()
    client.post(
        "/accounts/signup/",
        {"email": "x@example.org", "password1": "a-Long-pass-123", "password2": "a-Long-pass-123"},
    )
    assert not User.objects.filter(email="x@example.org").exists()


def test_totp_secret_is_encrypted_at_rest() -> None:
    user = make_user(is_admin=True)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert TEST_TOTP_SECRET not in stored
    assert stored.startswith("fernet:")


def test_account_emails_have_an_html_part_with_a_heading(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    make_user(email="mei@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "mei@example.org"})
    run_queued_tasks()
    message = mail.outbox[0]
    assert message.body.startswith("Hello from DM3P.")
    html = str(cast(EmailMultiAlternatives, message).alternatives[0][0])
    assert '<html lang="en">' in html
    assert f'<h1 style="font-size:24px;margin:0 0 16px;">{message.subject}</h1>' in html
    assert '<a href="http://testserver/accounts/password/reset/key/' in html
