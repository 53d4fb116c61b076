"""What search finds of the gatherings: each one's title, description and speakers, for
those who may see the gathering (``events_visible_to``: visitors find public ones only).
Entries follow each gathering and its speakers as they are saved or deleted."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from dm3p.core.hooks import SEARCHABLE, Searchable, SearchDocument
from dm3p.core.search_index import search_index_drop, search_index_put
from dm3p.events.models import Event, Speaker
from dm3p.events.selectors import events_visible_to

KIND = "gatherings"


def gatherings_findable_by(viewer: Any) -> QuerySet[Any]:
    return events_visible_to(viewer=viewer).values("pk")


def _document(event: Event, speakers: list[Speaker]) -> SearchDocument:
    about_speakers = " ".join(f"{speaker.name}. {speaker.bio}" for speaker in speakers)
    return SearchDocument(
        object_id=event.pk,
        title=event.title,
        text=" ".join(f"{event.description} {about_speakers}".split()),
        url=reverse("events:detail", args=[event.pk]),
        dated_at=event.starts_at,
    )


def gatherings_documents() -> Iterator[SearchDocument]:
    for event in Event.objects.prefetch_related("speakers").iterator(chunk_size=500):
        yield _document(event, list(event.speakers.all()))


def _index(event: Event) -> None:
    search_index_put(kind=KIND, document=_document(event, list(event.speakers.all())))


def gathering_indexed(sender: Any, instance: Event, **kwargs: Any) -> None:
    _index(instance)


def gathering_unindexed(sender: Any, instance: Event, **kwargs: Any) -> None:
    search_index_drop(kind=KIND, object_id=instance.pk)


def speaker_changed(sender: Any, instance: Speaker, **kwargs: Any) -> None:
    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:  # gone with its gathering
        _index(event)


def connect() -> None:
    SEARCHABLE.register(
        Searchable(
            kind=KIND,
            label="Gatherings",
            label_one="Gathering",
            order=20,
            visible_ids=gatherings_findable_by,
            documents=gatherings_documents,
        )
    )
    post_save.connect(gathering_indexed, sender=Event, dispatch_uid="events-search-put")
    post_delete.connect(gathering_unindexed, sender=Event, dispatch_uid="events-search-drop")
    post_save.connect(speaker_changed, sender=Speaker, dispatch_uid="events-search-speaker")
    post_delete.connect(speaker_changed, sender=Speaker, dispatch_uid="events-search-speaker-gone")
