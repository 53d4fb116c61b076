"""What happens to a person's posts when they delete their account, as they chose: left for
the others (signed "former member"), or removed."""

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Attachment, Post, PostRevision, Thread
from dm3p.conversations.services.posting import thread_counts_refresh

FORMER_TITLE = "A thread started by a former member"
LEAVE = "leave"
REMOVE = "remove"
POSTS_CHOICES = [
    (LEAVE, 'Leave them for the others, signed "former member" instead of your name'),
    (REMOVE, "Remove them: each says only that it was removed"),
]


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
    for thread_id in thread_ids:
        thread_counts_refresh(thread_id)
    return len(post_ids)


def posts_on_leaving(person: User, chosen: str) -> None:
    """Carry out the person's choice about their posts (``DELETION_CHOICES``)."""
    if chosen == REMOVE:
        posts_remove_all(person=person)
