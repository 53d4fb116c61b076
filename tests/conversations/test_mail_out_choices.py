"""Choosing how often conversations e-mail you, and stopping them with the one click every
such e-mail offers (RFC 8058): the POST works with no cookies and no sign-in; opening the
link changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.enums import EmailRhythm
from dm3p.conversations.models import EmailChoice
from dm3p.conversations.services.mail_out import AT_ONCE, DIGEST, unsubscribe_token
from dm3p.core.models import AuditEntry
from dm3p.members.personal_data import personal_data_export
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_email_choice
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import error_summary, flashes, heading, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

URL = "/account/conversations-email/"


def rhythm(person: User) -> str:
    choice = EmailChoice.objects.filter(person=person).first()
    return choice.rhythm if choice else "none chosen"


def test_the_choice_page_shows_at_once_until_chosen_and_keeps_a_choice() -> None:
    person = make_user()
    client = signed_in(person)
    page = parse(client.get(URL))
    [checked] = [radio for radio in page.all("input", type="radio") if "checked" in radio.attrs]
    assert checked.attrs["value"] == EmailRhythm.AT_ONCE
    current = [link.text() for link in page.all("a", **{"aria-current": "page"})]
    assert "Conversations by e-mail" in current
    response = client.post(URL, {"rhythm": EmailRhythm.WEEKLY}, follow=True)
    assert flashes(response) == ["Your choice is saved."]
    choice = EmailChoice.objects.get(person=person)
    assert (choice.rhythm, choice.last_digest_at is not None) == (EmailRhythm.WEEKLY, True)
    assert AuditEntry.objects.filter(action="conversation_email.update").count() == 1


def test_a_choice_left_out_is_an_error_next_to_the_question() -> None:
    person = make_user()
    response = signed_in(person).post(URL, {"rhythm": "hourly"})
    assert heading(response) == "Conversations by e-mail"
    assert error_summary(parse(response))
    assert rhythm(person) == "none chosen"


def test_applicants_have_no_such_page() -> None:
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    assert signed_in(applicant).get(URL).status_code == 404


def test_choice_page_queries_stay_the_same_with_a_choice() -> None:
    person = make_user()
    client = signed_in(person)
    before = queries_for_page(client, URL)
    make_email_choice(person=person, rhythm=EmailRhythm.DAILY)
    assert queries_for_page(client, URL) == before


def test_one_click_post_without_cookies_stops_at_once_e_mails() -> None:
    person = make_user()
    url = f"/unsubscribe/{unsubscribe_token(person=person, kind=AT_ONCE)}/"
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert heading(response) == "You won't get e-mails at once about conversations any more"
    assert rhythm(person) == EmailRhythm.NOTHING
    assert mail_program.cookies == {} or "sessionid" not in mail_program.cookies


def test_opening_the_link_changes_nothing_and_offers_the_button() -> None:
    person = make_user()
    url = f"/unsubscribe/{unsubscribe_token(person=person, kind=AT_ONCE)}/"
    response = Client().get(url)
    assert heading(response) == "Stop e-mails at once about conversations"
    assert parse(response).one("main").one("form").attrs["method"] == "post"
    assert rhythm(person) == "none chosen"


def test_a_digest_link_stops_only_a_digest() -> None:
    person = make_user()
    make_email_choice(person=person, rhythm=EmailRhythm.AT_ONCE)
    url = f"/unsubscribe/{unsubscribe_token(person=person, kind=DIGEST)}/"
    assert "There is nothing to stop" in Client().get(url).content.decode()
    Client().post(url)
    assert rhythm(person) == EmailRhythm.AT_ONCE  # a later choice is not undone
    EmailChoice.objects.filter(person=person).update(rhythm=EmailRhythm.DAILY)
    Client().post(url)
    assert rhythm(person) == EmailRhythm.NOTHING


@pytest.mark.parametrize("token", ["not-a-token", "eyJwZXJzb24iOjF9:1abc:def"])
def test_a_broken_link_says_so_and_changes_nothing(token: str) -> None:
    person = make_user()
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/unsubscribe/{token}/")
        assert (response.status_code, heading(response)) == (404, "This link doesn't work")
    assert rhythm(person) == "none chosen"


def test_a_link_older_than_a_year_no_longer_works() -> None:
    person = make_user()
    url = f"/unsubscribe/{unsubscribe_token(person=person, kind=AT_ONCE)}/"
    with time_machine.travel(ORDINARY + dt.timedelta(days=400)):
        assert Client().post(url).status_code == 404
    assert rhythm(person) == "none chosen"


def test_the_choice_is_in_the_members_data_export() -> None:
    person = make_user()
    signed_in(person).post(URL, {"rhythm": EmailRhythm.DAILY})
    assert personal_data_export(person)["Conversations by e-mail"] == [
        {"how_often": "A daily digest of what I follow", "last_digest": ORDINARY.isoformat()}
    ]
