"""Factories for conversations: messages between members, blocks and reports."""

from typing import Any

from dm3p.conversations.models import Block, Conversation, Message, Report, ReportNote
from dm3p.conversations.services import conversation_between
from tests.factories import make_user
from tests.factories.rows import create


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
