"""Blocks in direct conversations: whoever blocked a post's author never gets the post, and
its author can't tell (they see their post as usual)."""

from collections.abc import Iterable

from dm3p.conversations.models import Block, Post, PostWithheld, ThreadParticipant


def withhold_from_blockers(post: Post) -> None:
    """Withhold a new direct post from the people in its conversation who blocked its
    author. One query to find them, one to record it when there are any."""
    if post.author_id is None:
        return
    blockers = ThreadParticipant.objects.filter(
        thread_id=post.thread_id,
        person__in=Block.objects.filter(blocked_id=post.author_id).values("blocker"),
    ).values_list("person_id", flat=True)
    PostWithheld.objects.bulk_create(
        [PostWithheld(post=post, person_id=person_id) for person_id in blockers],
        ignore_conflicts=True,
    )


def withhold_history_from(*, person_id: int, thread_id: int) -> None:
    """Someone joins a conversation: what was written there by people they blocked is
    withheld from them too."""
    posts: Iterable[int] = Post.objects.filter(
        thread_id=thread_id,
        author__in=Block.objects.filter(blocker_id=person_id).values("blocked"),
    ).values_list("pk", flat=True)
    PostWithheld.objects.bulk_create(
        [PostWithheld(post_id=post_id, person_id=person_id) for post_id in posts],
        ignore_conflicts=True,
    )
