"""How much a person may post, and whether a new post is shown at once."""

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.core.ratelimits import Limit, within_limits

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


def state_for_new_post(author: User) -> PostState:
    """Shown at once (the moderation settings may hold a new member's first posts)."""
    return PostState.SHOWN
