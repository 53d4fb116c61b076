"""Factories for conversations: messages between members, blocks and reports."""

from typing import Any

from dm3p.conversations.models import Block, Message, Report, ReportNote
from tests.factories import make_user
from tests.factories.rows import create


def make_message(**fields: Any) -> Message:
    """A message from one member to another."""
    return create(
        Message, fields, sender=make_user, recipient=make_user, body=lambda: "Hello there."
    )


def make_block(**fields: Any) -> Block:
    return create(Block, fields, blocker=make_user, blocked=make_user)


def make_report(**fields: Any) -> Report:
    """A member's open report about another."""
    return create(
        Report, fields, reporter=make_user, about=make_user, reason=lambda: "Rude messages."
    )


def make_report_note(**fields: Any) -> ReportNote:
    return create(ReportNote, fields, report=make_report, text=lambda: "Called them.")
