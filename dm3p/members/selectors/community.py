"""What organizers set for membership: settings, e-mail wordings, the lists."""

from django.db.models import QuerySet

from dm3p.members.enums import TermKind
from dm3p.members.messages import DEFAULTS
from dm3p.members.models import (
    CommunitySettings,
    EmailTemplate,
    Term,
)


def community_settings_get() -> CommunitySettings:
    return CommunitySettings.objects.filter(pk=1).first() or CommunitySettings(pk=1)


def email_template_get(*, key: str) -> EmailTemplate:
    """The organizers' wording of an e-mail, or the starting wording if never edited."""
    saved = EmailTemplate.objects.filter(key=key).first()
    if saved is not None:
        return saved
    default = DEFAULTS[key]
    return EmailTemplate(key=key, subject=default.subject, body=default.body)


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
