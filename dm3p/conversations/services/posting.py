"""Starting threads and adding posts: the one way a post is written, so a thread's counts,
its writer's reading place and (through the other services) notifications stay in step."""

from collections.abc import Iterable, Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.hooks import POST_WRITTEN
from dm3p.conversations.models import Attachment, Mention, Post, Space, Thread, ThreadRead
from dm3p.conversations.selectors.access import threads_visible_to
from dm3p.conversations.services.withholding import withhold_from_blockers

# An image to keep with a post: the cleaned file and what it shows.
Image = tuple[ContentFile[bytes], str]


def thread_read_up_to(*, person: User, thread: Thread, post_id: int) -> None:
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
    mentioned: Iterable[User] = (),
    images: Sequence[Image] = (),
) -> Post:
    """Add ``author``'s post to ``thread``. The caller has checked that they may write
    there. A post that others can read moves the thread to the top of its space. Of the
    people ``mentioned``, only those who can see the thread are recorded (the others are
    left out without a word); ``images`` are kept with their descriptions."""
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
    thread_read_up_to(person=author, thread=thread, post_id=post.pk)
    Mention.objects.bulk_create(
        [
            Mention(post=post, person=person)
            for person in {person.pk: person for person in mentioned}.values()
            if person.pk != author.pk
            and threads_visible_to(viewer=person).filter(pk=thread.pk).exists()
        ]
    )
    for image, alt_text in images:
        attachment = Attachment(post=post, alt_text=alt_text)
        attachment.image.save(image.name or "image.png", image, save=False)
        attachment.save()
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
    mentioned: Iterable[User] = (),
    images: Sequence[Image] = (),
) -> Thread:
    """A new thread in ``space`` (none for a direct conversation), with its first post."""
    thread = Thread.objects.create(space=space, author=author, title=title)
    post_add(
        thread=thread,
        author=author,
        body=body,
        content_note=content_note,
        state=state,
        mentioned=mentioned,
        images=images,
    )
    thread.refresh_from_db()
    return thread


def thread_counts_refresh(thread_id: int) -> None:
    """Count again the posts others can read in a thread, and find its latest, after posts
    were hidden, shown, published or removed (one query to count, one to save)."""
    figures = Post.objects.filter(thread_id=thread_id, state=PostState.SHOWN).aggregate(
        count=Count("id"), last_id=Max("id"), last_at=Max("created_at")
    )
    Thread.objects.filter(pk=thread_id).update(
        post_count=figures["count"],
        last_post_id=figures["last_id"] or 0,
        last_post_at=figures["last_at"] or F("created_at"),
    )
