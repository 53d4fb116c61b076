"""Who may write where, whoever calls the writing services: a person writes only in the
spaces and threads they may read (the pages answer 404 before; the services refuse too)."""

import pytest
from django.core.cache import cache

from dm3p.accounts.enums import MembershipStatus
from dm3p.conversations.enums import SpaceAudience
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.services.forum import (
    NOT_OPEN_MESSAGE,
    WritingRefused,
    reply_write,
    thread_write,
)
from tests.factories import make_user
from tests.factories.conversations import make_post, make_space, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_an_ally_can_not_write_in_a_space_for_members_only() -> None:
    ally = make_user(membership_status=MembershipStatus.ALLY)
    members_only = make_space(name="Working with a disability", audience=SpaceAudience.MEMBERS)
    thread = make_thread(space=members_only)
    make_post(thread=thread, author=make_user())
    with pytest.raises(WritingRefused) as started:
        thread_write(space=members_only, author=ally, title="Hello", body="Hi all")
    with pytest.raises(WritingRefused) as replied:
        reply_write(thread=thread, author=ally, body="Me too")
    assert started.value.message == replied.value.message == NOT_OPEN_MESSAGE
    assert Post.objects.filter(author=ally).count() == 0
    assert Thread.objects.filter(space=members_only).count() == 1


def test_a_member_writes_in_a_space_for_members() -> None:
    member = make_user(membership_status=MembershipStatus.MEMBER)
    members_only = make_space(audience=SpaceAudience.MEMBERS)
    thread = thread_write(space=members_only, author=member, title="Hello", body="Hi all")
    reply = reply_write(thread=thread, author=member, body="And again")
    assert [post.body for post in thread.posts.order_by("id")] == ["Hi all", "And again"]
    assert reply.author == member


def test_a_suspended_member_can_not_reply_where_they_once_wrote() -> None:
    member = make_user(membership_status=MembershipStatus.MEMBER)
    thread = make_thread(space=make_space())
    make_post(thread=thread, author=member)
    member.membership_status = MembershipStatus.SUSPENDED
    member.save()
    with pytest.raises(WritingRefused):
        reply_write(thread=thread, author=member, body="Still here")
    assert thread.posts.count() == 1
