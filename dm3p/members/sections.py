"""Profile sections later apps add to a member's own profile page (``PROFILE_SECTIONS`` in
dm3p.members.hooks), in the order they are shown."""

from dm3p.members.hooks import PROFILE_SECTIONS
from dm3p.members.hooks import ProfileSection as ProfileSection  # for later apps, until integration

# The name accommodations and circles register with until they use
# PROFILE_SECTIONS.register (issue 11 integration).
profile_section_register = PROFILE_SECTIONS.register


def profile_sections() -> list[ProfileSection]:
    return sorted(PROFILE_SECTIONS, key=lambda section: (section.order, section.key))
