"""What search finds of the public pages: every published page, for everyone (drafts never,
not even for organizers). Entries follow each page as it is saved or deleted."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from dm3p.core.hooks import SEARCHABLE, Searchable, SearchDocument
from dm3p.core.markdown import markdown_to_text
from dm3p.core.search_index import search_index_drop, search_index_put
from dm3p.pages.models import Page

KIND = "pages"


def pages_findable_by(viewer: Any) -> QuerySet[Any]:
    return Page.objects.filter(is_published=True).values("pk")


def _document(page: Page) -> SearchDocument:
    url = (
        reverse("pages:home") if page.slug == "home" else reverse("pages:detail", args=[page.slug])
    )
    return SearchDocument(
        object_id=page.pk,
        title=page.title,
        text=markdown_to_text(page.body),
        url=url,
        dated_at=page.updated_at,
    )


def pages_documents() -> Iterator[SearchDocument]:
    for page in Page.objects.filter(is_published=True).iterator():
        yield _document(page)


def page_indexed(sender: Any, instance: Page, **kwargs: Any) -> None:
    if instance.is_published:
        search_index_put(kind=KIND, document=_document(instance))
    else:
        search_index_drop(kind=KIND, object_id=instance.pk)


def page_unindexed(sender: Any, instance: Page, **kwargs: Any) -> None:
    search_index_drop(kind=KIND, object_id=instance.pk)


def connect() -> None:
    SEARCHABLE.register(
        Searchable(
            kind=KIND,
            label="Pages",
            label_one="Page",
            order=30,
            visible_ids=pages_findable_by,
            documents=pages_documents,
        )
    )
    post_save.connect(page_indexed, sender=Page, dispatch_uid="pages-search-put")
    post_delete.connect(page_unindexed, sender=Page, dispatch_uid="pages-search-drop")
