"""Organizers make, change and archive topic spaces."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.enums import SpaceAudience, SpaceKind
from dm3p.conversations.models import Space, SpaceMember
from dm3p.core.services import audit_record


@transaction.atomic
def space_save(
    *, actor: User, space: Space, changed: Iterable[str], listed: Iterable[User]
) -> Space:
    """Save ``space`` (new or changed, its fields already set) and its list of people."""
    made = space.pk is None
    space.kind = SpaceKind.TOPIC
    space.save()
    people = {person.pk for person in listed} if space.audience == SpaceAudience.LISTED else set()
    SpaceMember.objects.filter(space=space).exclude(person__in=people).delete()
    have = set(SpaceMember.objects.filter(space=space).values_list("person", flat=True))
    SpaceMember.objects.bulk_create(
        [SpaceMember(space=space, person_id=pk) for pk in sorted(people - have)]
    )
    audit_record(
        actor=actor,
        action="space.create" if made else "space.update",
        target=space,
        fields=sorted(changed),
    )
    return space


@transaction.atomic
def space_archive(*, actor: User, space: Space, archived: bool) -> None:
    """Archived spaces disappear from every list; their threads stay in the database."""
    space.archived_at = timezone.now() if archived else None
    space.save(update_fields=["archived_at"])
    audit_record(
        actor=actor,
        action="space.archive" if archived else "space.restore",
        target=space,
        fields=["archived_at"],
    )
