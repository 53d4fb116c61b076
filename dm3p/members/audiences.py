"""Who may see a profile field: the audiences a member chooses from, as a registry.

Each audience has a level; wider audiences have higher levels and include everyone in the
narrower ones. A viewer's level is the narrowest audience they belong to for a given
member, and they see a field when its audience's level is at least theirs. Later apps add
audiences (the circles app adds "my circle") with ``audience_register``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dm3p.accounts.rules import is_member, is_organizer


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    level: int
    includes: Callable[[Any, Any], bool]  # (viewer, owner) -> bool
    allowed_for_sensitive: bool = True


ONLY_ME = "only_me"
ORGANIZERS = "organizers"
MEMBERS = "members"
PUBLIC = "public"

_audiences: dict[str, Audience] = {}


def audience_register(audience: Audience) -> Audience:
    _audiences[audience.key] = audience
    return audience


def audiences(*, sensitive: bool = False, public_allowed: bool = True) -> list[Audience]:
    return sorted(
        (
            audience
            for audience in _audiences.values()
            if (audience.allowed_for_sensitive or not sensitive)
            and (public_allowed or audience.key != PUBLIC)
        ),
        key=lambda audience: audience.level,
    )


def audience_get(key: str) -> Audience:
    return _audiences.get(key) or _audiences[ONLY_ME]


def viewer_level(*, viewer: Any, owner: Any) -> int:
    """The narrowest audience ``viewer`` belongs to for ``owner``'s profile."""
    return min(
        (audience.level for audience in _audiences.values() if audience.includes(viewer, owner)),
        default=_audiences[PUBLIC].level,
    )


audience_register(Audience(ONLY_ME, "Only me", 0, lambda viewer, owner: viewer == owner))
audience_register(
    Audience(ORGANIZERS, "Organizers", 10, lambda viewer, owner: bool(is_organizer(viewer)))
)
audience_register(
    Audience(MEMBERS, "All members", 30, lambda viewer, owner: bool(is_member(viewer)))
)
audience_register(
    Audience(
        PUBLIC,
        "Anyone, including visitors",
        40,
        lambda viewer, owner: True,
        allowed_for_sensitive=False,
    )
)
