"""One definition of who is a member now (the selector and the rule agree on every status),
of who can still act, and of a session that passed two-factor authentication."""

import pytest
from django.test import RequestFactory

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.rules import is_member, is_organizer_with_mfa
from dm3p.accounts.selectors import members_now, people_active
from dm3p.core.access import mfa_passed
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "member_now"),
    [
        (MembershipStatus.APPLICANT, False),
        (MembershipStatus.DECLINED, False),
        (MembershipStatus.MEMBER, True),
        (MembershipStatus.ALLY, True),
        (MembershipStatus.SUSPENDED, False),
    ],
)
def test_members_now_and_the_member_rule_agree(status: str, member_now: bool) -> None:
    person = make_user(membership_status=status)
    assert (members_now().filter(pk=person.pk).exists(), bool(is_member(person))) == (
        member_now,
        member_now,
    )


def test_people_active_leaves_out_only_the_suspended() -> None:
    people = {status: make_user(membership_status=status) for status in MembershipStatus}
    assert set(people_active()) == {
        person for status, person in people.items() if status != MembershipStatus.SUSPENDED
    }


@pytest.mark.parametrize(("passed", "expected"), [(False, False), (True, True)])
def test_a_session_passed_mfa_only_when_it_has_the_record(passed: bool, expected: bool) -> None:
    organizer = make_user(is_organizer=True)
    client = signed_in(organizer, mfa_passed=passed)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = organizer
    assert mfa_passed(request) is expected


def test_the_organizer_rule_needs_the_flag_the_middleware_sets() -> None:
    organizer = make_user(is_organizer=True)
    assert bool(is_organizer_with_mfa(organizer)) is False
    organizer.mfa_passed = True
    assert bool(is_organizer_with_mfa(organizer)) is True
    member = make_user()
    member.mfa_passed = True
    assert bool(is_organizer_with_mfa(member)) is False
