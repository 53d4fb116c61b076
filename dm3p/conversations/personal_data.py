"""What export covers in conversations' spaces and threads (``PERSONAL_DATA`` in
dm3p.members.hooks): every post the person wrote, wherever it is."""

from dm3p.accounts.models import User
from dm3p.conversations.models import Post
from dm3p.members.hooks import Row
from dm3p.members.personal_data import when_exported


def posts_export(user: User) -> list[Row]:
    """The person's posts (removed ones only say so): where, when, and what they wrote."""
    posts = Post.objects.filter(author=user).select_related("thread__space").order_by("id")
    rows = []
    for post in posts:
        space = post.thread.space
        rows.append(
            {
                "thread": post.thread.title,
                "space": space.name if space is not None else "Direct conversation",
                "when": when_exported(post.created_at),
                "edited": when_exported(post.edited_at),
                "state": post.get_state_display(),
                "content_note": post.content_note,
                "text": post.body,
            }
        )
    return rows


def posts_erase(user: User) -> None:
    """Posts stay for the others in their threads, signed "former member" (the author's
    link goes with the account), unless the person chose to remove them, which happens
    first (``DELETION_CHOICES``)."""
