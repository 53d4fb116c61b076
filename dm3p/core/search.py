"""The site's one search, over what each app registers (``dm3p.core.hooks.SEARCHABLE``), on
SQLite's FTS5 or PostgreSQL's full-text search behind the same few functions.

Who may find what is decided inside the query: each kind's ``visible_ids(viewer)`` is a
subquery of the same SQL, so counts, pages and ranks only ever cover what the viewer may
see. A person's words are reduced to plain words first, so no input can break the query.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dm3p.core.hooks import SEARCHABLE, Searchable
from dm3p.core.models import SearchEntry

# At most this much of a query is read, and this many of its words searched for.
QUERY_MAX = 200
WORDS_MAX = 12
# Letters and digits in any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+")
# The engines put these around each match in titles and excerpts (never stored in the index).
MARK_START, MARK_END = "\x02", "\x03"
EXCERPT_WORDS = 24  # also written in the FTS5 snippet() below
# PostgreSQL's text search configuration for the index: English, accents removed (migration
# core 0005).
SEARCH_CONFIG = "dm3p_search"


def search_words(query: str) -> list[str]:
    """The words searched for in what a person typed: punctuation, quotes, operators and
    emoji are dropped, so ``ASL-interpreter"`` searches for "ASL" and "interpreter"."""
    return _WORD.findall(query[:QUERY_MAX])[:WORDS_MAX]


def kinds_findable_by(viewer: Any) -> list[Searchable]:
    """The kinds ``viewer`` may find anything of, in their order."""
    return [
        searchable
        for searchable in sorted(SEARCHABLE, key=lambda entry: (entry.order, entry.kind))
        if not searchable.visible_ids(viewer).query.is_empty()
    ]


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    object_id: int
    url: str
    title: SafeString
    excerpt: SafeString
    dated_at: Any
    note: str


def marked(text: str) -> SafeString:
    """``text`` escaped, with the engine's marks around matches turned into <mark>."""
    html = escape(text.replace(MARK_END, "\x00").replace(MARK_START, "\x01"))
    opened = False
    parts = []
    for character in html:
        if character == "\x01" and not opened:
            parts.append("<mark>")
            opened = True
        elif character == "\x00" and opened:
            parts.append("</mark>")
            opened = False
        elif character not in "\x00\x01":
            parts.append(character)
    if opened:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 -- every character of text was escaped


def _audience(kinds: list[Searchable], viewer: Any) -> Q:
    """Entries of ``kinds`` that ``viewer`` may find, as one condition of the query."""
    allowed = Q(pk__in=[])
    for searchable in kinds:
        allowed |= Q(kind=searchable.kind, object_id__in=searchable.visible_ids(viewer).order_by())
    return allowed


def _matching(words: list[str]) -> QuerySet[SearchEntry]:
    """Entries holding every word, on this site's engine."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorField

        return SearchEntry.objects.annotate(
            vector=RawSQL("core_searchentry.search_vector", [], output_field=SearchVectorField())
        ).filter(vector=SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="websearch"))
    # FTS5: each word quoted, so nothing in it is read as FTS5's own syntax.
    match = " ".join('"{}"'.format(word.replace('"', '""')) for word in words)
    return SearchEntry.objects.extra(
        tables=["core_searchentry_fts"],
        where=["core_searchentry_fts.rowid = core_searchentry.id", "core_searchentry_fts MATCH %s"],
        params=[match],
    )


def _ranked(found: QuerySet[SearchEntry], words: list[str]) -> QuerySet[SearchEntry]:
    """``found`` best first (title matches weigh more than text), with the title and an
    excerpt of the text marked where they match."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        query = SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="websearch")
        return found.annotate(
            rank=SearchRank(RawSQL("core_searchentry.search_vector", []), query),
            title_marked=SearchHeadline(
                "title",
                query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                highlight_all=True,
            ),
            excerpt=SearchHeadline(
                "text",
                query,
                max_words=EXCERPT_WORDS,
                min_words=EXCERPT_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
            ),
        ).order_by("-rank", "-id")
    return found.extra(
        select={
            "rank": "bm25(core_searchentry_fts, 10.0, 1.0)",
            "title_marked": "highlight(core_searchentry_fts, 0, char(2), char(3))",
            "excerpt": "snippet(core_searchentry_fts, 1, char(2), char(3), '…', 24)",
        }
    ).order_by("rank", "-id")


class Found(Sequence[Result]):
    """What a search found, for a Paginator: its count is known, and each page is read in one
    query when asked for."""

    def __init__(self, entries: QuerySet[SearchEntry], total: int, kinds: list[Searchable]):
        self._entries = entries
        self._total = total
        self._kinds = {searchable.kind: searchable for searchable in kinds}

    def count(self) -> int:  # type: ignore[override]
        return self._total

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> list[Result]: ...
    def __getitem__(self, index: int | slice) -> Result | list[Result]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        return [self._result(entry) for entry in self._entries[index]] if self._total else []

    def _result(self, entry: Any) -> Result:
        searchable = self._kinds[entry.kind]
        return Result(
            kind=entry.kind,
            label=searchable.label_one,
            object_id=entry.object_id,
            url=entry.url,
            title=marked(entry.title_marked or entry.title),
            excerpt=marked(entry.excerpt or ""),
            dated_at=entry.dated_at,
            note=entry.note,
        )


@dataclass(frozen=True)
class Search:
    """A search as asked: its words, the kinds the viewer may find (with how many results
    each has), the kind chosen (or ""), and what was found."""

    words: list[str]
    kinds: list[tuple[Searchable, int]]
    kind: str
    found: Found


def search_for(*, viewer: Any, query: str, kind: str = "") -> Search:
    """What ``viewer`` finds with ``query`` among ``kind`` (every kind they may find when
    empty): two queries (how many of each kind, then a page when it is read)."""
    words = search_words(query)
    kinds = kinds_findable_by(viewer)
    if kind not in {searchable.kind for searchable in kinds}:
        kind = ""
    counts: dict[str, int] = {}
    found = SearchEntry.objects.none()
    if words and kinds:
        found = _matching(words).filter(_audience(kinds, viewer))
        counts = dict(
            found.order_by()
            .values_list("kind")
            .annotate(number=Count("id"))
            .values_list("kind", "number")
        )
        if kind:
            found = found.filter(kind=kind)
        found = _ranked(found, words).only("kind", "object_id", "title", "url", "dated_at", "note")
    total = counts.get(kind, 0) if kind else sum(counts.values())
    return Search(
        words=words,
        kinds=[(searchable, counts.get(searchable.kind, 0)) for searchable in kinds],
        kind=kind,
        found=Found(found, total, kinds),
    )
