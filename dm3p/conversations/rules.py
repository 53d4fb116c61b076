"""Who may do what with conversations. Staff permissions were the members app's
(members.review_report, members.close_report) and are granted to the same people."""

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_member, is_organizer


@predicate
def made_the_report(user: Any, report: Any) -> bool:
    return report is not None and report.reporter_id == user.pk


@predicate
def is_reported(user: Any, report: Any) -> bool:
    return report is not None and report.about_id == user.pk


@predicate
def is_someone_else(user: Any, profile: Any) -> bool:
    """``profile`` is another person's (nobody messages, blocks or reports themselves)."""
    return profile is not None and profile.user_id != user.pk


takes_part = is_member | is_organizer

add_perm("conversations.view_inbox", takes_part)
add_perm("conversations.contact_member", takes_part & is_someone_else)
add_perm("conversations.review_report", is_organizer)
# Nobody decides a report they made, or one about themselves.
add_perm("conversations.close_report", is_organizer & ~made_the_report & ~is_reported)
