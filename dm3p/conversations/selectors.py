"""Reads about conversations, each for the person looking."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest

from dm3p.conversations.enums import ReportStatus
from dm3p.conversations.models import Block, Conversation, Message, Report
from dm3p.core.hooks import Panel


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


@dataclass(frozen=True)
class ConversationLine:
    """A conversation in a person's list: with whom, how many messages, the latest."""

    other_name: str
    count: int
    latest_id: int
    latest_at: dt.datetime


def conversations_of(*, user: Any, limit: int = 100) -> list[ConversationLine]:
    """``user``'s conversations, latest first, counting only what they may read (one that
    holds only messages withheld from them, because they blocked the sender, isn't there)."""
    readable = Q(messages__sender=user) | Q(messages__recipient=user, messages__delivered=True)
    rows = (
        Conversation.objects.filter(Q(person_a=user) | Q(person_b=user))
        .annotate(
            count=Count("messages", filter=readable),
            latest_id=Max("messages__id", filter=readable),
            latest_at=Max("messages__created_at", filter=readable),
        )
        .filter(count__gt=0)
        .select_related("person_a__profile", "person_b__profile")
        .order_by("-latest_at", "-id")[:limit]
    )
    return [
        ConversationLine(
            other_name=other.display_name if other is not None else "A former member",
            count=row.count,
            latest_id=row.latest_id,
            latest_at=row.latest_at,
        )
        for row in rows
        for other in [row.person_b if row.person_a_id == user.pk else row.person_a]
    ]


def home_panel(request: HttpRequest) -> Panel | None:
    """A member's newest messages on their home (one query): who wrote and when, never
    what (the page may be seen over a shoulder)."""
    if not request.user.has_perm("conversations.view_inbox"):
        return None
    newest = list(messages_received(user=request.user)[:3])
    return Panel("conversations/panel_messages.html", {"newest": newest})
