"""Writing in the conversation pages: a new thread, a reply, and how far someone has read.
Every post still goes through ``posting`` (the one way posts are written)."""

from collections.abc import Sequence

from dm3p.accounts.models import User
from dm3p.conversations.models import Post, Space, Thread
from dm3p.conversations.selectors.access import spaces_visible_to, threads_visible_to
from dm3p.conversations.selectors.forum import people_mentioned
from dm3p.conversations.services.posting import Image, post_add, thread_read_up_to, thread_start
from dm3p.conversations.services.posting_rules import (
    posting_limit_message,
    state_for_new_post,
    within_posting_limits,
)
from dm3p.core.refusals import ServiceRefusal, TooManyRequests


def _plain(body: str) -> str:
    """What was written, with the line endings browsers send (CRLF) made plain."""
    return body.replace("\r\n", "\n").strip()


LOCKED_MESSAGE = "This thread is locked: nobody can add to it. You can still read it."
NOT_OPEN_MESSAGE = "You can't write here: this conversation isn't open to you."


class WritingRefused(ServiceRefusal):
    """The writer may not read where they meant to write. The pages find spaces and threads
    through the same access selectors (a 404 for the others), so this guards the callers
    that don't: the demo, replies by e-mail, a service added later."""


def thread_write(
    *,
    space: Space,
    author: User,
    title: str,
    body: str,
    content_note: str = "",
    images: Sequence[Image] = (),
) -> Thread:
    """``author`` starts a thread in ``space``. Refused unless they may read it, and after
    many posts in a short time."""
    if not spaces_visible_to(viewer=author).filter(pk=space.pk).exists():
        raise WritingRefused(NOT_OPEN_MESSAGE)
    if not within_posting_limits(author):
        raise TooManyRequests(posting_limit_message())
    return thread_start(
        space=space,
        author=author,
        title=title.strip(),
        body=_plain(body),
        content_note=content_note.strip(),
        state=state_for_new_post(author, space),
        mentioned=people_mentioned(body=body),
        images=images,
    )


def reply_write(
    *,
    thread: Thread,
    author: User,
    body: str,
    reply_to: Post | None = None,
    content_note: str = "",
    images: Sequence[Image] = (),
) -> Post:
    """``author`` adds a post to ``thread`` (the view checked they can see the post they
    answer). Refused unless they may read the thread, in a locked thread, and after many
    posts in a short time."""
    if not threads_visible_to(viewer=author).filter(pk=thread.pk).exists():
        raise WritingRefused(NOT_OPEN_MESSAGE)
    if thread.locked:
        raise ServiceRefusal(LOCKED_MESSAGE)
    if not within_posting_limits(author):
        raise TooManyRequests(posting_limit_message())
    return post_add(
        thread=thread,
        author=author,
        body=_plain(body),
        reply_to=reply_to if reply_to is not None and reply_to.thread_id == thread.pk else None,
        content_note=content_note.strip(),
        state=state_for_new_post(author, thread.space),
        mentioned=people_mentioned(body=body),
        images=images,
    )


def thread_read(*, person: User, thread: Thread, post_id: int) -> None:
    """``person`` has seen ``thread`` up to ``post_id`` (never moves back)."""
    if post_id:
        thread_read_up_to(person=person, thread=thread, post_id=post_id)
