from django.db.models import QuerySet

from dm3p.core.emails import EmailKind, email_kinds
from dm3p.core.models import AuditEntry, DemoEmail, DisplayPreference, EmailOptOut, SiteSettings
from dm3p.core.typing import Person


def site_settings_get() -> SiteSettings:
    """The site's settings; the defaults until an admin saves them."""
    return SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)


def display_preference_of(*, user: Person) -> DisplayPreference | None:
    return DisplayPreference.objects.filter(user=user).first()


def email_kinds_with_choice(*, user: Person) -> list[tuple[EmailKind, bool]]:
    """Every kind of e-mail with whether this person receives it."""
    turned_off = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [(kind, kind.security or kind.key not in turned_off) for kind in email_kinds()]


def audit_entries_recent() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor", "subject_user")


def demo_emails_recent() -> QuerySet[DemoEmail]:
    return DemoEmail.objects.all()
