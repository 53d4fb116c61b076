import re
import time
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.test import Client

from dm3p.accommodations.defaults import STARTING_TYPES
from dm3p.accommodations.models import AccommodationType
from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.members.defaults import STARTING_TERMS
from dm3p.members.models import Term
from dm3p.pages.defaults import STARTING_PAGES
from dm3p.pages.models import Page
from tests.clock import ORDINARY

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

DEMO_EMAILS = [
    "admin@example.org",
    "organizer@example.org",
    "coordinator@example.org",
    "member@example.org",
    "ally@example.org",
    "applicant@example.org",
]


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_creates_one_account_per_role_with_the_given_password() -> None:
    output = run_demo("--password", "demo-pass-123")
    assert "Demo accounts (password: demo-pass-123):" in output
    accounts = dict(User.objects.values_list("email", "membership_status"))
    assert set(DEMO_EMAILS) <= set(accounts)
    assert {status for email, status in accounts.items() if email not in DEMO_EMAILS} == {
        MembershipStatus.APPLICANT
    }
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "member@example.org", "password": "demo-pass-123"}
    )
    assert response["Location"] == "/home/"


def test_demo_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "from-the-environment")
    assert "(password: from-the-environment)" in run_demo()


def test_demo_random_password_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    match = re.search(r"\(password: (\S+)\)", run_demo())
    assert match is not None
    assert len(match.group(1)) >= 12


def test_demo_staff_sign_in_with_the_printed_totp_secret() -> None:
    output = run_demo("--password", "demo-pass-123")
    secret = re.search(r"organizer@example.org .* TOTP secret (\w+)", output)
    assert secret is not None
    client = Client()
    client.post("/accounts/login/", {"login": "organizer@example.org", "password": "demo-pass-123"})
    code = format_hotp_value(hotp_value(secret.group(1), int(time.time()) // 30))
    assert client.post("/accounts/2fa/authenticate/", {"code": code})["Location"] == "/manage/"
    assert client.get("/manage/pages/").status_code == 200


def test_demo_runs_again_safely_keeping_edits_and_totp() -> None:
    first = run_demo("--password", "one")
    people = User.objects.count()
    Page.objects.filter(slug="join").update(title="Edited by an organizer")
    second = run_demo("--password", "two")
    secret = r"admin@example.org .* TOTP secret (\w+)"
    assert re.search(secret, first).group(1) == re.search(secret, second).group(1)  # type: ignore[union-attr]
    assert User.objects.count() == people
    assert Page.objects.get(slug="join").title == "Edited by an organizer"
    assert sorted(Page.objects.values_list("slug", flat=True)) == [
        "about",
        "accessibility",
        "code-of-conduct",
        "home",
        "join",
        "privacy",
        "what-we-offer",
        "why-we-exist",
    ]


def test_demo_generates_members_without_usable_passwords() -> None:
    run_demo("--password", "x", "--members", "300")
    generated = User.objects.filter(email__startswith="demo-member-")
    assert generated.count() == 300
    assert not any(user.has_usable_password() for user in generated[:20])
    assert set(generated.values_list("membership_status", flat=True)) == {
        MembershipStatus.MEMBER,
        MembershipStatus.ALLY,
    }
    run_demo("--password", "x", "--members", "300")
    assert generated.count() == 300


def test_demo_builds_on_the_defaults_of_a_new_site() -> None:
    output = run_demo("--password", "x")
    assert output.splitlines()[0] == "  done: starting lists and pages (as manage.py setup)"
    assert sorted(Term.objects.values_list("kind", "label")) == sorted(
        (kind, label) for kind, labels in STARTING_TERMS.items() for label in labels
    )
    assert list(AccommodationType.objects.values_list("label", flat=True)) == [
        kind.label for kind in STARTING_TYPES
    ]
    assert list(Page.objects.order_by("pk").values_list("slug", "title", "body")) == [
        (page.slug, page.title, page.body) for page in STARTING_PAGES
    ]
