"""Personal data: what export and erasure cover, model by model (``PERSONAL_DATA`` in
dm3p.members.hooks), and the members app's own entries.

Every model that points at a person is either registered (how to export its rows about
them, and how to erase them) or listed in ``PERSONAL_DATA_EXEMPT`` with the reason; a test
enforces it. Later apps register their own models from their ``handlers.py``.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry, DisplayPreference, EmailOptOut, OutboundEmail
from dm3p.members.hooks import (
    PERSONAL_DATA,
    PERSONAL_DATA_EXEMPT,
    PersonalData,
    PersonalDataExempt,
    Row,
)
from dm3p.members.models import Application, Profile


def personal_data_entries() -> list[PersonalData]:
    return sorted(PERSONAL_DATA, key=lambda entry: entry.order)


def personal_data_exempt() -> dict[str, str]:
    """Models that point at a person but hold nothing to export or erase, and why."""
    return {exempt.label: exempt.reason for exempt in PERSONAL_DATA_EXEMPT}


def personal_data_export(user: User) -> dict[str, list[Row]]:
    return {entry.title: entry.export(user) for entry in personal_data_entries()}


def personal_data_erase(user: User) -> None:
    for entry in personal_data_entries():
        entry.erase(user)


def _dicts(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    return [dict(row) for row in rows]


def when_exported(value: Any) -> str | None:
    """A moment as exported: ISO 8601, or None."""
    return value.isoformat() if value else None


def erased_with_the_account(user: User) -> None:
    """Rows go with the account (cascade) or lose their link to it (set null)."""


def _account(user: User) -> list[Row]:
    return [
        {
            "email": user.email,
            "name": user.name,
            "membership": user.get_membership_status_display(),
            "staff_roles": [role.label for role in user.staff_roles],
            "joined": when_exported(user.date_joined),
            "last_sign_in": when_exported(user.last_login),
        }
    ]


def _application(user: User) -> list[Row]:
    return [
        {
            "status": application.get_status_display(),
            "pronouns": application.pronouns,
            "professions": [term.label for term in application.professions.all()],
            "profession_other": application.profession_other,
            "stage": application.stage.label if application.stage else "",
            "specialty": application.specialty,
            "institution": application.institution,
            "joins_as": application.get_joins_as_display(),
            "hopes_to_get": application.hopes_to_get,
            "hopes_to_give": application.hopes_to_give,
            "heard_about": application.heard_about,
            "health_details": application.health_details or "",
            "health_consent_given": when_exported(application.health_consent_at),
            "code_of_conduct_agreed": when_exported(application.code_of_conduct_agreed_at),
            "submitted": when_exported(application.submitted_at),
            "decided": when_exported(application.decided_at),
            "question_from_organizers": application.info_request or "",
            "message_from_organizers": application.decision_message or "",
        }
        for application in Application.objects.filter(user=user)
    ]


def _profile(user: User) -> list[Row]:
    rows = []
    for profile in Profile.objects.filter(user=user):
        rows.append(
            {
                "display_name": profile.display_name,
                "pronouns": profile.pronouns,
                "has_photo": bool(profile.photo),
                "photo_alt_text": profile.photo_alt_text,
                "professions": [term.label for term in profile.professions.all()],
                "profession_other": profile.profession_other,
                "specialty": profile.specialty,
                "stage": profile.stage.label if profile.stage else "",
                "institution": profile.institution,
                "region": profile.region,
                "time_zone": profile.time_zone,
                "bio": profile.bio,
                "linkedin_url": profile.linkedin_url,
                "topics_offered": [term.label for term in profile.topics_offered.all()],
                "topics_offered_other": profile.topics_offered_other,
                "topics_sought": [term.label for term in profile.topics_sought.all()],
                "topics_sought_other": profile.topics_sought_other,
                "modes": [term.label for term in profile.modes.all()],
                "modes_other": profile.modes_other,
                "availability_hours_of_week": profile.availability,
                "lived_experience": profile.lived_experience or "",
                "lived_experience_categories": [
                    term.label for term in profile.lived_experience_categories.all()
                ],
                "lived_experience_years": profile.get_lived_experience_years_display()
                if profile.lived_experience_years
                else "",
                "health_consent_given": when_exported(profile.health_consent_at),
                "zoom_email": profile.zoom_email,
                "who_can_see_each_field": profile.visibility,
            }
        )
    return rows


def _erase_applications(user: User) -> None:
    Application.objects.filter(user=user).delete()


def _erase_outbound_emails(user: User) -> None:
    OutboundEmail.objects.filter(recipient=user).delete()


def _erase_profile(user: User) -> None:
    for profile in Profile.objects.filter(user=user):
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()


# The members app's entries, registered from its handlers.py. Shown in this order: the
# account, application and profile first (order 10 to 12), then what later apps keep about
# the person (conversations: 13 to 15), then the site's records of the person (20), then
# other apps' (the default, 50).
MEMBERS_PERSONAL_DATA = [
    PersonalData(User, "Account", _account, erased_with_the_account, order=10),
    PersonalData(Application, "Application", _application, _erase_applications, order=11),
    PersonalData(Profile, "Profile", _profile, _erase_profile, order=12),
    PersonalData(
        DisplayPreference,
        "Display settings",
        lambda user: _dicts(
            DisplayPreference.objects.filter(user=user).values(
                "theme", "text_size", "font", "motion"
            )
        ),
        erased_with_the_account,
        order=20,
    ),
    PersonalData(
        EmailOptOut,
        "E-mails turned off",
        lambda user: _dicts(EmailOptOut.objects.filter(user=user).values("kind")),
        erased_with_the_account,
        order=20,
    ),
    PersonalData(
        OutboundEmail,
        "E-mails sent to you",
        lambda user: [
            {"kind": email.kind, "status": email.status, "sent": when_exported(email.sent_at)}
            for email in OutboundEmail.objects.filter(recipient=user)
        ],
        _erase_outbound_emails,
        order=20,
    ),
    PersonalData(
        AuditEntry,
        "Records of actions on your account",
        lambda user: [
            {
                "action": entry.action,
                "when": when_exported(entry.created_at),
                "fields": entry.fields,
                "by_you": entry.actor_id == user.pk,
            }
            for entry in AuditEntry.objects.filter(subject_user=user)
        ],
        erased_with_the_account,
        order=20,
    ),
    PersonalData(
        EmailAddress,
        "E-mail addresses",
        lambda user: _dicts(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        erased_with_the_account,
        order=20,
    ),
    PersonalData(
        Authenticator,
        "Two-factor authentication",
        lambda user: [
            {
                "type": authenticator.get_type_display(),
                "added": when_exported(authenticator.created_at),
            }
            for authenticator in Authenticator.objects.filter(user=user)
        ],
        erased_with_the_account,
        order=20,
    ),
    PersonalData(
        UserSession,
        "Where you are signed in",
        lambda user: [
            {
                "ip": session.ip,
                "browser": session.user_agent,
                "started": when_exported(session.created_at),
            }
            for session in UserSession.objects.filter(user=user)
        ],
        erased_with_the_account,
        order=20,
    ),
]

MEMBERS_PERSONAL_DATA_EXEMPT = [
    PersonalDataExempt(
        "admin.logentry", "Django admin's own log of admins' changes; removed with the account."
    ),
    PersonalDataExempt(
        "pages.page", "Public pages written for the program; the editor's name is unlinked."
    ),
    PersonalDataExempt(
        "pages.pageimage", "Public images for pages; the uploader's name is unlinked."
    ),
    PersonalDataExempt("members.communitysettings", "Program settings, not about a person."),
]
