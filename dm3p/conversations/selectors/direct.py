"""Reads about direct conversations (threads with no space), each for the person looking,
through the access querysets: a post withheld from the viewer is never counted nor linked."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.conversations.enums import PostState
from dm3p.conversations.links import post_in_thread_url, thread_url
from dm3p.conversations.models import Post, Thread, ThreadParticipant, ThreadRead
from dm3p.conversations.selectors.access import posts_visible_to, threads_visible_to
from dm3p.core.hooks import Panel
from dm3p.core.times import moment_text
from dm3p.members.selectors.profiles import zone_of

FORMER_MEMBER = "A former member"


def _read_place(viewer: Any, thread: Any) -> Coalesce:
    return Coalesce(
        Subquery(
            ThreadRead.objects.filter(person=viewer, thread=thread).values("last_read_post_id")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def new_direct_posts(*, viewer: Any) -> QuerySet[Post]:
    """Posts others wrote in the viewer's direct conversations after their reading place."""
    return (
        posts_visible_to(viewer=viewer)
        .filter(thread__space__isnull=True, state=PostState.SHOWN)
        .exclude(author=viewer)
        .filter(pk__gt=_read_place(viewer, OuterRef("thread")))
    )


def direct_threads_of(*, viewer: Any) -> QuerySet[Thread]:
    """The viewer's direct conversations, latest first, each with how many posts they may
    read (``visible``), how many are new to them (``new``), the latest time and the first new
    post (``first_new_id``), and the people in it (``participants``, with profiles). One
    that holds nothing the viewer may read (only posts withheld from them) isn't there."""
    mine = posts_visible_to(viewer=viewer).filter(thread=OuterRef("pk"))
    new = new_direct_posts(viewer=viewer).filter(thread=OuterRef("pk"))

    def counted(posts: QuerySet[Post]) -> Coalesce:
        return Coalesce(
            Subquery(
                posts.order_by().values("thread").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    return (
        threads_visible_to(viewer=viewer)
        .filter(space__isnull=True)
        .annotate(
            visible=counted(mine),
            new=counted(new),
            latest_at=Subquery(mine.order_by("-id").values("created_at")[:1]),
            first_new_id=Subquery(new.order_by("id").values("pk")[:1]),
        )
        .filter(visible__gt=0)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ThreadParticipant.objects.select_related("person__profile").order_by("id"),
            )
        )
        .order_by("-latest_at", "-id")
    )


@dataclass(frozen=True)
class DirectLine:
    """A conversation in a person's list: with whom, how many posts, how many new, when the
    latest was written, and where to open it (the first new post, else the thread)."""

    others: str
    count: int
    new: int
    latest_at: dt.datetime
    link: str


def others_named(thread: Thread, viewer: Any) -> str:
    """The other people in a conversation, by name ("Ann, Bea and Cy")."""
    names = [p.person.display_name for p in thread.participants.all() if p.person_id != viewer.pk]
    if not names:
        return "nobody else now"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def direct_lines(threads: Any, viewer: Any) -> list[tuple[DirectLine, str]]:
    zone = zone_of(viewer)
    lines = []
    for thread in threads:
        link = thread_url(thread.pk)
        if thread.first_new_id:
            link = post_in_thread_url(thread_id=thread.pk, post_id=thread.first_new_id)
        line = DirectLine(
            others_named(thread, viewer), thread.visible, thread.new, thread.latest_at, link
        )
        lines.append((line, moment_text(line.latest_at, zone)))
    return lines


def direct_thread_for(*, pk: int, viewer: Any) -> Thread | None:
    """A direct conversation the viewer is in, with its people."""
    return (
        threads_visible_to(viewer=viewer)
        .filter(space__isnull=True, pk=pk)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ThreadParticipant.objects.select_related("person__profile").order_by("id"),
            )
        )
        .first()
    )


def direct_between(*, one: Any, other: Any) -> Thread | None:
    """The latest conversation of just these two people, to continue it."""
    others_in = ThreadParticipant.objects.filter(thread=OuterRef("pk")).exclude(
        person__in=[one.pk, other.pk]
    )
    return (
        Thread.objects.filter(space__isnull=True, participants__person=one)
        .filter(participants__person=other)
        .exclude(Exists(others_in))
        .order_by("-last_post_at", "-id")
        .first()
    )


def people_to_choose(*, viewer: Any) -> QuerySet[User]:
    """Members the viewer may start a conversation with, by name."""
    return (
        members_now()
        .filter(profile__isnull=False)
        .exclude(pk=viewer.pk)
        .select_related("profile")
        .order_by("profile__display_name", "name", "id")
    )


def post_from_message(*, message_id: int, viewer: Any) -> Post | None:
    """The post made from an old direct message, when the viewer may read it."""
    return posts_visible_to(viewer=viewer).filter(legacy_message_id=message_id).first()


def unread_count(request: HttpRequest) -> int:
    """How many posts in the signed-in person's direct conversations are new to them: one
    query per request however often it is asked (the header and the home page both show
    it)."""
    cached: int | None = getattr(request, "_dm3p_unread_count", None)
    if cached is None:
        cached = new_direct_posts(viewer=request.user).count()
        request._dm3p_unread_count = cached  # type: ignore[attr-defined]
    return cached


HOME_CONVERSATIONS = 5


def home_panel(request: HttpRequest) -> Panel | None:
    """What is new in a member's direct conversations, on their home: how many posts, and
    the conversations with who is in them and when, never what (the page may be seen over a
    shoulder). Fixed queries."""
    if not request.user.has_perm("conversations.view_inbox"):
        return None
    unread = unread_count(request)
    threads = (
        direct_threads_of(viewer=request.user).filter(new__gt=0)[:HOME_CONVERSATIONS]  # type: ignore[misc]
        if unread
        else []
    )
    return Panel(
        "conversations/panel_messages.html",
        {"unread": unread, "conversations": direct_lines(threads, request.user)},
    )


def direct_export(user: Any) -> list[dict[str, Any]]:
    """What a person may read in their direct conversations, for their data export: the
    people in each (by name), and each post they wrote or got, with when. Fixed queries."""
    posts = (
        posts_visible_to(viewer=user)
        .filter(thread__space__isnull=True)
        .select_related("author__profile")
        .order_by("thread_id", "id")
    )
    threads = {
        thread.pk: thread
        for thread in direct_threads_of(viewer=user).filter(pk__in=posts.values("thread_id"))
    }
    return [
        {
            "conversation": thread.title,
            "with": others_named(thread, user),
            "direction": "sent" if post.author_id == user.pk else "received",
            "from": (post.author.display_name if post.author else FORMER_MEMBER),
            "when": post.created_at.isoformat(),
            "text": post.body,
        }
        for post in posts
        for thread in [threads.get(post.thread_id)]
        if thread is not None
    ]
