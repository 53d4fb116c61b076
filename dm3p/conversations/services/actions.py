"""What a person does with posts and threads they can see (issue 14, post actions):
editing and deleting their own posts, reacting, bookmarking, following and muting. The
views have checked visibility and permission before calling these."""

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.enums import FollowLevel, PostState, Reacting
from dm3p.conversations.models import (
    Bookmark,
    Post,
    PostRevision,
    Reaction,
    Space,
    Subscription,
    Thread,
)
from dm3p.conversations.services.posting import thread_counts_refresh


@transaction.atomic
def post_edit(*, post: Post, body: str, content_note: str) -> Post:
    """Replace what ``post`` says, keeping what it said before for moderators. Saving the
    same words again changes nothing."""
    if body == post.body and content_note == post.content_note:
        return post
    PostRevision.objects.create(
        post=post,
        body=post.body or "",
        content_note=post.content_note,
        written_at=post.edited_at or post.created_at,
    )
    post.body = body
    post.content_note = content_note
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "content_note", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, post: Post) -> None:
    """Its author removes ``post``: the words go (earlier versions too), a marker stays in
    its place so replies still make sense, and the thread's counts leave it out."""
    was_shown = post.state == PostState.SHOWN
    post.revisions.all().delete()
    Reaction.objects.filter(post=post).delete()
    post.body = None
    post.content_note = ""
    post.state = PostState.REMOVED
    post.save(update_fields=["body", "content_note", "state"])
    if was_shown:
        thread_counts_refresh(post.thread_id)


def reaction_toggle(*, post: Post, person: User, kind: Reacting) -> bool:
    """Add ``person``'s reaction of ``kind`` to ``post``, or take it back if they had
    given it. Returns whether they now react so."""
    deleted, _ = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.get_or_create(post=post, person=person, kind=kind)
    return True


def bookmark_set(*, post: Post, person: User, on: bool) -> None:
    if on:
        Bookmark.objects.get_or_create(person=person, post=post)
    else:
        Bookmark.objects.filter(person=person, post=post).delete()


def follow_set(
    *,
    person: User,
    level: FollowLevel | None,
    thread: Thread | None = None,
    space: Space | None = None,
) -> None:
    """``person`` follows or mutes ``thread`` (or ``space``); ``level`` None: neither."""
    if (thread is None) == (space is None):
        raise ValueError("Follow a thread or a space.")
    if level is None:
        Subscription.objects.filter(person=person, thread=thread, space=space).delete()
        return
    Subscription.objects.update_or_create(
        person=person, thread=thread, space=space, defaults={"level": level}
    )


def follow_on_writing(post: Post) -> None:
    """Who writes in a thread follows it, unless they muted it (a POST_WRITTEN callback)."""
    if post.author_id is None:
        return
    Subscription.objects.get_or_create(
        person_id=post.author_id, thread_id=post.thread_id, defaults={"level": FollowLevel.FOLLOW}
    )
