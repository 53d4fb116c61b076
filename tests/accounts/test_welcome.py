"""From approval to the welcome checklist in one step: the approval e-mail's link confirms
the address, lets the new member choose a password, signs them in and shows the checklist."""

import datetime as dt
import logging

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone
from time_machine import Traveller

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.hooks import WELCOME_STEPS
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.enums import ApplicationStatus, JoinsAs
from tests.clock import ORDINARY
from tests.emails import bodies_to, link_in
from tests.factories import make_user
from tests.factories.accommodations import make_standing_need
from tests.factories.events import make_event, make_rsvp
from tests.factories.members import make_application
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import error_summary, page_shown, parse, read_page

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

PASSWORD = "a-brand-new-password-42"


def approved_applicant(capture: Capture) -> tuple[User, str]:
    """An applicant (no password, address not yet confirmed) an organizer approves, and the
    link in their welcome e-mail."""
    person = make_user(membership_status=MembershipStatus.APPLICANT, name="Rosa")
    person.set_unusable_password()
    person.save()
    EmailAddress.objects.filter(user=person).update(verified=False)
    application = make_application(
        user=person,
        status=ApplicationStatus.SUBMITTED,
        joins_as=JoinsAs.DISABLED,
        submitted_at=timezone.now(),
    )
    organizer = signed_in(make_user(is_organizer=True))
    with capture(execute=True):
        response = organizer.post(
            f"/manage/applications/{application.pk}/", {"decision": "approve", "message": ""}
        )
    assert response.status_code == 302
    [welcome] = bodies_to(person)
    return person, link_in(welcome, "/account/welcome/start/")


def test_one_link_confirms_sets_a_password_signs_in_and_welcomes(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    person, link = approved_applicant(django_capture_on_commit_callbacks)
    browser = Client()  # any browser: the link needs no session
    form = browser.get(link)
    assert "Welcome, Rosa" in page_shown(form, "Welcome, Rosa")
    # Opening the link changes nothing.
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert not EmailAddress.objects.get(user=person).verified
    response = browser.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/account/welcome/"
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=person).verified
    assert AuditEntry.objects.filter(action="account.welcome", subject_user=person).exists()
    checklist = browser.get("/account/welcome/")
    text = page_shown(checklist, "Welcome, Rosa")
    for title in ["Your profile", "Who sees what", "Your access needs", "The next gathering"]:
        assert title in text
    # The password works for signing in later, and is the only way in now.
    later = Client().post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert later.status_code == 302


def test_the_welcome_link_works_once(django_capture_on_commit_callbacks: Capture) -> None:
    person, link = approved_applicant(django_capture_on_commit_callbacks)
    first = Client().post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert first["Location"] == "/account/welcome/"
    again = Client().get(link)
    assert again.status_code == 410
    assert read_page(again)[0] == "This link has been used"
    assert "Sign in" in read_page(again)[1]
    stolen = Client().post(link, {"password1": "another-password-77", "password2": "x"})
    assert stolen.status_code == 410
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_an_altered_or_expired_welcome_link_says_so(
    django_capture_on_commit_callbacks: Capture, clock: Traveller
) -> None:
    _, link = approved_applicant(django_capture_on_commit_callbacks)
    altered = Client().get(link[:-4] + "abcd/")
    assert altered.status_code == 404
    assert read_page(altered)[0] == "This link doesn't work"
    clock.shift(dt.timedelta(days=15))
    expired = Client().get(link)
    assert expired.status_code == 404
    assert read_page(expired)[0] == "This link doesn't work"
    assert "expired" in read_page(expired)[1]


def test_a_suspended_member_cannot_use_their_welcome_link(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    person, link = approved_applicant(django_capture_on_commit_callbacks)
    User.objects.filter(pk=person.pk).update(membership_status=MembershipStatus.SUSPENDED)
    assert Client().get(link).status_code == 404


def test_password_mistakes_are_named_and_nothing_changes(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    person, link = approved_applicant(django_capture_on_commit_callbacks)
    response = Client().post(link, {"password1": PASSWORD, "password2": "something else"})
    assert response.status_code == 200
    assert error_summary(parse(response)) == [
        "Type the same password again: The two passwords are different: type them again."
    ]
    short = Client().post(link, {"password1": "short", "password2": "short"})
    [problem] = error_summary(parse(short))
    assert problem.startswith("Choose a password: This password is too short.")
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_the_welcome_link_never_skips_two_factor_authentication(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    person, link = approved_applicant(django_capture_on_commit_callbacks)
    User.objects.filter(pk=person.pk).update(is_organizer=True)
    staff = make_user(is_organizer=True)  # the factory gives staff an authenticator app
    Authenticator.objects.filter(user=staff).update(user=person)
    browser = Client()
    response = browser.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/accounts/login/"
    assert browser.get("/account/welcome/")["Location"].startswith("/accounts/login/")


def test_welcome_steps_say_what_is_done() -> None:
    member = make_user(name="Rosa")
    browser = signed_in(member)
    page = parse(browser.get("/account/welcome/"))
    states = {
        item.one("h2").text(): [p.text() for p in item.all("p", class_="step-state")]
        for item in page.all("li")
        if item.all("h2")
    }
    assert states["Your access needs"] == ["Not done yet"]
    assert states["Who sees what"] == []  # not knowable: no state shown
    make_standing_need(member=member)
    make_rsvp(event=make_event(starts_at=timezone.now() + dt.timedelta(days=3)), member=member)
    page = parse(browser.get("/account/welcome/"))
    done = [
        item.one("h2").text() for item in page.all("li") if item.all("p", class_="step-state--done")
    ]
    assert "Your access needs" in done
    assert "The next gathering" in done


def test_every_app_adds_its_welcome_steps_in_order() -> None:
    keys = [step.key for step in sorted(WELCOME_STEPS, key=lambda step: step.order)]
    assert keys == [
        "profile",
        "privacy",
        "access_needs",
        "next_gathering",
        "calendar",
        "circles",
        "passkey",
    ]


def test_welcome_page_makes_the_same_queries_with_more_rows() -> None:
    member = make_user()
    browser = signed_in(member)
    make_standing_need(member=member)
    one = queries_for_page(browser, "/account/welcome/")
    for days in range(2, 6):
        event = make_event(starts_at=timezone.now() + dt.timedelta(days=days))
        make_rsvp(event=event, member=member)
    assert queries_for_page(browser, "/account/welcome/") == one


def test_welcome_link_is_masked_in_logs(
    django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    _, link = approved_applicant(django_capture_on_commit_callbacks)
    caplog.set_level(logging.WARNING, logger="django.request")
    Client().get(link[:-4] + "abcd/")
    token = link.split("/")[4]
    assert token not in caplog.text
    assert "/account/welcome/start/[hidden]/" in caplog.text


def test_members_find_the_welcome_list_from_their_account() -> None:
    page = parse(signed_in(make_user()).get("/account/"))
    assert page.one("a", href="/account/welcome/").text().startswith("Your welcome list")
    applicant = signed_in(make_user(membership_status=MembershipStatus.APPLICANT))
    assert not parse(applicant.get("/account/")).all("a", href="/account/welcome/")
    assert applicant.get("/account/welcome/").status_code == 404


def test_a_member_whose_welcome_link_expired_can_still_get_in_with_a_new_password(
    django_capture_on_commit_callbacks: Capture, clock: Traveller
) -> None:
    """The fallback the expired-link page offers: choose a password from a reset link, then
    sign in, without being asked to confirm the address again."""
    person, _ = approved_applicant(django_capture_on_commit_callbacks)
    clock.shift(dt.timedelta(days=15))
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/accounts/password/reset/", {"email": person.email})
    reset_link = link_in(bodies_to(person)[-1], "/accounts/password/reset/key/")
    form_url = browser.get(reset_link)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert EmailAddress.objects.get(user=person).verified
    signed = Client().post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert signed["Location"] == "/home/"
