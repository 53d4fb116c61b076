"""What stays out of sight: pictures in posts others can't read, and threads whose first
post still waits for review."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from dm3p.accounts.enums import MembershipStatus
from dm3p.conversations.enums import PostState, SpaceAudience
from dm3p.conversations.models import Attachment, Post
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_post, make_space, make_thread
from tests.helpers import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def picture_in(post: Post) -> Attachment:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    attachment = Attachment(post=post, alt_text="A teal square.")
    attachment.image.save("teal.png", ContentFile(buffer.getvalue()), save=True)
    return attachment


def test_a_picture_is_served_only_to_those_who_may_read_its_post() -> None:
    members_only = make_space(audience=SpaceAudience.MEMBERS, slug="members-only")
    post = make_post(thread=make_thread(space=members_only))
    url = f"/conversations/images/{picture_in(post).pk}/"
    member = make_user()
    profile_ensure(user=member)
    shown = signed_in(member).get(url)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert "private" in shown["Cache-Control"]
    ally = make_user(membership_status=MembershipStatus.ALLY)
    assert signed_in(ally).get(url).status_code == 404
    assert signed_in(make_user(membership_status=MembershipStatus.APPLICANT)).get(
        url
    ).status_code in (302, 404)
    Post.objects.filter(pk=post.pk).update(state=PostState.HIDDEN)
    assert signed_in(member).get(url).status_code == 404


def test_a_thread_waiting_for_review_shows_nothing_to_others_not_even_its_title() -> None:
    space = make_space(slug="general")
    author = make_user()
    thread = make_thread(space=space, author=author, title="My first question here")
    make_post(thread=thread, author=author, state=PostState.HELD)
    other = make_user()
    assert signed_in(other).get(f"/conversations/threads/{thread.pk}/").status_code == 404
    page = signed_in(other).get(f"/conversations/spaces/{space.slug}/")
    assert "My first question here" not in page.content.decode()
    assert signed_in(author).get(f"/conversations/threads/{thread.pk}/").status_code == 200
