"""Writing the site's search index: each app puts its things in as they change and drops
them when they go (``dm3p.core.hooks.SEARCHABLE`` says who may find them). The engine's own
index follows the table by itself (see migration core 0005)."""

import re
from collections.abc import Iterable
from itertools import batched

from django.db import transaction

from dm3p.core.hooks import SEARCHABLE, SearchDocument
from dm3p.core.models import SearchEntry

# Characters the index never holds: NUL, which PostgreSQL refuses, and the two marks the
# search uses to highlight matches (dm3p.core.search), so stored text can't fake a highlight.
_NOT_INDEXED = re.compile("[\x00\x02\x03]")
TITLE_MAX = SearchEntry._meta.get_field("title").max_length or 300
NOTE_MAX = SearchEntry._meta.get_field("note").max_length or 100


def _clean(text: str) -> str:
    return _NOT_INDEXED.sub("", text)


def search_index_put(*, kind: str, document: SearchDocument) -> None:
    """Add ``document`` to the index as a thing of ``kind``, or update its entry."""
    SearchEntry.objects.update_or_create(
        kind=kind, object_id=document.object_id, defaults=_fields(document)
    )


def _fields(document: SearchDocument) -> dict[str, object]:
    return {
        "title": _clean(document.title)[:TITLE_MAX],
        "text": _clean(document.text),
        "url": document.url,
        "dated_at": document.dated_at,
        "note": _clean(document.note)[:NOTE_MAX],
    }


def search_index_drop(*, kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def search_index_retitle(*, kind: str, object_ids: Iterable[int], title: str) -> int:
    """Give many entries a new title at once (the posts of a renamed thread)."""
    return SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).update(
        title=_clean(title)[:TITLE_MAX]
    )


@transaction.atomic
def search_index_rebuild(*, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Index every registered kind (or only ``kinds``) afresh from what each app holds now;
    entries of kinds no longer registered go. Returns how many entries each kind has."""
    registered = {searchable.kind: searchable for searchable in SEARCHABLE}
    chosen = list(registered) if kinds is None else [kind for kind in kinds if kind in registered]
    if kinds is None:
        SearchEntry.objects.exclude(kind__in=chosen).delete()
    counts = {}
    for kind in chosen:
        SearchEntry.objects.filter(kind=kind).delete()
        counts[kind] = 0
        for batch in batched(registered[kind].documents(), 500):
            SearchEntry.objects.bulk_create(
                SearchEntry(kind=kind, object_id=document.object_id, **_fields(document))
                for document in batch
            )
            counts[kind] += len(batch)
    return counts


def search_index_fill() -> int:
    """Index every registered kind that has no entries yet (all of them on a new site, or a
    kind added since): ``manage.py setup`` runs it. Returns how many entries it added."""
    indexed = set(SearchEntry.objects.values_list("kind", flat=True).distinct())
    missing = [searchable.kind for searchable in SEARCHABLE if searchable.kind not in indexed]
    return sum(search_index_rebuild(kinds=missing).values()) if missing else 0
