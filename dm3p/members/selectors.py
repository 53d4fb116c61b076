from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.accounts.rules import is_organizer_with_mfa
from dm3p.accounts.selectors import members_now_q, people_active
from dm3p.core.models import AuditEntry
from dm3p.members.audiences import (
    MEMBERS,
    ORGANIZERS,
    Audience,
    audience_get,
    audiences_seen_as,
    viewer_audiences,
)
from dm3p.members.availability import availability_summary
from dm3p.members.enums import ApplicationStatus, ReportStatus, TermKind
from dm3p.members.models import (
    Application,
    Block,
    CommunitySettings,
    Message,
    Profile,
    Report,
    Term,
)
from dm3p.members.profile_fields import FIELDS_BY_NAME, PROFILE_FIELDS


def organizers_active() -> QuerySet[User]:
    """Organizers who can still act: alerts for organizers go to these."""
    return people_active().filter(is_organizer=True).order_by("pk")


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


def applications_for_review(*, status: str | None = None) -> QuerySet[Application]:
    """Applications organizers work on; drafts stay private to the applicant."""
    applications = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("user", "stage")
        .prefetch_related("professions")
    )
    if status:
        applications = applications.filter(status=status)
    return applications


def application_of(*, user_id: int | None) -> Application | None:
    if user_id is None:
        return None
    return (
        Application.objects.select_related("user", "stage")
        .prefetch_related("professions")
        .filter(user_id=user_id)
        .first()
    )


def application_unfinished_for(*, email: str) -> Application | None:
    """An application still being written (or answering a question) for this address."""
    return (
        Application.objects.filter(
            user__email__iexact=email,
            status__in=[ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO],
        )
        .select_related("user")
        .first()
    )


def people_for_admin(*, query: str = "") -> QuerySet[User]:
    people = User.objects.order_by("email")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(name__icontains=query))
    return people


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    value: str | list[str]
    audience: str
    sensitive: bool


def _labels(terms: Iterable[Term], other: str = "") -> list[str]:
    labels = [term.label for term in terms]
    return [*labels, other] if other else labels


def _field_value(profile: Profile, name: str) -> str | list[str]:
    """A field's value as text (or a list of texts) for reading; "" when empty."""
    if name == "professions":
        return _labels(profile.professions.all(), profile.profession_other)
    if name == "topics_offered":
        return _labels(profile.topics_offered.all(), profile.topics_offered_other)
    if name == "topics_sought":
        return _labels(profile.topics_sought.all(), profile.topics_sought_other)
    if name == "lived_experience_categories":
        return _labels(profile.lived_experience_categories.all())
    if name == "modes":
        return _labels(profile.modes.all(), profile.modes_other)
    if name == "stage":
        return profile.stage.label if profile.stage else ""
    if name == "availability":
        return availability_summary(profile.availability or [])
    if name == "photo":
        return reverse("members:photo", args=[profile.user_id]) if profile.photo else ""
    if name == "lived_experience_years":
        return (
            profile.get_lived_experience_years_display() if profile.lived_experience_years else ""
        )
    if name == "lived_experience":
        return profile.lived_experience or ""
    return str(getattr(profile, name) or "")


def field_audience(profile: Profile | None, name: str) -> Audience:
    """Who ``profile``'s owner lets see field ``name`` (its default if they never chose)."""
    chosen = (profile.visibility or {}) if profile else {}
    return audience_get(chosen.get(name, FIELDS_BY_NAME[name].default_audience))


def profile_fields_for_audiences(*, profile: Profile, seen: set[str]) -> list[ShownField]:
    """The filled-in fields shown to the ``seen`` audiences (see audiences)."""
    shown = []
    for field in PROFILE_FIELDS:
        audience = field_audience(profile, field.name)
        if audience.key not in seen:
            continue
        value = _field_value(profile, field.name)
        if value:
            shown.append(
                ShownField(field.name, field.label, value, audience.label, field.sensitive)
            )
    return shown


def profile_fields_visible_to(*, profile: Profile, viewer: Any) -> list[ShownField]:
    return profile_fields_for_audiences(
        profile=profile, seen=viewer_audiences(viewer=viewer, owner=profile.user)
    )


def _profiles() -> QuerySet[Profile]:
    return Profile.objects.select_related("user", "stage").prefetch_related(
        "professions", "topics_offered", "topics_sought", "modes", "lived_experience_categories"
    )


def profile_of_member(*, user_id: int) -> Profile | None:
    """A member's profile, while they are a member (others have none to show)."""
    return _profiles().filter(members_now_q("user"), user_id=user_id).first()


def profile_photo_visible_to(*, user_id: int, viewer: Any) -> Profile | None:
    """A member's profile, when it has a photo ``viewer`` may see (visitors included)."""
    profile = profile_of_member(user_id=user_id)
    if profile is None or not profile.photo:
        return None
    shown = field_audience(profile, "photo").key in viewer_audiences(
        viewer=viewer, owner=profile.user
    )
    return profile if shown else None


def profile_own(*, user: Any) -> Profile | None:
    return _profiles().filter(user=user).first()


@dataclass(frozen=True)
class DirectoryFilters:
    name: str = ""
    profession: Term | None = None
    stage: Term | None = None
    specialty: str = ""
    region: str = ""
    time_zone: str = ""
    topic: Term | None = None
    condition: Term | None = None


def _audiences_seen_by(viewer: Any) -> list[str]:
    """Audiences whose fields ``viewer`` sees on every member's profile (a circle, which
    depends on the member, is left out: filters never reveal more than pages do)."""
    return sorted(audiences_seen_as(ORGANIZERS if is_organizer_with_mfa(viewer) else MEMBERS))


def directory_visible_to(*, viewer: Any, filters: DirectoryFilters) -> QuerySet[Profile]:
    """Members now, filtered only on fields each member lets this viewer see."""
    seen = _audiences_seen_by(viewer)
    found = _profiles().filter(members_now_q("user"))

    def visible(field: str) -> Q:
        return Q(**{f"visibility__{field}__in": seen})

    if filters.name:
        found = found.filter(display_name__icontains=filters.name)
    if filters.profession:
        found = found.filter(visible("professions"), professions=filters.profession)
    if filters.stage:
        found = found.filter(visible("stage"), stage=filters.stage)
    if filters.specialty:
        found = found.filter(visible("specialty"), specialty__icontains=filters.specialty)
    if filters.region:
        found = found.filter(visible("region"), region__icontains=filters.region)
    if filters.time_zone:
        found = found.filter(visible("time_zone"), time_zone=filters.time_zone)
    if filters.topic:
        found = found.filter(visible("topics_offered"), topics_offered=filters.topic)
    if filters.condition:
        found = found.filter(
            visible("lived_experience_categories"),
            lived_experience_categories=filters.condition,
        )
    return found.distinct()


def directory_fields_revealed(filters: DirectoryFilters) -> list[str]:
    """The fields whose value every member found is shown to have, by the filters alone
    (finding people by a kind of illness tells that each of them has it)."""
    chosen = {
        "professions": filters.profession,
        "stage": filters.stage,
        "specialty": filters.specialty,
        "region": filters.region,
        "time_zone": filters.time_zone,
        "topics_offered": filters.topic,
        "lived_experience_categories": filters.condition,
    }
    return [name for name, value in chosen.items() if value]


@dataclass(frozen=True)
class SensitiveView:
    """Someone was shown a member's health information: who, when and which parts."""

    who: str
    at: datetime
    fields: list[str]


def _viewer_name(actor: User | None) -> str:
    # Names only, as members see each other: never an e-mail address.
    if actor is None:
        return "Someone no longer in the program"
    return actor.display_name


def sensitive_views_of(*, user: Any) -> list[SensitiveView]:
    """Who was shown this member's health information, the latest first (shown to the
    member): staff opening it, and members shown it on a profile, a circle page or in the
    directory's results."""
    entries = AuditEntry.objects.filter(
        subject_user=user, action__in=["profile.view_sensitive", "application.view_sensitive"]
    ).select_related("actor__profile")[:50]
    return [
        SensitiveView(
            who=_viewer_name(entry.actor),
            at=entry.created_at,
            fields=[
                FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else APPLICATION_HEALTH
                for name in entry.fields
            ],
        )
        for entry in entries
    ]


APPLICATION_HEALTH = "What you told us about your health when you applied"


def messages_received(*, user: Any) -> QuerySet[Message]:
    return Message.objects.filter(recipient=user, delivered=True).select_related("sender__profile")


def messages_sent(*, user: Any) -> QuerySet[Message]:
    return Message.objects.filter(sender=user).select_related("recipient__profile")


def message_for(*, pk: int, user: Any) -> Message | None:
    """A message its sender or recipient may read; nobody else (not even organizers,
    who see a message only when it is reported). A message withheld from a recipient who
    blocked the sender is the sender's only."""
    return (
        Message.objects.select_related("sender__profile", "recipient__profile")
        .filter(Q(sender=user) | Q(recipient=user, delivered=True), pk=pk)
        .first()
    )


def message_received_by(*, pk: int, user: Any) -> Message | None:
    """A message ``user`` received (only the recipient may report it)."""
    message = message_for(pk=pk, user=user)
    return message if message is not None and message.recipient_id == user.pk else None


def reply_address_for(*, message: Message, viewer: Any) -> str:
    """The sender's address, for the recipient only, and only if the sender chose to share
    it; otherwise ""."""
    if message.recipient_id == viewer.pk and message.reveal_email and message.sender:
        return str(message.sender.email)
    return ""


def block_exists(*, blocker: Any, blocked: Any) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def reports_for_review(*, viewer: Any, open_only: bool = True) -> QuerySet[Report]:
    """Reports for organizers; never one about the viewer (it would tell them who reported
    them)."""
    reports = Report.objects.select_related("reporter", "about", "message").exclude(
        about_id=viewer.pk
    )
    if open_only:
        reports = reports.exclude(status=ReportStatus.CLOSED)
    return reports


def report_for_review(*, pk: int, viewer: Any) -> Report | None:
    return (
        reports_for_review(viewer=viewer, open_only=False)
        .prefetch_related("notes__author")
        .filter(pk=pk)
        .first()
    )
