"""A gathering's programme (agenda and speakers) and its resources (slides, recordings)."""

from dataclasses import dataclass
from functools import partial

from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile

from dm3p.accounts.models import User
from dm3p.core.services import answers_apply, audit_record, instance_validate
from dm3p.events.enums import ResourceAudience, ResourceKind, SegmentKind
from dm3p.events.hooks import event_materials_added
from dm3p.events.models import AgendaSegment, Event, EventResource, Speaker
from dm3p.events.services.gatherings import EventAnswers, event_create, event_update


@dataclass(frozen=True)
class SegmentRow:
    """One part of the agenda: ``id`` of the part it changes (None for a new one), or
    ``remove`` it."""

    id: int | None
    kind: SegmentKind
    title: str
    minutes: int
    order: int
    remove: bool = False


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker: ``id`` of the speaker it changes (None for a new one), or ``remove``
    them. ``photo`` is the photo to keep (the speaker's own, or a new upload), or None for
    none."""

    id: int | None
    name: str
    bio: str
    photo: File[bytes] | None
    photo_alt_text: str
    remove: bool = False


def _segments_save(event: Event, rows: list[SegmentRow]) -> None:
    existing = {segment.pk: segment for segment in AgendaSegment.objects.filter(event=event)}
    for row in rows:
        segment = existing.get(row.id) if row.id is not None else AgendaSegment(event=event)
        if segment is None:
            continue  # removed in the meantime
        if row.remove:
            if segment.pk:
                segment.delete()
            continue
        segment.kind, segment.title = row.kind, row.title
        segment.minutes, segment.order = row.minutes, row.order
        instance_validate(segment)
        segment.save()


def _speakers_save(event: Event, rows: list[SpeakerRow]) -> list[FieldFile]:
    """Returns the photos (files with a name) no longer used."""
    existing = {speaker.pk: speaker for speaker in Speaker.objects.filter(event=event)}
    gone: list[FieldFile] = []
    for row in rows:
        speaker = existing.get(row.id) if row.id is not None else Speaker(event=event)
        if speaker is None:
            continue  # removed in the meantime
        before = speaker.photo if speaker.photo else None
        if row.remove:
            if speaker.pk:
                speaker.delete()
                gone += [before] if before else []
            continue
        kept = isinstance(row.photo, FieldFile) and before and row.photo.name == before.name
        if before and not kept:
            gone.append(before)
        speaker.name, speaker.bio, speaker.photo_alt_text = row.name, row.bio, row.photo_alt_text
        speaker.photo = row.photo
        instance_validate(speaker)
        speaker.save()
    return gone


@transaction.atomic
def event_programme_save(
    *, actor: User, event: Event, segments: list[SegmentRow], speakers: list[SpeakerRow]
) -> None:
    """Save the agenda and speakers. Photos of speakers removed, or replaced, leave the disk
    once the change is committed."""
    _segments_save(event, segments)
    gone = _speakers_save(event, speakers)
    for photo in gone:
        transaction.on_commit(partial(photo.storage.delete, str(photo.name)))
    audit_record(actor=actor, action="event.programme", target=event, fields=["agenda", "speakers"])


@transaction.atomic
def event_save(
    *,
    actor: User,
    event: Event | None,
    answers: EventAnswers,
    segments: list[SegmentRow],
    speakers: list[SpeakerRow],
) -> Event:
    """Create a gathering (``event`` None) or change it, with its agenda and speakers, all
    or nothing."""
    saved = (
        event_update(actor=actor, event=event, answers=answers)
        if event is not None
        else event_create(actor=actor, answers=answers)
    )
    if segments or speakers:
        event_programme_save(actor=actor, event=saved, segments=segments, speakers=speakers)
    return saved


@dataclass(frozen=True)
class ResourceAnswers:
    kind: ResourceKind
    title: str
    url: str
    file: File[bytes] | None
    audience: ResourceAudience
    has_captions: bool
    has_transcript: bool


@transaction.atomic
def resource_add(*, actor: User, event: Event, answers: ResourceAnswers) -> EventResource:
    resource = EventResource(event=event)
    answers_apply(instance=resource, answers=answers)
    instance_validate(resource)
    resource.save()
    audit_record(actor=actor, action="event.resource_add", target=event, fields=["resources"])
    if resource.kind == ResourceKind.SLIDES:
        event_materials_added.send(sender=Event, event=event, resource=resource)
    return resource


@transaction.atomic
def resource_remove(*, actor: User, resource: EventResource) -> None:
    if resource.file:
        resource.file.delete(save=False)
    event = resource.event
    resource.delete()
    audit_record(actor=actor, action="event.resource_remove", target=event, fields=["resources"])
