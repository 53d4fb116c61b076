"""No framework wording reaches a person: allauth's pages and e-mails speak in the site's
plain, sentence-case voice (dm3p/accounts/locale, templates and emails.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dm3p.accounts.emails import ALLAUTH_EMAILS
from tests.clock import ORDINARY
from tests.emails import emails_to, subjects_to
from tests.factories import make_user
from tests.helpers import Capture, signed_in
from tests.html_tree import parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

FRAMEWORK_PHRASES = [
    "Sign In",
    "Sign Out",
    "Sign Up",
    "Change Password",
    "Set Password",
    "Password Reset",
    "Forgot Password?",
    "Verify Your Email Address",
    "Confirm Email Address",
    "Two-Factor Authentication",
    "Email Address",
    "Remember Me",
    "Bad Token",
    "Your password is now changed.",
    "- Select an option -",
    "---------",
    "register an account on",
    "1 people",
]

ANYONE_PAGES = [
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_signup",
    "account_inactive",
]
MEMBER_PAGES = [
    "account_change_password",
    "account_email",
    "account_reauthenticate",
    "account_logout",
    "mfa_index",
    "mfa_list_webauthn",
    "accounts:overview",
    "accounts:welcome",
]


def framework_phrases_in(text: str) -> list[str]:
    return [phrase for phrase in FRAMEWORK_PHRASES if phrase in text]


def test_sign_in_and_account_pages_have_no_framework_wording() -> None:
    visitor, member = Client(), signed_in(make_user())
    found = {}
    for client, names in [(visitor, ANYONE_PAGES), (member, MEMBER_PAGES)]:
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, name
            found[name] = framework_phrases_in(parse(response).text())
    bad_key = visitor.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "0", "key": "x-y"})
    )
    found["bad reset key"] = framework_phrases_in(parse(bad_key).text())
    assert {name: phrases for name, phrases in found.items() if phrases} == {}


def test_sign_in_page_titles_are_sentence_case() -> None:
    page = parse(Client().get(reverse("account_login")))
    assert page.one("h1").text() == "Sign in"
    assert page.one("title").text().startswith("Sign in")


def subject_is_sentence_case(subject: str) -> bool:
    words = re.sub(r"\{[a-z_]+\}", "", subject).split()[1:]
    return not [word for word in words if word[:1].isupper()]


def test_every_allauth_email_subject_is_sentence_case_and_plain() -> None:
    for declared in {declared.key: declared for declared in ALLAUTH_EMAILS.values()}.values():
        assert subject_is_sentence_case(declared.subject), declared.subject
        assert not framework_phrases_in(declared.body), declared.key
        assert "You're receiving this" not in declared.body
        assert "You are receiving this" not in declared.body


def test_password_reset_email_reads_plainly(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    member = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_reset_password"), {"email": member.email})
    assert subjects_to(member) == ["Choose a new password for DM3P"]
    [email] = emails_to(member)
    assert "/accounts/password/reset/key/" in email.body
    assert framework_phrases_in(str(email.body)) == []


def test_confirming_an_address_names_the_site(django_capture_on_commit_callbacks: Capture) -> None:
    member = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(member).post(
            reverse("account_email"), {"action_add": "", "email": "second@example.org"}
        )
    [email] = emails_to("second@example.org")
    assert email.subject == "Please confirm your e-mail address for DM3P"
    assert "for an account at DM3P" in email.body
    assert " on ." not in email.body
