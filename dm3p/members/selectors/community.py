"""What organizers set for membership: settings and the lists."""

from django.db.models import QuerySet

from dm3p.members.enums import TermKind
from dm3p.members.models import (
    CommunitySettings,
    Term,
)


def community_settings_get() -> CommunitySettings:
    return CommunitySettings.objects.filter(pk=1).first() or CommunitySettings(pk=1)


def terms_active(*, kind: TermKind) -> QuerySet[Term]:
    return Term.objects.filter(kind=kind, is_active=True)


def terms_all() -> QuerySet[Term]:
    return Term.objects.all()


def terms_grouped() -> dict[str, list[Term]]:
    """Every list's terms, under the list's name, in one query."""
    grouped: dict[str, list[Term]] = {kind.label: [] for kind in TermKind}
    for term in terms_all():
        grouped[TermKind(term.kind).label].append(term)
    return grouped
