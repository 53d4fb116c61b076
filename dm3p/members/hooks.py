"""The hooks the members app offers to later apps (dm3p.core.hooks), in one place.

Later apps register entries from their ``handlers.py``; an entry with the key of one already
registered replaces it in place.

``AUDIENCES``: who a member can let see a profile field ("only me", "organizers", "all
    members", "anyone" are the members app's own; circles adds "my circle"). Known by key;
    read through ``dm3p.members.audiences``.
``PROFILE_SECTIONS``: parts of a member's own profile page, each with its own page to change
    it (standing access needs, matching preferences). Known by key; shown by ``order``.
``MEMBER_PROFILE_PANELS``: what a later app shows on another member's profile page (a way
    to message, block or report them): ``(profile, viewer) -> (template, context)``, or None
    to show nothing to this viewer. Known by the function.
``ORGANIZER_FIELD_PAGES``: the view names of pages that show members' profile fields by
    audience, where an organizer is told that what members share only with organizers is
    hidden until two-factor authentication. Known by the view name.
``PERSONAL_DATA``: what export and erasure cover, model by model (every model that points
    at a person is here or in ``PERSONAL_DATA_EXEMPT``; a test enforces it). Known by the
    model; exported in ``order``, then as registered.
``PERSONAL_DATA_EXEMPT``: models that point at a person but hold nothing to export or erase,
    with the reason. Known by the model's label.
``DELETION_CHOICES``: a question on the account deletion page about what happens to what
    the person leaves behind for others (conversations: remove my posts, or leave them
    signed "former member"); the answer is carried out before the erasure. Known by key.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from dm3p.accounts.models import User
from dm3p.core.hooks import Hook
from dm3p.members.models import Profile


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    level: int  # orders the choices from narrowest to widest
    includes: Callable[[Any, Any], bool]  # (viewer, owner) -> whether viewer is in it
    allowed_for_sensitive: bool = True
    # Its people depend on the member whose field it is (their circle).
    per_member: bool = False
    # Who they are, from the member's side: "the people in your circle".
    seen_by: str = ""

    @property
    def people(self) -> str:
        return self.seen_by or self.label.lower()


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: str
    # Rendered with ``section`` and ``data``; members/_section_rows.html shows data["rows"].
    template_name: str
    data: Callable[[Profile], dict[str, Any]]
    edit_url_name: str = ""
    order: int = 50


# (profile, viewer) -> (template name, context), or None.
MemberProfilePanel = Callable[[Profile, Any], "tuple[str, dict[str, Any]] | None"]

Row = dict[str, Any]


@dataclass(frozen=True)
class PersonalData:
    model: type[Model]
    title: str
    export: Callable[[User], list[Row]]
    erase: Callable[[User], None]
    order: int = 50


@dataclass(frozen=True)
class PersonalDataExempt:
    label: str  # the model's label, e.g. "pages.page"
    reason: str


@dataclass(frozen=True)
class DeletionChoice:
    key: str  # the form field's name
    question: str
    choices: list[tuple[str, str]]  # (value, plain words)
    default: str
    carry_out: Callable[[User, str], None]  # (person, chosen value), before the erasure
    hint: str = ""


AUDIENCES: Hook[Audience] = Hook("members.audiences", key=lambda audience: audience.key)
PROFILE_SECTIONS: Hook[ProfileSection] = Hook(
    "members.profile_sections", key=lambda section: section.key
)
MEMBER_PROFILE_PANELS: Hook[MemberProfilePanel] = Hook("members.member_profile_panels")
ORGANIZER_FIELD_PAGES: Hook[str] = Hook("members.organizer_field_pages", key=lambda name: name)
PERSONAL_DATA: Hook[PersonalData] = Hook(
    "members.personal_data", key=lambda entry: entry.model._meta.label_lower
)
PERSONAL_DATA_EXEMPT: Hook[PersonalDataExempt] = Hook(
    "members.personal_data_exempt", key=lambda exempt: exempt.label
)
DELETION_CHOICES: Hook[DeletionChoice] = Hook(
    "members.deletion_choices", key=lambda choice: choice.key
)
