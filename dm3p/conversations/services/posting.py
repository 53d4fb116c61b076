"""Starting threads and adding posts: the one way a post is written, so a thread's counts,
its writer's reading place and (through the other services) notifications stay in step."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.hooks import POST_WRITTEN
from dm3p.conversations.models import Post, Space, Thread, ThreadRead
from dm3p.conversations.services.withholding import withhold_from_blockers


def _read_up_to(*, person: User, thread: Thread, post_id: int) -> None:
    """``person`` has read ``thread`` up to ``post_id`` (never moves back)."""
    read, made = ThreadRead.objects.get_or_create(
        person=person, thread=thread, defaults={"last_read_post_id": post_id}
    )
    if not made and read.last_read_post_id < post_id:
        ThreadRead.objects.filter(pk=read.pk).update(
            last_read_post_id=post_id, read_at=timezone.now()
        )


@transaction.atomic
def post_add(
    *,
    thread: Thread,
    author: User,
    body: str,
    reply_to: Post | None = None,
    content_note: str = "",
    state: PostState = PostState.SHOWN,
) -> Post:
    """Add ``author``'s post to ``thread``. The caller has checked that they may write
    there. A post that others can read moves the thread to the top of its space."""
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        reply_to=reply_to,
        content_note=content_note,
        state=state,
    )
    if thread.space_id is None:
        withhold_from_blockers(post)
    if state == PostState.SHOWN:
        Thread.objects.filter(pk=thread.pk).update(
            last_post_at=post.created_at, last_post_id=post.pk, post_count=F("post_count") + 1
        )
    _read_up_to(person=author, thread=thread, post_id=post.pk)
    for callback in POST_WRITTEN:
        transaction.on_commit(lambda callback=callback: callback(post))  # type: ignore[misc]
    return post


@transaction.atomic
def thread_start(
    *,
    space: Space | None,
    author: User,
    title: str,
    body: str,
    content_note: str = "",
    state: PostState = PostState.SHOWN,
) -> Thread:
    """A new thread in ``space`` (none for a direct conversation), with its first post."""
    thread = Thread.objects.create(space=space, author=author, title=title)
    post_add(thread=thread, author=author, body=body, content_note=content_note, state=state)
    thread.refresh_from_db()
    return thread
