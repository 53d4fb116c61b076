"""What conversations add to earlier apps through their hooks: the buttons to message, block
or report on a member's profile, and what export and erasure cover (members); links to
messages and reports in the header and the staff menu (core)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.conversations import search as conversations_search
from dm3p.conversations.demo import demo_conversations
from dm3p.conversations.models import Block, Message, Report
from dm3p.conversations.selectors.messages import block_exists, unread_count
from dm3p.conversations.selectors.messages import home_panel as messages_home_panel
from dm3p.conversations.staff_home import reports_panel
from dm3p.core.hooks import (
    DEMO_STEPS,
    HOME_PANELS,
    NAV_MAIN,
    NAV_STAFF,
    STAFF_HOME_PANELS,
    DemoStep,
    NavLink,
    PagePanel,
)
from dm3p.members.hooks import (
    MEMBER_PROFILE_PANELS,
    PERSONAL_DATA,
    PERSONAL_DATA_EXEMPT,
    PersonalData,
    PersonalDataExempt,
    Row,
)
from dm3p.members.models import Profile
from dm3p.members.personal_data import erased_with_the_account, when_exported


def contact_panel(profile: Profile, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    if profile.user_id == viewer.pk:
        return None
    return "conversations/_profile_panel.html", {
        "blocked": block_exists(blocker=viewer, blocked=profile.user)
    }


def _messages(user: User) -> list[Row]:
    return [
        {
            "direction": "sent" if message.sender_id == user.pk else "received",
            "when": when_exported(message.created_at),
            # When the person opened a message they received (the sender's reading is theirs).
            "read_at": when_exported(message.read_at) if message.recipient_id == user.pk else None,
            "text": message.body,
        }
        for message in Message.objects.filter(sender=user)
        | Message.objects.filter(recipient=user, delivered=True)
    ]


def _reports(user: User) -> list[Row]:
    """Reports the person made. Reports about them stay with the organizers, unexported, so
    that nobody learns who reported them."""
    return [
        {
            "when": when_exported(report.created_at),
            "what_happened": report.reason,
            "status": report.get_status_display(),
            "outcome": report.get_outcome_display(),
            "message_from_organizers": report.outcome_message or "",
        }
        for report in Report.objects.filter(reporter=user)
    ]


def _erase_messages(user: User) -> None:
    """Messages never delivered (the recipient blocked the sender) were the sender's only."""
    Message.objects.filter(sender=user, delivered=False).delete()


def _blocks(user: User) -> list[Row]:
    return [
        {"blocked": block.blocked.display_name}
        for block in Block.objects.filter(blocker=user).select_related("blocked__profile")
    ]


def main_links(request: HttpRequest) -> list[NavLink]:
    """Messages, saying in words how many are new ("Messages, 2 new"): one query."""
    if request.user.has_perm("conversations.view_inbox"):
        unread = unread_count(request)
        label = f"Messages, {unread} new" if unread else "Messages"
        return [NavLink(label, reverse("conversations:inbox"), order=40)]
    return []


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.review_report"):
        return [NavLink("Reports", reverse("conversations:report_queue"), order=15)]
    return []


def connect() -> None:
    """Register conversations' entries in the other apps' hooks (from
    ConversationsConfig.ready)."""
    # search: what search finds here, kept in step with each change.
    conversations_search.connect()
    HOME_PANELS.register(PagePanel(order=40, name="messages", show=messages_home_panel, aside=True))
    MEMBER_PROFILE_PANELS.register(contact_panel)
    # Received messages go with the account; sent ones stay with their recipients, unsigned
    # (those never delivered go too).
    PERSONAL_DATA.register(PersonalData(Message, "Messages", _messages, _erase_messages, order=13))
    PERSONAL_DATA.register(
        PersonalData(Block, "People you blocked", _blocks, erased_with_the_account, order=14)
    )
    PERSONAL_DATA.register(
        PersonalData(Report, "Reports you made", _reports, erased_with_the_account, order=15)
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.conversation",
            "Only who a conversation is between; its messages are under Messages.",
        )
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.reportnote",
            "Organizers' notes on a report; the author's name is unlinked.",
        )
    )
    NAV_MAIN.register(main_links)
    NAV_STAFF.register(staff_links)
    STAFF_HOME_PANELS.register(PagePanel(order=10, name="reports", show=reports_panel))
    DEMO_STEPS.register(DemoStep(order=70, name="conversations", run=demo_conversations))
