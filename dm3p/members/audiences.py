"""Who may see a profile field: the audiences a member chooses from, as a registry.

Each audience has a level that orders the choices from narrowest to widest. Someone in an
audience also sees what members show to every wider audience, except audiences whose people
depend on the member (a circle): those stay theirs alone, so what a member shows only to
their circle is not shown to organizers. The members app's own four are registered from its
handlers.py; later apps add theirs (the circles app adds "my circle") to
``dm3p.members.hooks.AUDIENCES``.
"""

from typing import Any

from dm3p.members.hooks import AUDIENCES, Audience

ONLY_ME = "only_me"
ORGANIZERS = "organizers"
MEMBERS = "members"
PUBLIC = "public"


def _by_key() -> dict[str, Audience]:
    return {audience.key: audience for audience in AUDIENCES}


def audiences(*, sensitive: bool = False, public_allowed: bool = True) -> list[Audience]:
    return sorted(
        (
            audience
            for audience in AUDIENCES
            if (audience.allowed_for_sensitive or not sensitive)
            and (public_allowed or audience.key != PUBLIC)
        ),
        key=lambda audience: audience.level,
    )


def audience_get(key: str) -> Audience:
    known = _by_key()
    return known.get(key) or known[ONLY_ME]


def audiences_seen_as(key: str) -> set[str]:
    """The audiences whose fields someone in audience ``key`` sees: it and every wider one
    that doesn't depend on the member."""
    chosen = audience_get(key)
    return {chosen.key} | {
        audience.key
        for audience in AUDIENCES
        if audience.level > chosen.level and not audience.per_member
    }


def viewer_audiences(*, viewer: Any, owner: Any) -> set[str]:
    """The audiences whose fields ``viewer`` sees on ``owner``'s profile."""
    if viewer == owner:
        return {audience.key for audience in AUDIENCES}
    seen: set[str] = set()
    for audience in AUDIENCES:
        if audience.includes(viewer, owner):
            seen |= audiences_seen_as(audience.key)
    return seen
