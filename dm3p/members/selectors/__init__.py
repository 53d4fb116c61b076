"""Every read about membership that matters, by subject; those whose answer depends on who
looks take the viewer."""

from dm3p.members.selectors.applications import (
    application_counts,
    application_of,
    application_unfinished_for,
    applications_for_review,
)
from dm3p.members.selectors.community import (
    community_settings_get,
    terms_active,
    terms_all,
    terms_grouped,
)
from dm3p.members.selectors.directory import (
    DirectoryFilters,
    directory_fields_revealed,
    directory_text_revealed,
    directory_visible_to,
)
from dm3p.members.selectors.people import (
    organizers_active,
    people_for_admin,
)
from dm3p.members.selectors.profiles import (
    APPLICATION_HEALTH,
    SensitiveView,
    ShownField,
    field_audience,
    profile_fields_for_audiences,
    profile_fields_visible_to,
    profile_of_member,
    profile_own,
    profile_photo_visible_to,
    profiles_with_terms,
    sensitive_views_of,
)

__all__ = [
    "APPLICATION_HEALTH",
    "DirectoryFilters",
    "SensitiveView",
    "ShownField",
    "application_counts",
    "application_of",
    "application_unfinished_for",
    "applications_for_review",
    "community_settings_get",
    "directory_fields_revealed",
    "directory_text_revealed",
    "directory_visible_to",
    "field_audience",
    "organizers_active",
    "people_for_admin",
    "profile_fields_for_audiences",
    "profile_fields_visible_to",
    "profile_of_member",
    "profile_own",
    "profile_photo_visible_to",
    "profiles_with_terms",
    "sensitive_views_of",
    "terms_active",
    "terms_all",
    "terms_grouped",
]
