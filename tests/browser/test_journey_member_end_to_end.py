"""The whole member journey with the keyboard alone (issue 12): a visitor applies from the
front page; an organizer approves them; they set up their account from the welcome e-mail,
go from the welcome list to their home, say they're coming to the next gathering and ask for
ASL interpretation, then open their circle. axe checks every page on the way, and the console
stays clean."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.accommodations.models import AccommodationRequest
from dm3p.accounts.models import User
from dm3p.circles.models import Circle
from dm3p.events.models import Rsvp
from dm3p.members.enums import ApplicationStatus, TermKind
from dm3p.members.models import Application
from dm3p.members.services import profile_ensure
from tests.browser.browsing import (
    ConsoleWatch,
    assert_no_axe_violations,
    focused,
    follow,
    press_tab_until,
    sign_in,
)
from tests.emails import emails_to, link_in
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.circles import make_circle, make_round, publish
from tests.factories.events import make_event
from tests.factories.members import make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANT_EMAIL = "rosa@example.org"
PASSWORD = "four words to remember"


def type_into(tab: Tab, field: str, text: str, limit: int = 60) -> None:
    press_tab_until(tab, field, limit=limit)
    tab.keyboard.type(text)


def tick(tab: Tab, box: str, limit: int = 60) -> None:
    press_tab_until(tab, box, limit=limit)
    tab.keyboard.press("Space")


def heading(tab: Tab) -> str:
    return tab.locator("h1").inner_text()


def main_text(tab: Tab) -> str:
    return tab.locator("main").inner_text()


def test_from_applying_to_the_circle_page_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    make_term(kind=TermKind.PROFESSION, label="Pharmacist")
    make_term(kind=TermKind.PROFESSION, label="Occupational therapist")
    make_accommodation_type(
        label="Live captions (CART)", provided_by_default=True, lead_days=0, order=0
    )
    make_accommodation_type(label="ASL interpretation", lead_days=14, order=1)
    event = make_event(days_ahead=30, title="Winter gathering")

    def check(where: str) -> None:
        assert_no_axe_violations(tab, axe_source, where)

    # 1. A visitor applies from the front page.
    tab.goto(base_url)
    check("the front page")
    follow(tab, 'link "Apply to join"')
    assert heading(tab) == "Apply to join"
    check("the application form")
    type_into(tab, 'textbox "Your name"', "Rosa Silva")
    tab.keyboard.press("Tab")
    assert focused(tab) == 'textbox "Your e-mail address"'
    tab.keyboard.type(APPLICANT_EMAIL)
    # The professions come in groups, each its own fieldset.
    tick(tab, 'checkbox "Occupational therapist"')
    assert (
        tab.get_by_role("group", name="Therapies and rehabilitation")
        .get_by_label("Occupational therapist")
        .is_checked()
    )
    tick(tab, 'checkbox "I have read the code of conduct and agree to follow it"', limit=80)
    follow(tab, 'button "Send my application"', limit=5)
    # Nothing is given to the browser (whoever typed the address may not own it): the
    # e-mail brings the link to the application's status.
    assert heading(tab) == "Check your e-mail"
    assert "Thank you for applying." in main_text(tab)
    check("the application sent")
    [received] = emails_to(APPLICANT_EMAIL)
    tab.goto(f"{base_url}{link_in(str(received.body), '/apply/status/')}")
    assert heading(tab) == "Your application"
    assert "Waiting for review" in main_text(tab)
    check("the application's status")
    application = Application.objects.get(user__email=APPLICANT_EMAIL)
    assert application.status == ApplicationStatus.SUBMITTED
    assert [term.label for term in application.professions.all()] == ["Occupational therapist"]

    # 2. An organizer approves it, in their own browser.
    _organizer_approves(context, base_url, axe_source, console)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED

    # 3. The welcome link from the approval e-mail: choose a password, land on the list.
    welcome = [
        link_in(str(email.body), "/account/welcome/start/")
        for email in emails_to(APPLICANT_EMAIL)
        if "/account/welcome/start/" in str(email.body)
    ]
    assert len(welcome) == 1, "one approval e-mail with one welcome link"
    tab.goto(f"{base_url}{welcome[0]}")  # pasted from the e-mail
    assert heading(tab) == "Welcome, Rosa Silva"
    check("setting up the account")
    type_into(tab, 'textbox "Choose a password"', PASSWORD)
    type_into(tab, 'textbox "Type the same password again"', PASSWORD)
    follow(tab, 'button "Save my password and sign in"')
    assert tab.url == f"{base_url}{reverse('accounts:welcome')}"
    assert heading(tab) == "Welcome, Rosa Silva"
    assert "You're signed in." in main_text(tab)
    check("the welcome list")

    # Matching placed the new member in a circle (set up here, as they're new).
    member = User.objects.get(email=APPLICANT_EMAIL)
    circle = _circle_with(member)

    # 4. From the welcome list to their home, by the header's link.
    follow(tab, 'link "Home"')
    assert tab.url == f"{base_url}{reverse('pages:member_home')}"
    assert tab.get_by_role("heading", name="Your next gathering").is_visible()
    check("the member's home")

    # 5. The next gathering: "I'm coming", then the access step, asking for ASL.
    follow(tab, 'link "Say if you are coming to Winter gathering"')
    assert heading(tab) == "Winter gathering"
    access = tab.get_by_role("region", name="Access at this gathering").inner_text()
    assert "Provided at every gathering, without asking:" in access
    assert "Live captions (CART)" in access
    check("the gathering")
    tick(tab, 'radio "I\'m coming"')
    follow(tab, 'button "Save my answer"', limit=10)
    assert Rsvp.objects.get(event=event, member=member).answer == "going"
    assert tab.url == f"{base_url}{reverse('accommodations:for_event', args=[event.pk])}"
    assert heading(tab) == "Access support at Winter gathering"
    assert "Your answer is saved: I'm coming." in main_text(tab)
    check("the access step")
    # Captions are there for everyone: nothing to ask for.
    assert tab.get_by_role("checkbox", name="Live captions (CART)").count() == 0
    tick(tab, 'checkbox "ASL interpretation"')
    follow(tab, 'button "Send my request"')
    request = AccommodationRequest.objects.get(event=event, member=member)
    assert (request.kind.label, request.status) == ("ASL interpretation", "received")
    assert "Your request is with the accommodations coordinators" in main_text(tab)
    asked = tab.get_by_role("table", name="Your requests and their status")
    assert asked.get_by_role("row").nth(1).inner_text().split("\t")[:2] == [
        "ASL interpretation",
        "Received",
    ]
    check("the access step, request sent")

    # 6. Their circle, from the header's "Circles".
    follow(tab, 'link "Circles"')
    assert heading(tab) == "Your circles"
    check("your circles")
    follow(tab, f'link "{circle} of Spring circles"')
    assert tab.url == f"{base_url}{reverse('circles:circle', args=[circle.pk])}"
    assert heading(tab) == f"{circle} of Spring circles"
    assert tab.get_by_role("heading", name="Who's in your circle").is_visible()
    check("the circle page")
    console.assert_clean("the whole member journey")


def _organizer_approves(
    context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    """An organizer (with two-factor authentication, signed in by cookie as ACCESSIBILITY.md
    allows for staff) opens the queue from their home and approves the application."""
    organizer = make_user(is_organizer=True, name="Olu")
    profile_ensure(user=organizer)
    desk_context = context.browser.new_context(base_url=base_url)  # type: ignore[union-attr]
    try:
        sign_in(desk_context, organizer, base_url)
        desk = desk_context.new_page()
        console.attach(desk)
        desk.goto(base_url)
        follow(desk, 'link "Applications"')
        assert heading(desk) == "Applications"
        assert_no_axe_violations(desk, axe_source, "the review queue")
        follow(desk, 'link "Rosa Silva"', limit=80)
        assert heading(desk) == "Application from Rosa Silva"
        assert_no_axe_violations(desk, axe_source, "an application")
        # Tab enters the decision group on its first radio, "Approve".
        tick(desk, 'radio "Approve"')
        follow(desk, 'button "Record decision and e-mail the applicant"', limit=10)
        assert "Your decision is recorded and the applicant is told." in main_text(desk)
        assert_no_axe_violations(desk, axe_source, "the review queue after deciding")
    finally:
        desk_context.close()


def _circle_with(member: User) -> Circle:
    """A published circle of three, in a round whose sign-up has closed."""
    today = timezone.localdate()
    round = make_round(
        signup_opens_on=today - dt.timedelta(days=30),
        signup_closes_on=today - dt.timedelta(days=5),
        starts_on=today + dt.timedelta(days=7),
    )
    profile_ensure(user=member)
    mates = [make_user(name=name) for name in ("Mei", "Sam")]
    for mate in mates:
        profile_ensure(user=mate)
    circle = make_circle(round, [member, *mates])
    publish(round)
    return circle
