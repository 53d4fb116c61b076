from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_member, is_organizer


@predicate
def is_in_published_circle(user: Any, circle: Any) -> bool:
    """A circle's own people see it once it is published; nobody else does."""
    return bool(
        circle is not None
        and circle.round.published_at is not None
        and circle.memberships.filter(member=user).exists()
    )


add_perm("circles.manage_breakouts", is_organizer)
add_perm("circles.manage_rounds", is_organizer)
add_perm("circles.join_round", is_member)
# A circle's page and check-in, for one circle: ``has_perm("circles.see_circle", circle)``.
# Someone declined or suspended since no longer sees it.
add_perm("circles.see_circle", is_member & is_in_published_circle)
