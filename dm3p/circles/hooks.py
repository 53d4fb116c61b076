"""What later apps can add to circles, and what they can react to (``dm3p.core.hooks.Hook``;
later apps register from their ``handlers.py``).

- ``ROUND_PUBLISHED``: called with a round once its publication has committed
  (conversations: a private space for each of its circles).
- ``CIRCLE_PANELS``: panels on a circle's page, for its people (conversations: a link to
  the circle's own conversations).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dm3p.core.hooks import Hook

if TYPE_CHECKING:
    from dm3p.accounts.models import User
    from dm3p.circles.models import Circle, MatchingRound

# (round) -> None, after the transaction that published the round has committed.
RoundPublished = Callable[["MatchingRound"], None]

ROUND_PUBLISHED = Hook[RoundPublished]("after a round of circles is published")

# (circle, viewer: one of its people) -> (template, context) of a panel, or None.
CirclePanel = Callable[["Circle", "User"], tuple[str, dict[str, Any]] | None]

CIRCLE_PANELS = Hook[CirclePanel]("panels on a circle's page")


def round_published(round: "MatchingRound") -> None:
    for callback in ROUND_PUBLISHED:
        callback(round)


def circle_panels_for(circle: "Circle", viewer: "User") -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in CIRCLE_PANELS if (shown := panel(circle, viewer)) is not None]
