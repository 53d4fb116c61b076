"""The membership forms, by subject."""

from dm3p.core.time_zones import TimeZoneField
from dm3p.members.forms.account import (
    DeleteAccountForm,
)
from dm3p.members.forms.applications import (
    REQUIRED_TO_SUBMIT,
    ApplicationForm,
    BulkDecisionForm,
    DecisionForm,
    ResumeLinkForm,
)
from dm3p.members.forms.community import (
    CommunitySettingsForm,
    TermForm,
)
from dm3p.members.forms.directory import (
    DirectoryForm,
)
from dm3p.members.forms.people import (
    PersonRolesForm,
)
from dm3p.members.forms.profiles import (
    PROFILE_FORM_SECTIONS,
    PROFILE_FORM_SECTIONS_BY_KEY,
    ProfileForm,
    ProfileFormSection,
    availability_fields,
)

__all__ = [
    "PROFILE_FORM_SECTIONS",
    "PROFILE_FORM_SECTIONS_BY_KEY",
    "REQUIRED_TO_SUBMIT",
    "ApplicationForm",
    "BulkDecisionForm",
    "CommunitySettingsForm",
    "DecisionForm",
    "DeleteAccountForm",
    "DirectoryForm",
    "PersonRolesForm",
    "ProfileForm",
    "ProfileFormSection",
    "ResumeLinkForm",
    "TermForm",
    "TimeZoneField",
    "availability_fields",
]
