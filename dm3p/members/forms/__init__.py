"""The membership forms, by subject."""

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
    SECTIONS,
    ProfileForm,
    availability_fields,
    time_zone_choices,
)

__all__ = [
    "REQUIRED_TO_SUBMIT",
    "SECTIONS",
    "ApplicationForm",
    "BulkDecisionForm",
    "CommunitySettingsForm",
    "DecisionForm",
    "DeleteAccountForm",
    "DirectoryForm",
    "PersonRolesForm",
    "ProfileForm",
    "ResumeLinkForm",
    "TermForm",
    "availability_fields",
    "time_zone_choices",
]
