"""What search finds of conversations: every post others can read (``shown``), its thread's
title with it, for those who may read it (``posts_visible_to``, inside the search's
query). Posts of direct conversations are never indexed: their words are kept encrypted,
and an index holds words as they are. Held, hidden and removed posts leave the index.
Entries follow each post as it is saved or deleted, and each thread's title as the thread
is saved, whichever service writes them."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from dm3p.conversations.enums import PostState
from dm3p.conversations.links import post_url
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.core.hooks import SEARCHABLE, Searchable, SearchDocument
from dm3p.core.markdown import markdown_to_text
from dm3p.core.search_index import search_index_drop, search_index_put, search_index_retitle

KIND = "posts"


def posts_findable_by(viewer: Any) -> QuerySet[Any]:
    if not viewer.is_authenticated:  # posts_visible_to is for signed-in people
        return Post.objects.none().values("pk")
    return posts_visible_to(viewer=viewer).filter(state=PostState.SHOWN).values("pk")


def _document(post: Post, title: str) -> SearchDocument:
    return SearchDocument(
        object_id=post.pk,
        title=title,
        text=markdown_to_text(post.body or ""),
        url=post_url(post.pk),
        dated_at=post.created_at,
        note=post.content_note,
    )


def posts_documents() -> Iterator[SearchDocument]:
    shown = Post.objects.filter(state=PostState.SHOWN, thread__space__isnull=False).select_related(
        "thread"
    )
    for post in shown.only("body", "content_note", "created_at", "thread__title").iterator(
        chunk_size=500
    ):
        yield _document(post, post.thread.title)


def post_indexed(sender: Any, instance: Post, **kwargs: Any) -> None:
    if instance.state == PostState.SHOWN and instance.thread.space_id is not None:
        search_index_put(kind=KIND, document=_document(instance, instance.thread.title))
    else:
        search_index_drop(kind=KIND, object_id=instance.pk)


def post_unindexed(sender: Any, instance: Post, **kwargs: Any) -> None:
    search_index_drop(kind=KIND, object_id=instance.pk)


def thread_retitled(sender: Any, instance: Thread, created: bool, **kwargs: Any) -> None:
    if not created:
        posts = Post.objects.filter(thread=instance).values_list("pk", flat=True)
        search_index_retitle(kind=KIND, object_ids=posts, title=instance.title)


def connect() -> None:
    SEARCHABLE.register(
        Searchable(
            kind=KIND,
            label="Posts",
            label_one="Post",
            order=10,
            visible_ids=posts_findable_by,
            documents=posts_documents,
        )
    )
    post_save.connect(post_indexed, sender=Post, dispatch_uid="conversations-search-put")
    post_delete.connect(post_unindexed, sender=Post, dispatch_uid="conversations-search-drop")
    post_save.connect(thread_retitled, sender=Thread, dispatch_uid="conversations-search-title")
