from dataclasses import dataclass

from django.db.models import QuerySet

from dm3p.core.emails import email_kinds_in_order
from dm3p.core.hooks import DECLARED_EMAILS, DeclaredEmail, EmailKind
from dm3p.core.models import (
    AuditEntry,
    DemoEmail,
    DisplayPreference,
    EmailOptOut,
    EmailWording,
    SiteSettings,
)
from dm3p.core.typing import Person


def site_settings_get() -> SiteSettings:
    """The site's settings; the defaults until an admin saves them."""
    return SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)


def site_time_zone() -> str:
    """The program's time zone, e.g. "America/New_York" (site settings)."""
    zone = SiteSettings.objects.filter(pk=1).values_list("time_zone", flat=True).first()
    return zone or SiteSettings().time_zone


def display_preference_of(*, user: Person) -> DisplayPreference | None:
    return DisplayPreference.objects.filter(user=user).first()


def email_kinds_with_choice(*, user: Person) -> list[tuple[EmailKind, bool]]:
    """Every kind of e-mail with whether this person receives it."""
    turned_off = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [(kind, kind.security or kind.key not in turned_off) for kind in email_kinds_in_order()]


def audit_entries_recent() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor", "subject_user")


def demo_emails_recent() -> QuerySet[DemoEmail]:
    return DemoEmail.objects.all()


@dataclass(frozen=True)
class Wording:
    """The words an e-mail goes out with: the organizers' (``edited``) or the shipped ones."""

    email: DeclaredEmail
    subject: str
    body: str
    edited: bool


def _wording(email: DeclaredEmail, saved: EmailWording | None) -> Wording:
    if saved is None:
        return Wording(email=email, subject=email.subject, body=email.body, edited=False)
    return Wording(email=email, subject=saved.subject, body=saved.body, edited=True)


def email_wording_get(*, email: DeclaredEmail) -> Wording:
    return _wording(email, EmailWording.objects.filter(key=email.key).first())


def email_wordings_all() -> list[Wording]:
    """Every declared e-mail with the words it goes out with, in declaration order."""
    saved = {wording.key: wording for wording in EmailWording.objects.all()}
    return [_wording(email, saved.get(email.key)) for email in DECLARED_EMAILS]
