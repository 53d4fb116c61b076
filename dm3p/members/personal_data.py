"""The personal-data registry: what export and erasure cover, model by model.

Every model that points at a person is either registered here (how to export its rows about
them, and how to erase them) or listed as exempt with the reason; a test enforces it. Later
apps register their own models with ``personal_data_register``.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import Model

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry, DisplayPreference, EmailOptOut, OutboundEmail
from dm3p.members.models import Application, Block, Message, Profile, Report

Row = dict[str, Any]


@dataclass(frozen=True)
class PersonalData:
    model: type[Model]
    title: str
    export: Callable[[User], list[Row]]
    erase: Callable[[User], None]


_registry: dict[str, PersonalData] = {}

# Models that point at a person but hold nothing to export or erase, and why.
EXEMPT: dict[str, str] = {
    "admin.logentry": "Django admin's own log of admins' changes; removed with the account.",
    "pages.page": "Public pages written for the program; the editor's name is unlinked.",
    "pages.pageimage": "Public images for pages; the uploader's name is unlinked.",
    "members.communitysettings": "Program settings, not about a person.",
    "members.reportnote": "Organizers' notes on a report; the author's name is unlinked.",
}


def personal_data_register(entry: PersonalData) -> None:
    _registry[entry.model._meta.label_lower] = entry


def personal_data_entries() -> list[PersonalData]:
    return list(_registry.values())


def personal_data_export(user: User) -> dict[str, list[Row]]:
    return {entry.title: entry.export(user) for entry in personal_data_entries()}


def personal_data_erase(user: User) -> None:
    for entry in personal_data_entries():
        entry.erase(user)


def _dicts(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    return [dict(row) for row in rows]


def _when(value: Any) -> str | None:
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
            "joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
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
            "health_consent_given": _when(application.health_consent_at),
            "code_of_conduct_agreed": _when(application.code_of_conduct_agreed_at),
            "submitted": _when(application.submitted_at),
            "decided": _when(application.decided_at),
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
                "health_consent_given": _when(profile.health_consent_at),
                "zoom_email": profile.zoom_email,
                "who_can_see_each_field": profile.visibility,
            }
        )
    return rows


def _messages(user: User) -> list[Row]:
    return [
        {
            "direction": "sent" if message.sender_id == user.pk else "received",
            "when": _when(message.created_at),
            "text": message.body,
        }
        for message in Message.objects.filter(sender=user)
        | Message.objects.filter(recipient=user, delivered=True)
    ]


def _reports(user: User) -> list[Row]:
    """Reports the person made. Reports about them stay with the organizers, unexported, so
    that nobody learns who reported them."""
    return [
        {
            "when": _when(report.created_at),
            "what_happened": report.reason,
            "status": report.get_status_display(),
            "outcome": report.get_outcome_display(),
            "message_from_organizers": report.outcome_message or "",
        }
        for report in Report.objects.filter(reporter=user)
    ]


def _erase_applications(user: User) -> None:
    Application.objects.filter(user=user).delete()


def _erase_messages(user: User) -> None:
    """Messages never delivered (the recipient blocked the sender) were the sender's only."""
    Message.objects.filter(sender=user, delivered=False).delete()


def _erase_outbound_emails(user: User) -> None:
    OutboundEmail.objects.filter(recipient=user).delete()


def _erase_profile(user: User) -> None:
    for profile in Profile.objects.filter(user=user):
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()


for registered in [
    PersonalData(User, "Account", _account, erased_with_the_account),
    PersonalData(Application, "Application", _application, _erase_applications),
    PersonalData(Profile, "Profile", _profile, _erase_profile),
    # Received messages go with the account; sent ones stay with their recipients, unsigned
    # (those never delivered go too).
    PersonalData(Message, "Messages", _messages, _erase_messages),
    PersonalData(
        Block,
        "People you blocked",
        lambda user: [
            {"blocked": str(block.blocked)}
            for block in Block.objects.filter(blocker=user).select_related("blocked")
        ],
        erased_with_the_account,
    ),
    PersonalData(Report, "Reports you made", _reports, erased_with_the_account),
    PersonalData(
        DisplayPreference,
        "Display settings",
        lambda user: _dicts(
            DisplayPreference.objects.filter(user=user).values(
                "theme", "text_size", "font", "motion"
            )
        ),
        erased_with_the_account,
    ),
    PersonalData(
        EmailOptOut,
        "E-mails turned off",
        lambda user: _dicts(EmailOptOut.objects.filter(user=user).values("kind")),
        erased_with_the_account,
    ),
    PersonalData(
        OutboundEmail,
        "E-mails sent to you",
        lambda user: [
            {"kind": email.kind, "status": email.status, "sent": _when(email.sent_at)}
            for email in OutboundEmail.objects.filter(recipient=user)
        ],
        _erase_outbound_emails,
    ),
    PersonalData(
        AuditEntry,
        "Records of actions on your account",
        lambda user: [
            {
                "action": entry.action,
                "when": _when(entry.created_at),
                "fields": entry.fields,
                "by_you": entry.actor_id == user.pk,
            }
            for entry in AuditEntry.objects.filter(subject_user=user)
        ],
        erased_with_the_account,
    ),
    PersonalData(
        EmailAddress,
        "E-mail addresses",
        lambda user: _dicts(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        erased_with_the_account,
    ),
    PersonalData(
        Authenticator,
        "Two-factor authentication",
        lambda user: [
            {"type": authenticator.get_type_display(), "added": _when(authenticator.created_at)}
            for authenticator in Authenticator.objects.filter(user=user)
        ],
        erased_with_the_account,
    ),
    PersonalData(
        UserSession,
        "Where you are signed in",
        lambda user: [
            {"ip": session.ip, "browser": session.user_agent, "started": _when(session.created_at)}
            for session in UserSession.objects.filter(user=user)
        ],
        erased_with_the_account,
    ),
]:
    personal_data_register(registered)
