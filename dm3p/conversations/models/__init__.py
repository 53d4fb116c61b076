"""The conversations app's tables: direct messages, blocks and reports (``direct``), the
spaces, threads and posts members talk in (``forum``), and the e-mail that carries them
both ways (``mail``, and ``mailin`` for what comes in)."""

from dm3p.conversations.models.direct import (
    Block,
    Conversation,
    Message,
    PostWithheld,
    Report,
    ReportNote,
)
from dm3p.conversations.models.forum import (
    Attachment,
    Bookmark,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Space,
    SpaceMember,
    Subscription,
    Thread,
    ThreadParticipant,
    ThreadRead,
)
from dm3p.conversations.models.mail import EmailChoice, ReplyToken
from dm3p.conversations.models.mailin import BouncedAddress, InboundEmail, InboundOutcome

__all__ = [
    "Attachment",
    "Block",
    "Bookmark",
    "BouncedAddress",
    "Conversation",
    "EmailChoice",
    "InboundEmail",
    "InboundOutcome",
    "Mention",
    "Message",
    "Post",
    "PostRevision",
    "PostWithheld",
    "Reaction",
    "ReplyToken",
    "Report",
    "ReportNote",
    "Space",
    "SpaceMember",
    "Subscription",
    "Thread",
    "ThreadParticipant",
    "ThreadRead",
]
