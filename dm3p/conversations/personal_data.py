"""What export covers in conversations' spaces and threads (``PERSONAL_DATA`` in
dm3p.members.hooks): every post the person wrote, wherever it is, their reactions,
bookmarks, what they follow or muted, and the spaces whose list they are on. All but the
posts go with the account."""

from dm3p.accounts.models import User
from dm3p.conversations.models import Bookmark, Post, Reaction, SpaceMember, Subscription
from dm3p.members.hooks import Row
from dm3p.members.personal_data import when_exported


def posts_export(user: User) -> list[Row]:
    """The person's posts (removed ones only say so): where, when, what they wrote, and
    what each said before it was edited (kept for moderators, so theirs to see too)."""
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread__space")
        .prefetch_related("revisions")
        .order_by("id")
    )
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
                "earlier_versions": [
                    {
                        "written": when_exported(revision.written_at),
                        "content_note": revision.content_note,
                        "text": revision.body,
                    }
                    for revision in post.revisions.all()
                ],
            }
        )
    return rows


def posts_erase(user: User) -> None:
    """Posts stay for the others in their threads, signed "former member" (the author's
    link goes with the account), unless the person chose to remove them, which happens
    first (``DELETION_CHOICES``)."""


def reactions_export(user: User) -> list[Row]:
    """Reactions the person gave, and to which thread's post."""
    return [
        {"reaction": reaction.get_kind_display(), "thread": reaction.post.thread.title}
        for reaction in Reaction.objects.filter(person=user)
        .select_related("post__thread")
        .order_by("id")
    ]


def bookmarks_export(user: User) -> list[Row]:
    return [
        {"thread": bookmark.post.thread.title, "when": when_exported(bookmark.created_at)}
        for bookmark in Bookmark.objects.filter(person=user).select_related("post__thread")
    ]


def follows_export(user: User) -> list[Row]:
    """Threads and spaces the person follows or muted."""
    return [
        {
            "what": subscription.thread.title
            if subscription.thread is not None
            else getattr(subscription.space, "name", ""),
            "choice": subscription.get_level_display(),
        }
        for subscription in Subscription.objects.filter(person=user)
        .select_related("thread", "space")
        .order_by("id")
    ]


def spaces_listed_export(user: User) -> list[Row]:
    """Spaces for a list of people that the person is on."""
    return [
        {"space": listed.space.name}
        for listed in SpaceMember.objects.filter(person=user).select_related("space")
    ]
