"""What happens to a person's posts when they delete their account, as they chose: left for
the others (signed "former member"), or removed."""

from django.db import transaction
from django.db.models import Count, Max, Q

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Attachment, Post, PostRevision, Thread

FORMER_TITLE = "A thread started by a former member"
LEAVE = "leave"
REMOVE = "remove"
POSTS_CHOICES = [
    (LEAVE, 'Leave them for the others, signed "former member" instead of your name'),
    (REMOVE, "Remove them: each says only that it was removed"),
]


def _recount(thread_ids: set[int]) -> None:
    """A thread's count and latest post, from its posts others can read."""
    threads = Thread.objects.filter(pk__in=thread_ids).annotate(
        shown=Count("posts", filter=Q(posts__state=PostState.SHOWN)),
        latest=Max("posts__id", filter=Q(posts__state=PostState.SHOWN)),
    )
    for thread in threads:
        latest = Post.objects.filter(pk=thread.latest).first() if thread.latest else None
        Thread.objects.filter(pk=thread.pk).update(
            post_count=thread.shown,
            last_post_id=latest.pk if latest else 0,
            last_post_at=latest.created_at if latest else None,
        )


@transaction.atomic
def posts_remove_all(*, person: User) -> int:
    """Remove everything ``person`` wrote: each post keeps its place in its thread (replies
    still make sense) with its words, earlier versions and pictures gone. Returns how many."""
    posts = Post.objects.filter(author=person).exclude(state=PostState.REMOVED)
    post_ids = list(posts.values_list("pk", flat=True))
    thread_ids = set(posts.values_list("thread_id", flat=True))
    for attachment in Attachment.objects.filter(post_id__in=post_ids):
        attachment.image.delete(save=False)
        attachment.delete()
    PostRevision.objects.filter(post_id__in=post_ids).delete()
    for post in Post.objects.filter(pk__in=post_ids):
        post.body = ""
        post.content_note = ""
        post.state = PostState.REMOVED
        post.save(update_fields=["body", "content_note", "state"])
    # Their words include the titles of threads they started (saved one by one, so search
    # forgets the old title too).
    for thread in Thread.objects.filter(author=person).exclude(event__isnull=False):
        thread.title = FORMER_TITLE
        thread.save(update_fields=["title"])
    _recount(thread_ids)
    return len(post_ids)


def posts_on_leaving(person: User, chosen: str) -> None:
    """Carry out the person's choice about their posts (``DELETION_CHOICES``)."""
    if chosen == REMOVE:
        posts_remove_all(person=person)
