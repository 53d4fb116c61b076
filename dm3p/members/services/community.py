"""What organizers set for membership: community settings and the lists
members choose from."""

from dataclasses import dataclass

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.core.services import (
    answers_save,
)
from dm3p.members.enums import TermKind
from dm3p.members.models import (
    CommunitySettings,
    Term,
)


@dataclass(frozen=True)
class CommunitySettingsAnswers:
    discord_invite_url: str
    linkedin_group_url: str
    retention_days: int


@dataclass(frozen=True)
class TermAnswers:
    kind: TermKind
    label: str
    order: int
    is_active: bool


@transaction.atomic
def community_settings_update(*, actor: User, answers: CommunitySettingsAnswers) -> None:
    community, _ = CommunitySettings.objects.select_for_update().get_or_create(pk=1)
    answers_save(
        actor=actor, instance=community, answers=answers, action="community_settings.update"
    )


@transaction.atomic
def term_save(*, actor: User, term_id: int | None, answers: TermAnswers) -> Term:
    """Change the term ``term_id`` (or add one, given None) to the answers."""
    term = Term.objects.select_for_update().get(pk=term_id) if term_id is not None else Term()
    answers_save(actor=actor, instance=term, answers=answers, action="term.save")
    return term
