"""Who may do what with conversations. Staff permissions were the members app's
(members.review_report, members.close_report) and are granted to the same people."""

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_member, is_organizer
from dm3p.conversations.enums import PostState


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
# Moderating conversations: which post or thread is decided by selectors/moderation.py.
add_perm("conversations.moderate", is_organizer)
add_perm("conversations.report_post", takes_part)


# Post actions (issue 14): what a person may do with a post they can already see (the
# views find it through posts_visible_to first, so these never widen who sees what).
@predicate
def wrote_post(user: Any, post: Any) -> bool:
    return post is not None and post.author_id is not None and post.author_id == user.pk


@predicate
def post_still_editable(user: Any, post: Any) -> bool:
    """Shown or waiting for review: not hidden while reviewed, nor removed."""
    return post is not None and post.state in (PostState.SHOWN, PostState.HELD)


@predicate
def post_not_removed(user: Any, post: Any) -> bool:
    return post is not None and post.state not in (
        PostState.REMOVED,
        PostState.REMOVED_BY_MODERATOR,
    )


@predicate
def post_shown(user: Any, post: Any) -> bool:
    return post is not None and post.state == PostState.SHOWN


add_perm("conversations.edit_post", takes_part & wrote_post & post_still_editable)
add_perm("conversations.delete_post", takes_part & wrote_post & post_not_removed)
add_perm("conversations.react_to_post", takes_part & post_shown)
add_perm("conversations.view_post_history", is_organizer)

# The conversation pages (spaces, threads, posts): which ones a person sees is the access
# selectors' work; these say who has any.
add_perm("conversations.take_part", takes_part)
add_perm("conversations.manage_spaces", is_organizer)
