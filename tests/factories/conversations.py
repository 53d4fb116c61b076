"""Factories for conversations: messages between members, blocks and reports; spaces,
threads and posts; e-mail choices and reply addresses."""

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from dm3p.conversations.enums import FollowLevel, Reacting
from dm3p.conversations.models import (
    Attachment,
    Block,
    Bookmark,
    BouncedAddress,
    Conversation,
    EmailChoice,
    InboundEmail,
    InboundOutcome,
    Mention,
    Message,
    Post,
    PostRevision,
    PostWithheld,
    Reaction,
    ReplyToken,
    Report,
    ReportNote,
    Space,
    SpaceMember,
    Subscription,
    Thread,
    ThreadParticipant,
    ThreadRead,
)
from dm3p.conversations.services.posting import post_add
from tests.factories import make_user
from tests.factories.rows import create

_numbers = itertools.count(1)


def next_number() -> int:
    return next(_numbers)


def conversation_between(*, one: Any, other: Any) -> Conversation:
    """The old conversation of these two people (the site no longer writes these)."""
    low, high = sorted((one.pk, other.pk))
    conversation, _ = Conversation.objects.get_or_create(person_a_id=low, person_b_id=high)
    return conversation


def make_message(**fields: Any) -> Message:
    """A message from one member to another, in their conversation."""
    fields.setdefault("sender", make_user())
    fields.setdefault("recipient", make_user())
    if "conversation" not in fields and "conversation_id" not in fields:
        fields["conversation"] = conversation_between(
            one=fields["sender"], other=fields["recipient"]
        )
    return create(Message, fields, body=lambda: "Hello there.")


def make_block(**fields: Any) -> Block:
    return create(Block, fields, blocker=make_user, blocked=make_user)


def make_report(**fields: Any) -> Report:
    """A member's open report about another."""
    return create(
        Report, fields, reporter=make_user, about=make_user, reason=lambda: "Rude messages."
    )


def make_report_note(**fields: Any) -> ReportNote:
    return create(ReportNote, fields, report=make_report, text=lambda: "Called them.")


def make_conversation(**fields: Any) -> Conversation:
    """The conversation of two members (``person_a`` has the lower id)."""
    one = fields.pop("person_a", None) or make_user()
    other = fields.pop("person_b", None) or make_user()
    low, high = sorted([one, other], key=lambda person: person.pk)
    return create(Conversation, fields, person_a=lambda: low, person_b=lambda: high)


def make_space(**fields: Any) -> Space:
    """A topic space for all members and allies."""
    return create(
        Space,
        fields,
        name=lambda: f"Space {next_number()}",
        slug=lambda: f"space-{next_number()}",
    )


def make_space_member(**fields: Any) -> SpaceMember:
    return create(SpaceMember, fields, space=make_space, person=make_user)


def make_thread(**fields: Any) -> Thread:
    """A thread in a topic space, with no posts yet (``make_post`` adds them)."""
    return create(Thread, fields, space=make_space, title=lambda: "Finding a quiet room to rest")


def make_thread_participant(**fields: Any) -> ThreadParticipant:
    return create(
        ThreadParticipant, fields, thread=lambda: make_thread(space=None), person=make_user
    )


def make_post(**fields: Any) -> Post:
    """A post others can read, added as the site adds one (the thread's counts follow)."""
    thread = fields.pop("thread", None) or make_thread()
    author = fields.pop("author", None) or make_user()
    body = fields.pop("body", "Has anyone asked for a rest room on call?")
    post = post_add(thread=thread, author=author, body=body, **fields)
    return post


def make_post_revision(**fields: Any) -> PostRevision:
    return create(
        PostRevision,
        fields,
        post=make_post,
        body=lambda: "What the post said first.",
        written_at=timezone.now,
    )


def make_attachment(**fields: Any) -> Attachment:
    return create(
        Attachment,
        fields,
        post=make_post,
        image=lambda: "posts/picture.png",
        alt_text=lambda: "A quiet room with a sofa and a dimmed lamp.",
    )


def make_reaction(**fields: Any) -> Reaction:
    return create(Reaction, fields, post=make_post, person=make_user, kind=lambda: Reacting.THANKS)


def make_mention(**fields: Any) -> Mention:
    return create(Mention, fields, post=make_post, person=make_user)


def make_thread_read(**fields: Any) -> ThreadRead:
    return create(ThreadRead, fields, person=make_user, thread=make_thread)


def make_subscription(**fields: Any) -> Subscription:
    """``person`` follows a thread."""
    return create(
        Subscription, fields, person=make_user, thread=make_thread, level=lambda: FollowLevel.FOLLOW
    )


def make_bookmark(**fields: Any) -> Bookmark:
    return create(Bookmark, fields, person=make_user, post=make_post)


def make_email_choice(**fields: Any) -> EmailChoice:
    return create(EmailChoice, fields, person=make_user)


def make_reply_token(**fields: Any) -> ReplyToken:
    return create(
        ReplyToken,
        fields,
        token_hash=lambda: f"{next_number():064d}",
        person=make_user,
        thread=make_thread,
        expires_at=lambda: timezone.now() + dt.timedelta(days=90),
    )


def make_inbound_email(**fields: Any) -> InboundEmail:
    """A reply by e-mail that was posted (``raw`` is the message as received)."""
    return create(
        InboundEmail,
        fields,
        raw=lambda: "From: someone@example.org\nTo: reply+x@example.org\n\nThanks!\n",
        outcome=lambda: InboundOutcome.POSTED,
    )


def make_bounced_address(**fields: Any) -> BouncedAddress:
    return create(
        BouncedAddress,
        fields,
        address=lambda: f"gone-{next_number()}@example.org",
        last_bounced_at=timezone.now,
    )


def make_post_withheld(**fields: Any) -> PostWithheld:
    """A direct post ``person`` never gets (they had blocked its author)."""
    return create(PostWithheld, fields, post=make_post, person=make_user)
