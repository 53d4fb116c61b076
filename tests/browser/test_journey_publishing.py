"""Publishing a round with the keyboard alone (issue 13): the organizer is warned on the
publishing page that people are not placed, closes sign-up from there, and publishes with
the one clearly marked button. axe checks every page on the way."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.circles.models import MatchingRound
from dm3p.core.models import OutboundEmail
from dm3p.members.services import profile_ensure
from tests.browser.browsing import (
    EVENINGS,
    ConsoleWatch,
    assert_no_axe_violations,
    follow,
    sign_in,
)
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_is_warned_closes_sign_up_and_publishes_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, axe_source: str, console: ConsoleWatch
) -> None:
    today = timezone.localdate()
    round = make_round(
        name="Winter circles",
        signup_opens_on=today - dt.timedelta(days=7),
        signup_closes_on=today + dt.timedelta(days=21),
        min_size=3,
        max_size=5,
    )
    people = []
    for number in range(19):
        person = make_user(name=f"Member {number}")
        profile_ensure(user=person)
        make_entry(round, person, hours=EVENINGS)
        people.append(person)
    make_circle(round, people[:4])  # 15 of 19 are not placed
    sign_in(context, make_user(is_organizer=True), base_url)

    tab.goto(f"{base_url}{reverse('circles:round', args=[round.pk])}")
    assert_no_axe_violations(tab, axe_source, "a draft with sign-up open")
    follow(tab, 'link "Review before publishing"')
    main = tab.locator("main").inner_text()
    assert "15 of 19 people are not placed" in main
    assert "Sign-up is still open" in main
    assert tab.locator("main button").count() == 0  # nothing to publish with yet
    assert_no_axe_violations(tab, axe_source, "publishing refused while sign-up is open")

    follow(tab, 'link "Close sign-up now"')
    assert "members can no longer join Winter circles" in tab.locator("main").inner_text()
    assert_no_axe_violations(tab, axe_source, "closing sign-up")
    follow(tab, 'button "Close sign-up now"')
    main = tab.locator("main").inner_text()
    assert "Sign-up is closed. Members can no longer join or change their answers." in main
    assert "15 of 19 people are not placed" in main
    assert_no_axe_violations(tab, axe_source, "publishing, with people not placed")
    round.refresh_from_db()
    assert round.signup_closed_at is not None
    assert round.published_at is None
    assert not OutboundEmail.objects.exists()

    follow(tab, 'button "Publish circles and e-mail 19 people"')
    assert (
        "Circles published. The 4 people in them are being told."
        in tab.locator("main").inner_text()
    )
    assert_no_axe_violations(tab, axe_source, "a published round")
    assert MatchingRound.objects.get(pk=round.pk).published_at is not None
    console.assert_clean("closing sign-up and publishing")
