"""Who may see a profile field: the audiences a member chooses from, as a registry.

Each audience has a level that orders the choices from narrowest to widest. Someone in an
audience also sees what members show to every wider audience, except audiences whose people
depend on the member (a circle): those stay theirs alone, so what a member shows only to
their circle is not shown to organizers. Later apps add audiences (the circles app adds
"my circle") with ``audience_register``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dm3p.accounts.rules import is_member, is_organizer_with_mfa


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    level: int
    includes: Callable[[Any, Any], bool]  # (viewer, owner) -> bool
    allowed_for_sensitive: bool = True
    # Its people depend on the member whose field it is (their circle).
    per_member: bool = False
    # Who they are, from the member's side: "the people in your circle".
    seen_by: str = ""

    @property
    def people(self) -> str:
        return self.seen_by or self.label.lower()


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


def audiences_seen_as(key: str) -> set[str]:
    """The audiences whose fields someone in audience ``key`` sees: it and every wider one
    that doesn't depend on the member."""
    chosen = audience_get(key)
    return {chosen.key} | {
        audience.key
        for audience in _audiences.values()
        if audience.level > chosen.level and not audience.per_member
    }


def viewer_audiences(*, viewer: Any, owner: Any) -> set[str]:
    """The audiences whose fields ``viewer`` sees on ``owner``'s profile."""
    if viewer == owner:
        return set(_audiences)
    seen: set[str] = set()
    for audience in _audiences.values():
        if audience.includes(viewer, owner):
            seen |= audiences_seen_as(audience.key)
    return seen


audience_register(Audience(ONLY_ME, "Only me", 0, lambda viewer, owner: viewer == owner))
# Organizers read what members show them only in a session that passed two-factor
# authentication, as staff pages ask; never in e-mails or exports.
audience_register(
    Audience(
        ORGANIZERS, "Organizers", 10, lambda viewer, owner: bool(is_organizer_with_mfa(viewer))
    )
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
