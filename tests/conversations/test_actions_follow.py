"""Following and muting threads and spaces, and "New since you were last here" (issue 14,
post actions): writers follow what they write in unless they muted it; muted threads and
spaces are left out of what's new; followed ones come first; fixed query counts."""

from collections.abc import Callable

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.conversations.enums import FollowLevel, SpaceAudience
from dm3p.conversations.models import Bookmark, Subscription
from dm3p.conversations.services.posting import post_add, thread_start
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import (
    make_post,
    make_space,
    make_thread,
    make_thread_participant,
    make_thread_read,
)
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import parse

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]

NEW = "/conversations/new/"


def member(name: str = "Rosa Example") -> User:
    person = make_user(name=name)
    profile_ensure(user=person)
    return person


def level(person: User, **target: object) -> str:
    return (
        Subscription.objects.filter(person=person, **target).values_list("level", flat=True).first()
        or ""
    )


def test_following_and_muting_a_thread_is_said_in_words() -> None:
    viewer = member()
    thread = make_thread(title="Pacing on bad days")
    make_post(thread=thread)
    client = signed_in(viewer)
    url = reverse("conversations:thread_follow", args=[thread.pk])

    def tools() -> str:
        request = RequestFactory().get(f"/conversations/threads/{thread.pk}/")
        request.user = viewer
        html = render_to_string(
            "conversations/_thread_tools.html",
            {"thread": thread, "viewer": viewer},
            request=request,
        )
        return parse(html).text()

    assert "You don't follow this thread." in tools()
    assert client.post(url, {"level": "follow", "next": NEW})["Location"] == NEW
    assert level(viewer, thread=thread) == FollowLevel.FOLLOW
    assert "You follow this thread." in tools()
    assert "Stop following" in tools()
    client.post(url, {"level": "mute", "next": NEW})
    assert level(viewer, thread=thread) == FollowLevel.MUTE
    assert "You muted this thread" in tools()
    assert "Unmute" in tools()
    client.post(url, {"level": "none", "next": NEW})
    assert level(viewer, thread=thread) == ""
    client.post(url, {"level": "loudly", "next": NEW})
    assert level(viewer, thread=thread) == ""


def test_following_a_space() -> None:
    viewer = member()
    space = make_space(name="Work and study")
    client = signed_in(viewer)
    url = reverse("conversations:space_follow", args=[space.slug])
    response = client.post(url, {"level": "follow"})
    assert response["Location"] == f"/conversations/spaces/{space.slug}/"
    assert level(viewer, space=space) == FollowLevel.FOLLOW
    request = RequestFactory().get("/")
    request.user = viewer
    html = render_to_string(
        "conversations/_space_tools.html", {"space": space, "viewer": viewer}, request=request
    )
    assert "You follow this space." in parse(html).text()


def test_a_member_cant_follow_a_thread_or_space_they_cant_see() -> None:
    space = make_space(audience=SpaceAudience.LISTED)
    thread = make_thread(space=space)
    client = signed_in(member())
    answers = [
        client.post(reverse("conversations:thread_follow", args=[thread.pk]), {"level": "follow"}),
        client.post(reverse("conversations:space_follow", args=[space.slug]), {"level": "mute"}),
    ]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert not Subscription.objects.exists()


def test_writers_follow_a_thread_unless_they_muted_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author, replier, muter = member(), member("Sam Example"), member("Lee Example")
    with django_capture_on_commit_callbacks(execute=True):
        thread = thread_start(space=make_space(), author=author, title="Rest", body="Hi.")
    Subscription.objects.create(person=muter, thread=thread, level=FollowLevel.MUTE)
    with django_capture_on_commit_callbacks(execute=True):
        post_add(thread=thread, author=replier, body="Hello.")
        post_add(thread=thread, author=muter, body="Hello too.")
    assert level(author, thread=thread) == FollowLevel.FOLLOW
    assert level(replier, thread=thread) == FollowLevel.FOLLOW
    assert level(muter, thread=thread) == FollowLevel.MUTE


def rows_of(client: object) -> list[str]:
    page = parse(client.get(NEW))  # type: ignore[attr-defined]
    return [item.text() for item in page.one("main").all("li") if item.all("a")]


def test_new_since_lists_unread_posts_followed_first_and_leaves_out_muted() -> None:
    viewer = member()
    writer = member("Sam Example")
    space = make_space(name="Work and study")
    quiet = make_space(name="Quiet corner")
    read_thread = make_thread(space=space, title="Already read")
    make_post(thread=read_thread, author=writer)
    last = make_post(thread=read_thread, author=writer)
    make_thread_read(person=viewer, thread=read_thread, last_read_post_id=last.pk)

    partly = make_thread(space=space, title="Partly read")
    seen = make_post(thread=partly, author=writer)
    make_thread_read(person=viewer, thread=partly, last_read_post_id=seen.pk)
    first_new = make_post(thread=partly, author=writer)
    make_post(thread=partly, author=writer)

    followed = make_thread(space=space, title="Followed one")
    followed_post = make_post(thread=followed, author=writer)
    Subscription.objects.create(person=viewer, thread=followed, level=FollowLevel.FOLLOW)
    make_post(thread=partly, author=writer)  # the latest post, yet the followed one leads

    muted = make_thread(space=space, title="Muted one")
    make_post(thread=muted, author=writer)
    Subscription.objects.create(person=viewer, thread=muted, level=FollowLevel.MUTE)
    make_post(thread=make_thread(space=quiet, title="In a muted space"), author=writer)
    Subscription.objects.create(person=viewer, space=quiet, level=FollowLevel.MUTE)
    direct = make_thread(space=None, title="Between us")
    make_thread_participant(thread=direct, person=viewer)
    make_post(thread=direct, author=writer)
    make_post(thread=make_thread(space=make_space(audience=SpaceAudience.LISTED), title="Hidden"))

    client = signed_in(viewer)
    assert rows_of(client) == [
        "Followed one (you follow it) Work and study, 1 new post",
        "Between us Direct conversation, 1 new post",
        "Partly read Work and study, 3 new posts",
    ]
    page = parse(client.get(NEW))
    links = {a.text(): a.attrs["href"] for a in page.one("main").all("a")}
    assert links["Partly read"] == f"/conversations/posts/{first_new.pk}/"
    assert links["Followed one"] == f"/conversations/posts/{followed_post.pk}/"


def test_posts_from_before_a_person_joined_are_not_new_to_them() -> None:
    old = make_post(body="From long ago.")
    viewer = member()
    assert "Nothing new" in parse(signed_in(viewer).get(NEW)).text()
    make_post(thread=old.thread, body="Today.")
    assert rows_of(signed_in(viewer)) == [
        f"{old.thread.title} {old.thread.space.name}, 1 new post"  # type: ignore[union-attr]
    ]


def fill_new(viewer: User, rows: int) -> None:
    for number in range(rows):
        space = make_space(name=f"Space {number}")
        thread = make_thread(space=space, title=f"Thread {number}")
        make_post(thread=thread)
        if number % 2:
            Subscription.objects.create(person=viewer, thread=thread, level=FollowLevel.FOLLOW)
        if number % 3 == 0:
            Subscription.objects.create(person=viewer, space=space, level=FollowLevel.FOLLOW)


def fill_bookmarks(viewer: User, rows: int) -> None:
    for number in range(rows):
        post = make_post(thread=make_thread(title=f"Thread {number}"), author=member(f"W {number}"))
        Bookmark.objects.create(person=viewer, post=post)


@pytest.mark.parametrize(
    ("url", "fill"),
    [(NEW, fill_new), ("/conversations/bookmarks/", fill_bookmarks)],
)
def test_new_since_and_bookmarks_make_the_same_queries_for_one_row_or_many(
    url: str, fill: Callable[[User, int], None]
) -> None:
    one, many = member("One"), member("Many")
    fill(one, 1)
    fill(many, 12)
    counts = [queries_for_page(signed_in(person), url) for person in (one, many)]
    assert counts[0] == counts[1]
    assert len(parse(signed_in(many).get(url)).one("main").all("li")) >= 12


def test_new_since_has_numbered_pages() -> None:
    viewer = member()
    fill_new(viewer, 31)
    first = parse(signed_in(viewer).get(NEW))
    assert "Page 1 of 2" in first.text()
    second = parse(signed_in(viewer).get(NEW + "?page=2"))
    assert "Page 2 of 2" in second.text()
    assert "Thread" in second.one("main").text()
