"""Factories for membership: lists, applications, profiles and settings."""

from typing import Any

from dm3p.members.enums import TermKind
from dm3p.members.models import (
    Application,
    CommunitySettings,
    Profile,
    Term,
)
from dm3p.members.profile_fields import default_visibility
from tests.factories import make_user
from tests.factories.rows import create


def make_term(kind: TermKind | str = TermKind.TOPIC, label: str = "Exams", **fields: Any) -> Term:
    """The entry ``label`` in the list ``kind`` (the existing one if it is there already)."""
    term, _ = Term.objects.get_or_create(kind=kind, label=label, defaults=fields)
    return term


def make_application(**fields: Any) -> Application:
    """An application (by default a new applicant's draft)."""
    return create(Application, fields, user=lambda: make_user(membership_status="applicant"))


def make_profile(**fields: Any) -> Profile:
    """A member's profile with the audiences a new profile starts with (``visibility``
    given here replaces them)."""
    return create(
        Profile,
        fields,
        user=make_user,
        display_name=lambda: "Rosa Example",
        visibility=default_visibility,
    )


def make_community_settings(**fields: Any) -> CommunitySettings:
    return create(CommunitySettings, {"pk": 1, **fields})
