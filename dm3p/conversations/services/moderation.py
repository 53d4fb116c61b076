"""Moderation: reporting a post, hiding or removing it, holding a new member's first post
for review, and locking, pinning or moving a thread. Every action is audited (never the
words of a post), and the author is told what happened and why."""

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.conversations.emails import POST_MODERATED
from dm3p.conversations.enums import PostState, SpaceAudience, SpaceKind
from dm3p.conversations.hooks import POST_WRITTEN
from dm3p.conversations.models import Post, Space, Thread
from dm3p.conversations.services.posting import thread_counts_refresh
from dm3p.core.links import site_link
from dm3p.core.models import AuditEntry
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import audit_record, email_wording_queue


class ModerationRefused(ServiceRefusal):
    """The action can't be taken on this post or thread (see the message)."""


def _tell(
    *, person: User | None, thread: Thread, entry: AuditEntry, what_happened: str, reason: str
) -> None:
    """E-mail the author what a moderator did and why, once per action (keyed by its audit
    entry); nobody to tell for a former member."""
    if person is None:
        return
    email_wording_queue(
        email=POST_MODERATED,
        outbox_key=f"moderation:{entry.pk}",
        recipient=person,
        values={
            "thread_title": thread.title,
            "what_happened": what_happened,
            "reason": reason.strip() or "No reason was given.",
            "thread_link": site_link("conversations:thread", thread.pk),
        },
    )


def _post_state_set(
    *, actor: User, post: Post, state: PostState, action: str, reason: str, told: str
) -> None:
    post.state = state
    if state == PostState.REMOVED_BY_MODERATOR:
        post.body = ""
        post.content_note = ""
        post.attachments.all().delete()
        post.revisions.all().delete()
    post.save()
    thread_counts_refresh(post.thread_id)
    entry = audit_record(actor=actor, action=action, target=post, subject_user=post.author)
    _tell(person=post.author, thread=post.thread, entry=entry, what_happened=told, reason=reason)


@transaction.atomic
def post_hide(*, actor: User, post: Post, reason: str) -> None:
    """Hide a post from everyone but its author while organizers look into it."""
    if post.state != PostState.SHOWN:
        raise ModerationRefused("Only a post others can read can be hidden.")
    _post_state_set(
        actor=actor,
        post=post,
        state=PostState.HIDDEN,
        action="post.hide",
        reason=reason,
        told="An organizer has hidden your post while they look into it. You can still "
        "see it; others can't for now.",
    )


@transaction.atomic
def post_show(*, actor: User, post: Post, reason: str) -> None:
    """Show a hidden post again."""
    if post.state != PostState.HIDDEN:
        raise ModerationRefused("This post is not hidden.")
    _post_state_set(
        actor=actor,
        post=post,
        state=PostState.SHOWN,
        action="post.show",
        reason=reason,
        told="An organizer has looked into your post and shown it again.",
    )


@transaction.atomic
def post_remove(*, actor: User, post: Post, reason: str) -> None:
    """Remove a post for good: its words, images and history are deleted; the thread
    shows "Post removed by a moderator" in its place."""
    if post.state in (PostState.REMOVED, PostState.REMOVED_BY_MODERATOR):
        raise ModerationRefused("This post has already been removed.")
    _post_state_set(
        actor=actor,
        post=post,
        state=PostState.REMOVED_BY_MODERATOR,
        action="post.remove",
        reason=reason,
        told="An organizer has removed your post.",
    )


@transaction.atomic
def held_post_approve(*, actor: User, post: Post) -> None:
    """Let a held first post be read; everyone who would have heard of it hears now."""
    if post.state != PostState.HELD:
        raise ModerationRefused("This post is not waiting for review.")
    _post_state_set(
        actor=actor,
        post=post,
        state=PostState.SHOWN,
        action="post.approve",
        reason="",
        told="An organizer has read your first post, and others can see it now. Your "
        "next posts appear at once.",
    )
    for callback in POST_WRITTEN:
        transaction.on_commit(lambda callback=callback: callback(post))  # type: ignore[misc]


@transaction.atomic
def held_post_decline(*, actor: User, post: Post, reason: str) -> None:
    """Don't publish a held post; its author is told why and may write it again."""
    if post.state != PostState.HELD:
        raise ModerationRefused("This post is not waiting for review.")
    _post_state_set(
        actor=actor,
        post=post,
        state=PostState.REMOVED_BY_MODERATOR,
        action="post.decline",
        reason=reason,
        told="An organizer has read your first post and not published it.",
    )


@transaction.atomic
def thread_lock(*, actor: User, thread: Thread, locked: bool, reason: str) -> None:
    """Lock a thread (nobody can reply, on the site or by e-mail) or unlock it."""
    if thread.locked == locked:
        return
    thread.locked = locked
    thread.save(update_fields=["locked"])
    action = "thread.lock" if locked else "thread.unlock"
    entry = audit_record(actor=actor, action=action, target=thread, subject_user=thread.author)
    _tell(
        person=thread.author,
        thread=thread,
        entry=entry,
        what_happened="An organizer has locked the thread you started: nobody can reply for now."
        if locked
        else "An organizer has unlocked the thread you started: replies are open again.",
        reason=reason,
    )


@transaction.atomic
def thread_pin(*, actor: User, thread: Thread, pinned: bool) -> None:
    """Pin a thread to the top of its space, or unpin it (no one needs telling)."""
    if thread.pinned == pinned:
        return
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])
    audit_record(actor=actor, action="thread.pin" if pinned else "thread.unpin", target=thread)


@transaction.atomic
def thread_move(*, actor: User, thread: Thread, space: Space, reason: str) -> None:
    """Move a thread to another topic space. Circle spaces and direct conversations keep
    their threads: moving would show them to other people."""
    if thread.space is None or thread.space.kind != SpaceKind.TOPIC or thread.event_id:
        raise ModerationRefused("Only threads in topic spaces can be moved.")
    if space.kind != SpaceKind.TOPIC:
        raise ModerationRefused("Threads can only move to a topic space.")
    if space.audience != thread.space.audience or space.audience == SpaceAudience.LISTED:
        raise ModerationRefused(
            "A thread can only move to a space open to the same people, so that nobody new "
            "reads what was written."
        )
    if space.pk == thread.space_id:
        raise ModerationRefused(f"This thread is already in {space.name}.")
    thread.space = space
    thread.save(update_fields=["space"])
    entry = audit_record(
        actor=actor, action="thread.move", target=thread, subject_user=thread.author
    )
    _tell(
        person=thread.author,
        thread=thread,
        entry=entry,
        what_happened=f"An organizer has moved the thread you started to {space.name}.",
        reason=reason,
    )


def post_moderate(*, actor: User, post: Post, action: str, reason: str) -> None:
    """Do what an organizer chose on the moderation page for a post."""
    if action == "hide":
        post_hide(actor=actor, post=post, reason=reason)
    elif action == "show":
        post_show(actor=actor, post=post, reason=reason)
    elif action == "remove":
        post_remove(actor=actor, post=post, reason=reason)
    elif action == "approve":
        held_post_approve(actor=actor, post=post)
    elif action == "decline":
        held_post_decline(actor=actor, post=post, reason=reason)
    else:
        raise ModerationRefused("Choose what to do with the post.")


def thread_moderate(
    *, actor: User, thread: Thread, action: str, space: Space | None, reason: str
) -> None:
    """Do what an organizer chose on the moderation page for a thread."""
    if action in ("lock", "unlock"):
        thread_lock(actor=actor, thread=thread, locked=action == "lock", reason=reason)
    elif action in ("pin", "unpin"):
        thread_pin(actor=actor, thread=thread, pinned=action == "pin")
    elif action == "move" and space is not None:
        thread_move(actor=actor, thread=thread, space=space, reason=reason)
    else:
        raise ModerationRefused("Choose what to do with the thread.")
