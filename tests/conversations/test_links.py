"""The addresses of threads, posts and spaces come from the URL map, so they stay right when
the site is served under a path (``FORCE_SCRIPT_NAME``; the test client doesn't set
it, so the tests do), on pages and in e-mails."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.urls import clear_script_prefix, set_script_prefix

from dm3p.accounts.models import User
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.services.mail_out import post_notifications_send
from dm3p.core.models import OutboundEmail
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_post, make_subscription, make_thread
from tests.helpers import signed_in
from tests.html_tree import parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _prefix_reset() -> Iterator[None]:
    yield
    clear_script_prefix()


def member(name: str) -> User:
    person = make_user(name=name, email=f"{name.lower()}@example.org")
    profile_ensure(user=person)
    return person


def test_a_direct_message_leads_to_its_thread_under_the_sites_path() -> None:
    ana, ben = member("Ana"), member("Ben")
    set_script_prefix("/club/")  # what the server does for a site served under /club
    response = signed_in(ana).post(
        "/conversations/direct/new/", {"people": [ben.pk], "title": "", "body": "Hello"}
    )
    thread, post = Thread.objects.get(), Post.objects.get()
    assert response["Location"] == f"/club/conversations/threads/{thread.pk}/#post-{post.pk}"
    listed = parse(signed_in(ben).get("/conversations/direct/").content).one("main")
    [link] = [a.attrs["href"] for a in listed.all("a") if "Conversation with" in a.text()]
    assert link == f"/club/conversations/threads/{thread.pk}/#post-{post.pk}"


def test_the_e_mail_about_a_post_links_to_it_under_the_sites_path() -> None:
    ben = member("Ben")
    thread = make_thread()
    make_subscription(person=ben, thread=thread)
    post = make_post(thread=thread, author=member("Ana"), body="News")
    set_script_prefix("/club/")
    assert post_notifications_send(post_id=post.pk) == 1
    text = OutboundEmail.objects.get(recipient=ben).text_body or ""
    assert f"{settings.SITE_URL}/club/conversations/posts/{post.pk}/" in text
