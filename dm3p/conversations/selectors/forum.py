"""What the conversation pages read: spaces with their counts, a space's threads, a
thread's posts page by page. Every read goes through the access selectors, in a fixed
number of queries whatever the number of rows."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Attachment, Post, Space, Thread, ThreadParticipant, ThreadRead
from dm3p.conversations.selectors.access import (
    posts_visible_to,
    spaces_visible_to,
    threads_visible_to,
)

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 20


def _read_upto(viewer: Any) -> Coalesce:
    """How far ``viewer`` has read the thread of the outer query (0 when never opened)."""
    read = ThreadRead.objects.filter(person=viewer, thread=OuterRef("pk")).values(
        "last_read_post_id"
    )[:1]
    return Coalesce(Subquery(read, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class SpaceRow:
    space: Space
    threads: int
    with_new: int


def space_rows(*, viewer: Any) -> list[SpaceRow]:
    """The spaces ``viewer`` can see, each with how many threads it has and how many of
    those have posts new to them: two queries."""
    spaces = list(spaces_visible_to(viewer=viewer))
    counts: dict[int, Any] = {
        row["space"]: row
        for row in threads_visible_to(viewer=viewer)
        .filter(space__in=[space.pk for space in spaces], post_count__gt=0)
        .annotate(read_upto=_read_upto(viewer))
        .values("space")
        .annotate(
            total=Count("pk", distinct=True),
            new=Count("pk", filter=Q(last_post_id__gt=F("read_upto")), distinct=True),
        )
        .order_by()
    }
    return [
        SpaceRow(
            space,
            counts.get(space.pk, {}).get("total", 0),
            counts.get(space.pk, {}).get("new", 0),
        )
        for space in spaces
    ]


def space_for(*, viewer: Any, slug: str) -> Space | None:
    return spaces_visible_to(viewer=viewer).filter(slug=slug).first()


def _with_new_counts(threads: QuerySet[Thread], viewer: Any) -> QuerySet[Thread]:
    new_posts = (
        Post.objects.filter(
            thread=OuterRef("pk"), state=PostState.SHOWN, pk__gt=OuterRef("read_upto")
        )
        .order_by()
        .values("thread")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return threads.annotate(
        read_upto=_read_upto(viewer),
        new_count=Coalesce(Subquery(new_posts, output_field=IntegerField()), 0),
    )


def space_threads(*, viewer: Any, space: Space, page: str | None) -> Page[Thread]:
    """One page of the space's threads that have posts, pinned first, then the latest."""
    threads = (
        threads_visible_to(viewer=viewer)
        .filter(space=space, post_count__gt=0)
        .select_related("author__profile")
        .order_by("-pinned", "-last_post_at", "-id")
    )
    paginator = Paginator(_with_new_counts(threads, viewer), THREADS_PER_PAGE)
    return paginator.get_page(page)


def thread_for(*, viewer: Any, pk: int) -> Thread | None:
    return threads_visible_to(viewer=viewer).select_related("space").filter(pk=pk).first()


def post_for(*, viewer: Any, pk: int) -> Post | None:
    """The post ``pk`` as ``viewer`` may see it, with its thread, space and author."""
    return (
        posts_visible_to(viewer=viewer)
        .select_related("thread__space", "author")
        .filter(pk=pk)
        .first()
    )


def thread_post_ids(*, viewer: Any, thread: Thread) -> list[int]:
    """The ids of the posts ``viewer`` sees in ``thread``, oldest first: a post's number
    is its place in this list, and its page follows from it."""
    return list(
        posts_visible_to(viewer=viewer)
        .filter(thread=thread)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def page_of_post(post_ids: list[int], post_id: int) -> int:
    return post_ids.index(post_id) // POSTS_PER_PAGE + 1


def read_upto(*, viewer: Any, thread: Thread) -> int:
    read = ThreadRead.objects.filter(person=viewer, thread=thread).first()
    return read.last_read_post_id if read is not None else 0


@dataclass(frozen=True)
class PostRow:
    post: Post
    number: int
    new: bool
    reply_number: int | None


def posts_page(
    *, viewer: Any, thread: Thread, post_ids: list[int], page: str | None, upto: int
) -> tuple[Page[int], list[PostRow]]:
    """One page of the thread's posts, each with its number, whether it is new to
    ``viewer`` (read up to ``upto``) and the number of the post it answers."""
    paged = Paginator(post_ids, POSTS_PER_PAGE).get_page(page)
    numbers = {pk: index + 1 for index, pk in enumerate(post_ids)}
    posts = (
        Post.objects.filter(pk__in=list(paged.object_list))
        .select_related("author__profile")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("pk")
    )
    rows = [
        PostRow(
            post,
            numbers[post.pk],
            post.pk > upto and post.author_id != viewer.pk,
            numbers.get(post.reply_to_id) if post.reply_to_id else None,
        )
        for post in posts
    ]
    return paged, rows


def posts_after(*, viewer: Any, thread: Thread, after: int) -> list[PostRow]:
    """Posts others can read that came after ``after`` (for the open page's check)."""
    post_ids = thread_post_ids(viewer=viewer, thread=thread)
    numbers = {pk: index + 1 for index, pk in enumerate(post_ids)}
    posts = (
        posts_visible_to(viewer=viewer)
        .filter(thread=thread, pk__gt=after, state=PostState.SHOWN)
        .exclude(author=viewer)
        .select_related("author__profile")
        .prefetch_related("attachments")
        .order_by("pk")
    )
    return [
        PostRow(post, numbers[post.pk], True, numbers.get(post.reply_to_id or 0)) for post in posts
    ]


def participants_of(thread: Thread) -> list[User]:
    return [
        row.person
        for row in ThreadParticipant.objects.filter(thread=thread).select_related("person__profile")
    ]


MENTION = re.compile(r"@([^\s@][^@\n]*)")
MENTION_WORDS = 4


def _names_after_at(body: str) -> set[str]:
    """Every run of one to four words after an @ ("@Ana Ruiz, thanks" gives "Ana",
    "Ana Ruiz", "Ana Ruiz, thanks"...), without trailing punctuation."""
    names: set[str] = set()
    for match in MENTION.finditer(body):
        words = match.group(1).split()[:MENTION_WORDS]
        for count in range(1, len(words) + 1):
            names.add(" ".join(words[:count]).rstrip(".,;:!?)"))
    return {name for name in names if name}


def people_mentioned(*, body: str) -> list[User]:
    """The people named with @ in ``body`` (by the name members know them by). Whether
    they may see the thread is checked when the post is written."""
    names = _names_after_at(body)
    if not names:
        return []
    wanted = {name.casefold() for name in names}
    candidates = User.objects.filter(
        Q(profile__display_name__in=names) | Q(profile__isnull=True, name__in=names)
    ).select_related("profile")
    return [person for person in candidates if person.display_name.casefold() in wanted]


NAMES_FOUND = 8


def names_for_mention(*, start: str, thread: Thread | None, space: Space) -> list[str]:
    """Names starting with ``start`` of people who can see ``thread`` (or, for a thread
    not started yet, ``space``), for the @ suggestions: nobody else is ever offered."""
    start = start.strip()
    if not start:
        return []
    candidates = (
        User.objects.filter(profile__display_name__istartswith=start)
        .select_related("profile")
        .order_by("profile__display_name", "pk")[: NAMES_FOUND * 3]
    )
    found: list[str] = []
    for person in candidates:
        sees = (
            threads_visible_to(viewer=person).filter(pk=thread.pk)
            if thread is not None
            else spaces_visible_to(viewer=person).filter(pk=space.pk)
        )
        if person.display_name not in found and sees.exists():
            found.append(person.display_name)
        if len(found) == NAMES_FOUND:
            break
    return found
