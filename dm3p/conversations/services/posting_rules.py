"""How much a person may post, and whether a new post is shown at once."""

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState, SpaceKind
from dm3p.conversations.models import Post, Space
from dm3p.core.ratelimits import Limit, within_limits
from dm3p.core.selectors import site_settings_get

POSTS_IN_TEN_MINUTES = 10
POSTS_PER_DAY = 60
POSTING_LIMITS = (Limit(POSTS_IN_TEN_MINUTES, 600), Limit(POSTS_PER_DAY, 86400))


def within_posting_limits(author: User) -> bool:
    """Count one more post by ``author``; False when they have posted a lot recently."""
    return within_limits(scope="posts", key=str(author.pk), limits=POSTING_LIMITS)


def posting_limit_message() -> str:
    return (
        "You've posted a lot in a short time; wait 10 minutes and send it again. "
        "What you wrote is still here."
    )


def state_for_new_post(author: User, space: Space | None) -> PostState:
    """Held for an organizer to read when the site holds first posts (Site settings), for
    a member with no post shown yet, in a topic or gatherings space; never in a circle's
    space nor a direct conversation (``space`` None), which organizers don't read. Shown
    at once otherwise."""
    if space is None or space.kind == SpaceKind.CIRCLE or author.has_staff_role:
        return PostState.SHOWN
    if not site_settings_get().hold_first_posts:
        return PostState.SHOWN
    if Post.objects.filter(author=author, state=PostState.SHOWN).exists():
        return PostState.SHOWN
    return PostState.HELD
