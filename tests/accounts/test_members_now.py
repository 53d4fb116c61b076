"""One definition of who is a member now (the selector and the rule agree on every status),
and of who can still act."""

import pytest

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import members_now, people_active
from tests.factories import make_user

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
