"""An organizer whose session hasn't passed two-factor authentication is told, in plain
words, that what members share only with organizers is hidden from them, with a way to
confirm it's them that brings them back to the same page, now showing it."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_round, publish
from tests.factories.members import make_term
from tests.helpers import signed_in
from tests.html_tree import Page, parse, read_page
from tests.site_pages import current_totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

CONFIRM = (
    "Some details members share only with organizers are hidden until you confirm it's you "
    "with two-factor authentication. Confirm it's you"
)
SET_UP = (
    "Some details members share only with organizers are hidden until you set up two-factor "
    "authentication. Set up two-factor authentication"
)


def member_showing_organizers(name: str) -> User:
    person = make_user(name=name)
    profile = profile_ensure(user=person)
    Profile.objects.filter(pk=profile.pk).update(
        display_name=name,
        institution="CANARY-INSTITUTION",
        visibility={**profile.visibility, "institution": "organizers"},
    )
    return person


def notices(response: Page, heading: str) -> list[tuple[str, list[str]]]:
    """The page's notices (text and links), once it is the page expected."""
    assert response.status_code == 200
    shown, _ = read_page(response)
    assert shown == heading
    page = parse(response.content)
    return [
        (item.text(), [link.attrs["href"] for link in item.all("a")])
        for item in page.all("li")
        if "notice" in item.attrs.get("class", "").split()
    ]


def confirm_link(path: str) -> str:
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': path})}"


def a_circle_with(viewer: User, mate: User) -> str:
    today = timezone.localdate()
    round = make_round(
        name="Autumn circles",
        signup_opens_on=today - dt.timedelta(days=70),
        signup_closes_on=today - dt.timedelta(days=50),
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=140),
    )
    for person in (viewer, mate):
        profile_ensure(user=person)
    circle = make_circle(round, [viewer, mate])
    publish(round)
    return f"/circles/{circle.pk}/"


def test_organizer_without_mfa_passed_is_told_on_a_profile_and_can_confirm() -> None:
    owner = member_showing_organizers("Quilla Ndiaye")
    path = f"/members/{owner.pk}/"
    response = signed_in(make_user(is_organizer=True), mfa_passed=False).get(path)
    assert notices(response, "Quilla Ndiaye") == [(CONFIRM, [confirm_link(path)])]


def test_organizer_without_mfa_passed_is_told_on_the_directory_keeping_the_search() -> None:
    fatigue = make_term(kind=TermKind.CONDITION, label="Chronic fatigue")
    path = f"/members/?condition={fatigue.pk}&region=Ohio"
    response = signed_in(make_user(is_organizer=True), mfa_passed=False).get(path)
    assert notices(response, "Members") == [(CONFIRM, [confirm_link(path)])]


def test_organizer_without_mfa_passed_is_told_on_their_circle_page() -> None:
    organizer = make_user(is_organizer=True, name="Olu Example")
    path = a_circle_with(organizer, member_showing_organizers("Quilla Ndiaye"))
    response = signed_in(organizer, mfa_passed=False).get(path)
    assert notices(response, "Circle 1 of Autumn circles") == [(CONFIRM, [confirm_link(path)])]


def test_organizer_without_mfa_set_up_is_told_to_set_it_up() -> None:
    owner = member_showing_organizers("Quilla Ndiaye")
    organizer = make_user(is_organizer=True, mfa=False)
    response = signed_in(organizer).get(f"/members/{owner.pk}/")
    assert notices(response, "Quilla Ndiaye") == [(SET_UP, [reverse("mfa_index")])]


@pytest.mark.parametrize(
    ("roles", "mfa_passed"),
    [({"is_organizer": True}, True), ({}, False), ({"is_coordinator": True}, True)],
)
def test_no_notice_for_organizers_who_passed_mfa_nor_for_others(
    roles: dict[str, bool], mfa_passed: bool
) -> None:
    owner = member_showing_organizers("Quilla Ndiaye")
    client = signed_in(make_user(**roles), mfa_passed=mfa_passed)
    assert notices(client.get(f"/members/{owner.pk}/"), "Quilla Ndiaye") == []
    assert notices(client.get("/members/"), "Members") == []


def test_no_notice_on_pages_without_organizer_fields() -> None:
    client = signed_in(make_user(is_organizer=True), mfa_passed=False)
    assert notices(client.get("/profile/"), "Your profile") == []


def test_confirming_it_is_them_returns_to_the_page_now_showing_the_details() -> None:
    owner = member_showing_organizers("Quilla Ndiaye")
    path = f"/members/{owner.pk}/"
    client: Client = signed_in(make_user(is_organizer=True), mfa_passed=False)
    _, text = read_page(client.get(path))
    assert "CANARY-INSTITUTION" not in text
    response = client.post(confirm_link(path), {"code": current_totp_code()})
    assert (response.status_code, response["Location"]) == (302, path)
    after = client.get(path)
    assert notices(after, "Quilla Ndiaye") == []
    assert "CANARY-INSTITUTION" in read_page(after)[1]
