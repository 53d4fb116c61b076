"""What organizers moderate: posts they can read in the spaces open to them, and posts
anywhere that someone reported (a circle's or a direct conversation's post is read only
that way, one post at a time, through its report)."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dm3p.conversations.enums import PostState, SpaceAudience, SpaceKind
from dm3p.conversations.models import Post, Report, Space, Thread
from dm3p.conversations.selectors.access import posts_visible_to, threads_visible_to


def _reported(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.filter(Exists(Report.objects.filter(post=OuterRef("pk"))))


def post_to_report(*, pk: int, viewer: Any) -> Post | None:
    """A post someone else wrote that the viewer may read as it stands (shown), in a space
    or in a direct conversation: the post they may report. ``None`` for any other."""
    return (
        posts_visible_to(viewer=viewer)
        .filter(pk=pk, state=PostState.SHOWN)
        .exclude(author=viewer)
        .select_related("thread", "author__profile")
        .first()
    )


def post_for_moderation(*, pk: int, viewer: Any) -> Post | None:
    """The post an organizer acts on, with its thread and space; ``None`` for anyone else,
    and for a post they could neither read nor was reported."""
    if not viewer.has_perm("conversations.moderate"):
        return None
    posts = Post.objects.select_related("thread__space", "author__profile").filter(pk=pk)
    in_reach = Q(pk__in=posts_visible_to(viewer=viewer).values("pk")) | Q(
        pk__in=_reported(Post.objects.all()).values("pk")
    )
    # An organizer moderates what others can't see (held and hidden posts) in spaces
    # open to them too.
    in_reach |= Q(
        thread__in=threads_visible_to(viewer=viewer).filter(space__isnull=False),
        state__in=[PostState.HELD, PostState.HIDDEN],
    )
    return posts.filter(in_reach).first()


def thread_for_moderation(*, pk: int, viewer: Any) -> Thread | None:
    """A thread an organizer may lock, pin or move: one in a space open to them, or one
    with a reported post."""
    if not viewer.has_perm("conversations.moderate"):
        return None
    reported = Exists(Report.objects.filter(post__thread=OuterRef("pk")))
    visible = Q(pk__in=threads_visible_to(viewer=viewer).filter(space__isnull=False).values("pk"))
    return Thread.objects.select_related("space").filter(visible | reported, pk=pk).first()


def spaces_to_move_to(*, thread: Thread) -> QuerySet[Space]:
    """The topic spaces a thread may move to: none for a thread in a circle's space, a
    gathering's own thread or a direct conversation (moving would show it to others)."""
    space = thread.space
    if space is None or space.kind != SpaceKind.TOPIC or thread.event_id:
        return Space.objects.none()
    if space.audience == SpaceAudience.LISTED:
        return Space.objects.none()
    # The same audience only: a move never shows a thread to more (or other) people.
    return Space.objects.filter(
        kind=SpaceKind.TOPIC, archived_at__isnull=True, audience=space.audience
    ).exclude(pk=space.pk)


def posts_awaiting_review(*, viewer: Any) -> QuerySet[Post]:
    """First posts waiting for an organizer (never in circle spaces or direct
    conversations: those are never held) and posts hidden while looked into (some through
    a report, anywhere), oldest first."""
    if not viewer.has_perm("conversations.moderate"):
        return Post.objects.none()
    held = Q(
        state=PostState.HELD,
        thread__space__isnull=False,
        thread__in=threads_visible_to(viewer=viewer),
    ) & ~Q(thread__space__kind=SpaceKind.CIRCLE)
    return (
        Post.objects.filter(held | Q(state=PostState.HIDDEN))
        .select_related("thread__space", "author__profile")
        .order_by("id")
    )


def moderation_figures() -> dict[str, int]:
    """For the staff home: held first posts and hidden posts."""
    figures = Post.objects.aggregate(
        held=Count("id", filter=Q(state=PostState.HELD)),
        hidden=Count("id", filter=Q(state=PostState.HIDDEN)),
    )
    return {"held": figures["held"], "hidden": figures["hidden"]}
