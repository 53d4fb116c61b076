"""Reads for post actions (issue 14): the state the tools show, who reacted, and a
person's bookmarks (the post, thread or space acted on is found with selectors/forum.py,
through access.py). Each read is a fixed number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from dm3p.conversations.enums import Reacting
from dm3p.conversations.models import Bookmark, Post, Reaction, Space, Subscription, Thread
from dm3p.conversations.selectors.access import (
    posts_visible_to,
)


def follow_level(*, viewer: Any, thread: Thread | None = None, space: Space | None = None) -> str:
    """ "follow", "mute" or "" (neither): one query."""
    level = (
        Subscription.objects.filter(person=viewer, thread=thread, space=space)
        .values_list("level", flat=True)
        .first()
    )
    return level or ""


@dataclass(frozen=True)
class ReactionButton:
    kind: str
    label: str
    emoji: str
    count: int
    pressed: bool

    @property
    def people(self) -> str:
        return "1 person" if self.count == 1 else f"{self.count} people"

    @property
    def text(self) -> str:
        """What the button says beside its emoji: "Thanks, 3 people"."""
        return f"{self.label}, {self.people}" if self.count else self.label


@dataclass
class ThreadTools:
    """What the tools of every post in one thread show ``viewer``: reaction counts, their
    own reactions and bookmarks. Two queries for the whole thread."""

    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    mine: set[tuple[int, str]] = field(default_factory=set)
    bookmarked: set[int] = field(default_factory=set)

    def buttons(self, post_id: int) -> list[ReactionButton]:
        counts = self.counts.get(post_id, {})
        return [
            ReactionButton(
                kind=kind.value,
                label=kind.label,
                emoji=kind.emoji,
                count=counts.get(kind.value, 0),
                pressed=(post_id, kind.value) in self.mine,
            )
            for kind in Reacting
        ]


def thread_tools(*, viewer: Any, thread_id: int) -> ThreadTools:
    tools = ThreadTools()
    rows = (
        Reaction.objects.filter(post__thread_id=thread_id)
        .values("post_id", "kind")
        .annotate(count=Count("id"), mine=Count("id", filter=Q(person=viewer)))
        .order_by()
    )
    for row in rows:
        tools.counts.setdefault(row["post_id"], {})[row["kind"]] = row["count"]
        if row["mine"]:
            tools.mine.add((row["post_id"], row["kind"]))
    tools.bookmarked = set(
        Bookmark.objects.filter(person=viewer, post__thread_id=thread_id).values_list(
            "post_id", flat=True
        )
    )
    return tools


def reactions_by_kind(*, post: Post) -> list[tuple[str, str, list[str]]]:
    """Who reacted to ``post``, by kind: (label, emoji, names). One query."""
    people: dict[str, list[str]] = {}
    for reaction in (
        Reaction.objects.filter(post=post).select_related("person__profile").order_by("kind", "id")
    ):
        people.setdefault(reaction.kind, []).append(reaction.person.display_name)
    return [
        (kind.label, kind.emoji, people[kind.value]) for kind in Reacting if kind.value in people
    ]


def bookmarks_of(*, viewer: Any) -> QuerySet[Bookmark]:
    """``viewer``'s bookmarks of posts they can still see, newest first."""
    return Bookmark.objects.filter(
        person=viewer, post__in=posts_visible_to(viewer=viewer)
    ).select_related("post__thread__space", "post__author__profile")
