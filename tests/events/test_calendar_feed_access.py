import pytest
from django.test import Client

from dm3p.accounts.enums import MembershipStatus
from dm3p.core.models import AuditEntry
from dm3p.events.models import CalendarFeed
from dm3p.events.services import calendar_feed_reset
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_reinstated_member_gets_a_new_calendar_address_not_the_old_one() -> None:
    admin = signed_in(make_user(is_admin=True))
    member = make_user(email="mei@example.org")
    old = calendar_feed_reset(user=member).token
    assert Client().get(f"/events/feed/{old}.ics").status_code == 200
    admin.post(f"/manage/people/{member.pk}/", {"membership_status": "suspended"})
    admin.post(f"/manage/people/{member.pk}/", {"membership_status": "member"})
    member.refresh_from_db()
    assert member.membership_status == MembershipStatus.MEMBER
    assert Client().get(f"/events/feed/{old}.ics").status_code == 404
    assert CalendarFeed.objects.filter(user=member).count() == 0
    page = signed_in(member).get("/events/calendar/")
    assert page.status_code == 200
    assert old not in page.content.decode()
    assert list(
        AuditEntry.objects.filter(action="calendar_feed.revoke").values_list(
            "subject_user_id", flat=True
        )
    ) == [member.pk]


def test_member_becoming_an_ally_keeps_their_calendar_address() -> None:
    admin = signed_in(make_user(is_admin=True))
    member = make_user()
    token = calendar_feed_reset(user=member).token
    admin.post(f"/manage/people/{member.pk}/", {"membership_status": "ally"})
    assert Client().get(f"/events/feed/{token}.ics").status_code == 200
