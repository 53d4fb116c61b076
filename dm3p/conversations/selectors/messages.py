"""Reads about conversations, each for the person looking."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import HttpRequest

from dm3p.circles.selectors.rounds import zone_of
from dm3p.conversations.enums import ReportStatus
from dm3p.conversations.models import Block, Conversation, Message, Report
from dm3p.core.hooks import Panel
from dm3p.core.times import moment_text


def messages_received(*, user: Any) -> QuerySet[Message]:
    return Message.objects.filter(recipient=user, delivered=True).select_related("sender__profile")


def messages_sent(*, user: Any) -> QuerySet[Message]:
    return Message.objects.filter(sender=user).select_related("recipient__profile")


def message_for(*, pk: int, user: Any) -> Message | None:
    """A message its sender or recipient may read; nobody else (not even organizers,
    who see a message only when it is reported). A message withheld from a recipient who
    blocked the sender is the sender's only."""
    return (
        Message.objects.select_related("sender__profile", "recipient__profile", "conversation")
        .filter(Q(sender=user) | Q(recipient=user, delivered=True), pk=pk)
        .first()
    )


def message_received_by(*, pk: int, user: Any) -> Message | None:
    """A message ``user`` received (only the recipient may report it)."""
    message = message_for(pk=pk, user=user)
    return message if message is not None and message.recipient_id == user.pk else None


def reply_address_for(*, message: Message, viewer: Any) -> str:
    """The sender's address, for the recipient only, and only if the sender chose to share
    it; otherwise ""."""
    if message.recipient_id == viewer.pk and message.reveal_email and message.sender:
        return str(message.sender.email)
    return ""


def block_exists(*, blocker: Any, blocked: Any) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def reports_for_review(*, viewer: Any, open_only: bool = True) -> QuerySet[Report]:
    """Reports for organizers; never one about the viewer (it would tell them who reported
    them)."""
    reports = Report.objects.select_related("reporter", "about", "message").exclude(
        about_id=viewer.pk
    )
    if open_only:
        reports = reports.exclude(status=ReportStatus.CLOSED)
    return reports


def report_for_review(*, pk: int, viewer: Any) -> Report | None:
    return (
        reports_for_review(viewer=viewer, open_only=False)
        .prefetch_related("notes__author")
        .filter(pk=pk)
        .first()
    )


def thread_of(*, message: Message, viewer: Any) -> list[Message]:
    """The conversation ``message`` is in, as ``viewer`` (one of its two people) may read
    it, oldest first: their own messages, and those delivered to them."""
    return list(
        Message.objects.filter(
            Q(sender=viewer) | Q(recipient=viewer, delivered=True),
            conversation_id=message.conversation_id,
        )
        .select_related("sender__profile")
        .order_by("created_at", "id")
    )


def unread_messages(*, user: Any) -> QuerySet[Message]:
    """Messages delivered to ``user`` that they have not opened yet (never those withheld
    because they blocked the sender)."""
    return Message.objects.filter(recipient=user, delivered=True, read_at__isnull=True)


def unread_count(request: HttpRequest) -> int:
    """How many messages are new to the signed-in person: one query per request however
    often it is asked (the header and the home page both show it)."""
    cached: int | None = getattr(request, "_dm3p_unread_count", None)
    if cached is None:
        cached = unread_messages(user=request.user).count()
        request._dm3p_unread_count = cached  # type: ignore[attr-defined]
    return cached


@dataclass(frozen=True)
class ConversationLine:
    """A conversation in a person's list: with whom, how many messages, how many of them
    are new to the person, the latest, and the first new one (to open it there)."""

    other_name: str
    count: int
    unread: int
    latest_id: int
    latest_at: dt.datetime
    first_unread_id: int | None

    @property
    def link_id(self) -> int:
        """The message to open the conversation at: the first new one, else the latest."""
        return self.first_unread_id or self.latest_id


def conversations_of(
    *, user: Any, limit: int = 100, unread_only: bool = False
) -> list[ConversationLine]:
    """``user``'s conversations, latest first, counting only what they may read (one that
    holds only messages withheld from them, because they blocked the sender, isn't there).
    ``unread_only`` keeps those with messages new to them."""
    readable = Q(messages__sender=user) | Q(messages__recipient=user, messages__delivered=True)
    unread = Q(messages__recipient=user, messages__delivered=True, messages__read_at__isnull=True)
    rows = (
        Conversation.objects.filter(Q(person_a=user) | Q(person_b=user))
        .annotate(
            count=Count("messages", filter=readable),
            unread=Count("messages", filter=unread),
            latest_id=Max("messages__id", filter=readable),
            latest_at=Max("messages__created_at", filter=readable),
            first_unread_id=Min("messages__id", filter=unread),
        )
        .filter(Q(unread__gt=0) if unread_only else Q(count__gt=0))
        .select_related("person_a__profile", "person_b__profile")
        .order_by("-latest_at", "-id")[:limit]
    )
    return [
        ConversationLine(
            other_name=other.display_name if other is not None else "A former member",
            count=row.count,
            unread=row.unread,
            latest_id=row.latest_id,
            latest_at=row.latest_at,
            first_unread_id=row.first_unread_id,
        )
        for row in rows
        for other in [row.person_b if row.person_a_id == user.pk else row.person_a]
    ]


HOME_CONVERSATIONS = 5


def home_panel(request: HttpRequest) -> Panel | None:
    """What is new in a member's messages, on their home: how many, and the conversations
    they are in with who wrote and when, never what (the page may be seen over a shoulder).
    Two queries."""
    if not request.user.has_perm("conversations.view_inbox"):
        return None
    zone = zone_of(request.user)
    lines = conversations_of(user=request.user, limit=HOME_CONVERSATIONS, unread_only=True)
    return Panel(
        "conversations/panel_messages.html",
        {
            "unread": unread_count(request),
            "conversations": [(line, moment_text(line.latest_at, zone)) for line in lines],
        },
    )
