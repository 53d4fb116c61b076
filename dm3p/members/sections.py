"""Profile sections later apps add to a member's own profile page (``PROFILE_SECTIONS`` in
dm3p.members.hooks), in the order they are shown."""

from dm3p.members.hooks import PROFILE_SECTIONS, ProfileSection


def profile_sections() -> list[ProfileSection]:
    return sorted(PROFILE_SECTIONS, key=lambda section: (section.order, section.key))
