"""Profile sections: parts of a member's own profile page that later apps add (standing
accommodation needs, matching preferences), each with its own page to change it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dm3p.members.models import Profile


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: str
    # Rendered with ``section`` and ``data``; members/_section_rows.html shows data["rows"].
    template_name: str
    data: Callable[[Profile], dict[str, Any]]
    edit_url_name: str = ""
    order: int = 50


_sections: dict[str, ProfileSection] = {}


def profile_section_register(section: ProfileSection) -> ProfileSection:
    _sections[section.key] = section
    return section


def profile_section_unregister(key: str) -> None:
    _sections.pop(key, None)


def profile_sections() -> list[ProfileSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))
