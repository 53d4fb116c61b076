import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.accounts.services import (
    admin_lockout_problem,
    membership_status_set,
    person_sessions_end,
    person_suspend,
)
from dm3p.core.emails import DeclaredEmail, declared_email_get
from dm3p.core.images import image_without_metadata
from dm3p.core.links import site_address, site_link
from dm3p.core.ratelimits import Limit, client_key, within_limits
from dm3p.core.services import (
    audit_record,
    audit_record_many,
    email_wording_queue,
    instance_update,
)
from dm3p.members.emails import (
    MEMBER_MESSAGE,
    REPORT_ACKNOWLEDGED,
    REPORT_ALERT,
    REPORT_CLOSED,
    REPORT_RECEIVED,
)
from dm3p.members.enums import ApplicationStatus, Decision, JoinsAs, ReportOutcome, ReportStatus
from dm3p.members.models import (
    Application,
    Block,
    CommunitySettings,
    Message,
    Profile,
    Report,
    ReportNote,
    Term,
)
from dm3p.members.personal_data import personal_data_erase
from dm3p.members.profile_fields import SENSITIVE_FIELDS, default_visibility
from dm3p.members.selectors import (
    application_unfinished_for,
    community_settings_get,
    organizers_active,
)

RESUME_LINK_DAYS = 30
# A new link isn't sent within this many minutes of the last: it would stop that one working.
RESUME_LINK_RESEND_MINUTES = 15
LINK_EMAIL_LIMITS = (Limit(1, RESUME_LINK_RESEND_MINUTES * 60),)
# Rate limits: per e-mail address typed (or person), and per client (dm3p.core.clients).
APPLY_LIMITS_PER_ADDRESS = (Limit(5, 3600), Limit(10, 86400))
APPLY_LIMITS_PER_CLIENT = (Limit(30, 3600), Limit(100, 86400))
LINK_LIMITS_PER_ADDRESS = (Limit(3, 3600), Limit(6, 86400))
LINK_LIMITS_PER_CLIENT = (Limit(10, 3600), Limit(30, 86400))
REPORT_LIMITS_PER_PERSON = (Limit(5, 3600), Limit(20, 86400))
REPORT_LIMITS_PER_CLIENT = (Limit(10, 3600), Limit(40, 86400))

APPLICATION_FIELDS = (
    "pronouns",
    "profession_other",
    "stage",
    "specialty",
    "institution",
    "joins_as",
    "hopes_to_get",
    "hopes_to_give",
    "heard_about",
)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _resume_token_store(application: Application, token: str) -> None:
    """Make ``token`` the applicant's secret link; only its hash is stored."""
    application.resume_token_hash = _token_hash(token)
    application.resume_token_created_at = timezone.now()
    application.save(update_fields=["resume_token_hash", "resume_token_created_at"])


def _resume_link_recent(application: Application) -> bool:
    """Whether a link went out so recently that a new one would only replace it (and stop
    the one the applicant may be about to open)."""
    created = application.resume_token_created_at
    return created is not None and created > timezone.now() - timedelta(
        minutes=RESUME_LINK_RESEND_MINUTES
    )


def resume_token_lookup(token: str) -> Application | None:
    if not token:
        return None
    oldest = timezone.now() - timedelta(days=RESUME_LINK_DAYS)
    return (
        Application.objects.select_related("user")
        .filter(resume_token_hash=_token_hash(token), resume_token_created_at__gte=oldest)
        .exclude(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED])
        .first()
    )


def _person_email(
    *, key: str, user: User | None, to_address: str, values: Mapping[str, object], outbox_key: str
) -> None:
    """One of the membership e-mails organizers can reword, to a person (or an address)."""
    email_wording_queue(
        email=declared_email_get(key),
        outbox_key=outbox_key,
        values=values,
        recipient=user,
        to_address=to_address,
    )


def _membership_email(
    *, key: str, application: Application, values: Mapping[str, object], dedupe: str
) -> None:
    _person_email(
        key=key,
        user=application.user,
        to_address=application.user.email,
        values=values,
        outbox_key=f"{key}:{application.pk}:{dedupe}",
    )


def _send_resume_link(
    application: Application,
    *,
    key: str = "application_resume",
    message: str = "",
    token: str | None = None,
) -> None:
    token = token or secrets.token_urlsafe(32)
    _resume_token_store(application, token)
    link = site_link("members:apply_resume", token)
    _membership_email(
        key=key,
        application=application,
        values={"resume_link": link, "message": message},
        dedupe=application.resume_token_hash[:16],
    )


@dataclass(frozen=True)
class ApplicationAnswers:
    """What the application form collected (already validated)."""

    name: str
    values: Mapping[str, Any]
    professions: Iterable[Term]
    health_details: str
    health_consent: bool
    code_of_conduct: bool


def _apply_answers(application: Application, answers: ApplicationAnswers) -> list[str]:
    user = application.user
    changed = []
    if answers.name and user.name != answers.name:
        user.name = answers.name
        user.save(update_fields=["name"])
        changed.append("name")
    for field in APPLICATION_FIELDS:
        if field in answers.values and getattr(application, field) != answers.values[field]:
            setattr(application, field, answers.values[field])
            changed.append(field)
    now = timezone.now()
    if answers.health_consent and application.health_consent_at is None:
        application.health_consent_at = now
        changed.append("health_consent")
    if not answers.health_consent:
        # Without consent, no health details are kept (withdrawing consent removes them).
        application.health_consent_at = None
    details = answers.health_details.strip() if answers.health_consent else ""
    if (application.health_details or "") != details:
        application.health_details = details or None
        changed.append("health_details")
    if answers.code_of_conduct and application.code_of_conduct_agreed_at is None:
        application.code_of_conduct_agreed_at = now
    if not answers.code_of_conduct:
        application.code_of_conduct_agreed_at = None
    application.full_clean(exclude=["user", "stage"])
    application.save()
    application.professions.set(list(answers.professions))
    return changed


def _within(
    *,
    scope: str,
    client: str,
    per_client: Sequence[Limit],
    key: str | None = None,
    per_key: Sequence[Limit] = (),
) -> bool:
    if not within_limits(scope=f"{scope}:client", key=client_key(client), limits=per_client):
        return False
    return key is None or within_limits(scope=f"{scope}:key", key=key, limits=per_key)


def application_attempt_allowed(*, email: str | None, client: str) -> bool:
    """Count one more try at applying, from this client (and, when starting, for this
    address); False when either has tried too often recently."""
    return _within(
        scope="apply",
        client=client,
        per_client=APPLY_LIMITS_PER_CLIENT,
        key=email.strip().lower() if email is not None else None,
        per_key=APPLY_LIMITS_PER_ADDRESS,
    )


def resume_link_request_allowed(*, email: str, client: str) -> bool:
    return _within(
        scope="apply-link",
        client=client,
        per_client=LINK_LIMITS_PER_CLIENT,
        key=email.strip().lower(),
        per_key=LINK_LIMITS_PER_ADDRESS,
    )


def _stand_in_address(token_hash: str) -> str:
    return f"{token_hash[:24]}@stand-in.invalid"


def _application_create(
    *, address: str, answers: ApplicationAnswers, submitting: bool, token: str
) -> Application:
    user = User.objects.create_user(address, name=answers.name)
    EmailAddress.objects.create(user=user, email=address, primary=True, verified=False)
    application = Application.objects.create(user=user)
    _apply_answers(application, answers)
    _resume_token_store(application, token)
    audit_record(actor=None, action="application.start", subject_user=user, target=application)
    if submitting:
        _submitted(application, changed=[])
    return application


@transaction.atomic
def application_start(*, email: str, answers: ApplicationAnswers, submitting: bool) -> None:
    """Begin an application from its first answers, and e-mail the address the link that
    opens it: nothing is given to the browser, as whoever typed the address may not own it.

    The answer, and the work done, are the same whether or not the address is known, so
    nobody can learn who has applied to this community: for a known address the same
    records are written (under a stand-in address) and then rolled back, and the owner gets
    an e-mail saying they already have an account or an application."""
    address = email.strip().lower()
    existing = User.objects.filter(email__iexact=address).first()
    token = secrets.token_urlsafe(32)
    token_hash = _token_hash(token)
    with transaction.atomic():
        application = _application_create(
            address=address if existing is None else _stand_in_address(token_hash),
            answers=answers,
            submitting=submitting,
            token=token,
        )
        if existing is not None:
            transaction.set_rollback(True)
    if existing is not None:
        _person_email(
            key="application_known_address",
            user=existing,
            to_address=existing.email,
            values={
                "link_request_link": site_link("members:apply_link"),
                "sign_in_link": site_link("account_login"),
            },
            outbox_key=f"application_known_address:{existing.pk}:{token_hash[:16]}",
        )
        return
    link = site_link("members:apply_resume", token)
    if submitting:
        _membership_email(
            key="application_received",
            application=application,
            values={"status_link": link},
            dedupe="received",
        )
    else:
        _membership_email(
            key="application_resume",
            application=application,
            values={"resume_link": link, "message": ""},
            dedupe=token_hash[:16],
        )


@transaction.atomic
def application_save_draft(*, application: Application, answers: ApplicationAnswers) -> None:
    changed = _apply_answers(application, answers)
    audit_record(
        actor=None,
        action="application.save",
        subject_user=application.user,
        target=application,
        fields=changed,
    )


@transaction.atomic
def application_send_resume_link(*, application: Application) -> None:
    """E-mail the applicant a link to come back, unless one went out minutes ago (it still
    works; a new one would stop it)."""
    if not _resume_link_recent(application):
        _send_resume_link(application)


@transaction.atomic
def application_link_request(*, email: str) -> None:
    """Someone asked for a link to an unfinished application. Every address gets the same
    answer and one e-mail: the link, or word that there is no unfinished application. Within
    minutes of the last one, nothing new is sent (its link still works)."""
    address = email.strip().lower()
    token = secrets.token_urlsafe(32)
    token_hash = _token_hash(token)
    if not within_limits(scope="apply-link-email", key=address, limits=LINK_EMAIL_LIMITS):
        return
    application = application_unfinished_for(email=address)
    if application is None:
        _person_email(
            key="application_no_link",
            user=User.objects.filter(email__iexact=address).first(),
            to_address=address,
            values={
                "sign_in_link": site_link("account_login"),
                "apply_link": site_link("members:apply"),
            },
            outbox_key=f"application_no_link:{token_hash[:16]}",
        )
    elif not _resume_link_recent(application):
        _send_resume_link(application, token=token)


def _submitted(application: Application, *, changed: list[str]) -> bool:
    """Mark the application sent; True the first time."""
    first_time = application.submitted_at is None
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = application.submitted_at or timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=None,
        action="application.submit",
        subject_user=application.user,
        target=application,
        fields=changed,
    )
    return first_time


@transaction.atomic
def application_submit(*, application: Application, answers: ApplicationAnswers) -> None:
    changed = _apply_answers(application, answers)
    if _submitted(application, changed=changed):
        _membership_email(
            key="application_received",
            application=application,
            values={"status_link": site_link("members:apply_status")},
            dedupe="received",
        )


def _community_links(community: CommunitySettings) -> str:
    links = [
        f"- Discord: {community.discord_invite_url}" if community.discord_invite_url else "",
        f"- LinkedIn group: {community.linkedin_group_url}" if community.linkedin_group_url else "",
    ]
    return "\n".join(link for link in links if link) or "- (links coming soon)"


def _set_password_link(user: User) -> str:
    return site_address(
        reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    )


@transaction.atomic
def application_decide(
    *, application: Application, decision: Decision, message: str, actor: User
) -> None:
    application = (
        Application.objects.select_for_update().select_related("user").get(pk=application.pk)
    )
    if application.status not in {ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO}:
        return  # already decided (e.g. twice in a bulk action): nothing more to do
    user = application.user
    now = timezone.now()
    community = community_settings_get()
    if decision == Decision.APPROVE:
        application.status = ApplicationStatus.APPROVED
        membership_status_set(
            actor=actor,
            person=user,
            status=(
                MembershipStatus.ALLY
                if application.joins_as == JoinsAs.ALLY
                else MembershipStatus.MEMBER
            ),
        )
        profile_ensure(user=user)
        _membership_email(
            key="application_approved",
            application=application,
            dedupe="approved",
            values={
                "set_password_link": _set_password_link(user),
                "community_links": _community_links(community),
                "message": message,
            },
        )
    elif decision == Decision.DECLINE:
        application.status = ApplicationStatus.DECLINED
        membership_status_set(actor=actor, person=user, status=MembershipStatus.DECLINED)
        _membership_email(
            key="application_declined",
            application=application,
            dedupe="declined",
            values={"message": message, "retention_days": community.retention_days},
        )
    else:
        application.status = ApplicationStatus.MORE_INFO
        application.info_request = message
        _send_resume_link(application, key="application_more_info", message=message)
    application.decision_message = message or None
    application.decided_by = actor
    application.decided_at = now
    application.save()
    audit_record(
        actor=actor,
        action=f"application.{decision}",
        subject_user=user,
        target=application,
        fields=["decision_message"] if message else [],
    )


def applications_decide_bulk(
    *, applications: Iterable[Application], decision: Decision, message: str, actor: User
) -> int:
    count = 0
    for application in applications:
        application_decide(application=application, decision=decision, message=message, actor=actor)
        count += 1
    return count


def application_sensitive_viewed(*, application: Application, actor: User) -> None:
    """An organizer opened an applicant's health details: recorded, without the values."""
    audit_record(
        actor=actor,
        action="application.view_sensitive",
        subject_user=application.user,
        target=application,
        fields=["health_details"],
    )


@transaction.atomic
def applications_purge(*, now: datetime | None = None) -> int:
    """Delete declined and abandoned applications older than the retention period, with the
    applicant's account when it was only ever an applicant's."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=community_settings_get().retention_days)
    expired = Application.objects.filter(
        # declined: counted from the decision
        Q(status=ApplicationStatus.DECLINED, decided_at__lt=cutoff)
        # abandoned: a draft, or a question never answered, untouched since the cutoff
        | Q(
            status__in=[ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO],
            updated_at__lt=cutoff,
        )
    ).select_related("user")
    count = 0
    for application in expired:
        user = application.user
        audit_record(actor=None, action="application.purge", fields=["application"])
        if user.membership_status in {MembershipStatus.APPLICANT, MembershipStatus.DECLINED}:
            user.delete()
        else:
            application.delete()
        count += 1
    return count


@transaction.atomic
def community_settings_update(*, actor: User, values: Mapping[str, object]) -> None:
    community, _ = CommunitySettings.objects.get_or_create(pk=1)
    instance_update(
        actor=actor, instance=community, values=values, action="community_settings.update"
    )


@transaction.atomic
def term_save(*, actor: User, term: Term, values: Mapping[str, object]) -> Term:
    instance_update(actor=actor, instance=term, values=values, action="term.save")
    return term


def profile_ensure(*, user: User) -> Profile:
    """The member's profile, started from their application the first time."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    with transaction.atomic():
        application = Application.objects.filter(user=user).first()
        profile = Profile.objects.create(
            user=user,
            display_name=user.name or user.email.split("@")[0],
            pronouns=application.pronouns if application else "",
            specialty=application.specialty if application else "",
            institution=application.institution if application else "",
            profession_other=application.profession_other if application else "",
            stage=application.stage if application else None,
            visibility=default_visibility(),
        )
        if application is not None:
            profile.professions.set(application.professions.all())
        audit_record(actor=user, action="profile.create", subject_user=user, target=profile)
    return profile


@dataclass(frozen=True)
class ProfileChanges:
    values: Mapping[str, Any]
    many: Mapping[str, Iterable[Term]]
    availability: list[int]
    visibility: Mapping[str, str]
    health_consent: bool


PROFILE_VALUE_FIELDS = (
    "display_name",
    "pronouns",
    "photo",
    "photo_alt_text",
    "bio",
    "linkedin_url",
    "profession_other",
    "specialty",
    "stage",
    "institution",
    "region",
    "time_zone",
    "zoom_email",
    "topics_offered_other",
    "topics_sought_other",
    "modes_other",
    "lived_experience",
    "lived_experience_years",
)


@transaction.atomic
def profile_update(*, profile: Profile, changes: ProfileChanges) -> Profile:
    stored = Profile.objects.get(pk=profile.pk)
    changed = []
    for name in PROFILE_VALUE_FIELDS:
        if name not in changes.values:
            continue
        value = changes.values[name]
        if name == "photo":
            if value is False:  # "clear" ticked
                if stored.photo:
                    stored.photo.delete(save=False)
                value = ""
            elif value and value != stored.photo:
                value = image_without_metadata(value)
            else:
                continue
        if name == "lived_experience":
            value = (value or "").strip() or None
        if getattr(stored, name) != value:
            setattr(stored, name, value)
            changed.append(name)
    if changes.health_consent and stored.health_consent_at is None:
        stored.health_consent_at = timezone.now()
        changed.append("health_consent")
    if not changes.health_consent:
        if stored.health_consent_at is not None or stored.lived_experience:
            changed.append("health_consent_withdrawn")
        stored.health_consent_at = None
        stored.lived_experience = None
        stored.lived_experience_years = ""
        changes = ProfileChanges(
            values=changes.values,
            many={**changes.many, "lived_experience_categories": []},
            availability=changes.availability,
            visibility=changes.visibility,
            health_consent=False,
        )
    if not stored.photo:
        stored.photo_alt_text = ""
    if sorted(stored.availability or []) != changes.availability:
        stored.availability = changes.availability
        changed.append("availability")
    visibility = {**default_visibility(), **(stored.visibility or {}), **changes.visibility}
    if visibility != stored.visibility:
        stored.visibility = visibility
        changed.append("visibility")
    stored.full_clean(exclude=["user", "stage", "photo"])
    stored.save()
    for name, terms in changes.many.items():
        getattr(stored, name).set(list(terms))
    audit_record(
        actor=stored.user,
        action="profile.update",
        subject_user=stored.user,
        target=stored,
        fields=changed,
    )
    return stored


@transaction.atomic
def profile_health_consent_withdraw(*, profile: Profile) -> None:
    """Withdrawing consent hides and deletes what the member wrote about their health."""
    Profile.objects.filter(pk=profile.pk).update(
        health_consent_at=None, lived_experience=None, lived_experience_years=""
    )
    profile.lived_experience_categories.clear()
    Application.objects.filter(user_id=profile.user_id).update(
        health_consent_at=None, health_details=None
    )
    audit_record(
        actor=profile.user,
        action="profile.health_consent_withdrawn",
        subject_user=profile.user,
        target=profile,
        fields=["lived_experience", "lived_experience_years", "health_details"],
    )


def profile_sensitive_viewed(*, actor: User, seen: Iterable[tuple[Profile, Iterable[str]]]) -> int:
    """Someone was shown other members' health information, wherever (a profile, members
    found through a health field, a circle page): each member's sensitive fields among
    ``seen`` (profile, field names shown) are recorded (who, whose, which fields; never the
    values), so the member can see who looked. One query, however many. Returns how many
    members' entries were written."""
    items = []
    for profile, names in seen:
        fields = sorted({name for name in names if name in SENSITIVE_FIELDS})
        if fields and actor.pk != profile.user_id:
            items.append((profile.user, profile, fields))
    if items:
        audit_record_many(actor=actor, action="profile.view_sensitive", items=items)
    return len(items)


@transaction.atomic
def account_delete(*, user: User) -> str:
    """Erase everything about the person (see personal_data); records that others rely on
    keep their content without the link to them. Returns a problem to show instead, or ""
    (the only active admin can't leave the site without an admin)."""
    problem = admin_lockout_problem(person=user, keeps_admin=False, stays_active=False)
    if problem:
        return problem
    audit_record(actor=None, action="account.delete", fields=["account"])
    person_sessions_end(user)
    personal_data_erase(user)
    user.delete()
    return ""


MESSAGES_PER_HOUR = 5
MESSAGES_PER_DAY = 20


class MessageResult(StrEnum):
    SENT = "sent"
    TOO_MANY = "too_many"


MESSAGE_LIMITS = (Limit(MESSAGES_PER_HOUR, 3600), Limit(MESSAGES_PER_DAY, 86400))


def _within_message_limits(sender: User) -> bool:
    return within_limits(scope="messages", key=str(sender.pk), limits=MESSAGE_LIMITS)


@transaction.atomic
def message_send(*, sender: User, recipient: User, body: str, reveal_email: bool) -> MessageResult:
    """Send a message through the site. A recipient who blocked the sender gets nothing,
    and the sender is not told: the message is in their sent messages as usual (so blocking
    can't be detected or held against anyone)."""
    if not _within_message_limits(sender):
        return MessageResult.TOO_MANY
    delivered = not Block.objects.filter(blocker=recipient, blocked=sender).exists()
    message = Message.objects.create(
        sender=sender,
        recipient=recipient,
        body=body.strip(),
        reveal_email=reveal_email,
        delivered=delivered,
    )
    if not delivered:
        return MessageResult.SENT
    sender_name = sender.display_name
    link = site_link("members:message", message.pk)
    reply = (
        f"You can reply to {sender.email}."
        if reveal_email
        else "They chose not to share their e-mail address; reply through their profile."
    )
    email_wording_queue(
        email=MEMBER_MESSAGE,
        outbox_key=f"member_message:{message.pk}",
        recipient=recipient,
        values={
            "sender_name": sender_name,
            "message": message.body,
            "how_to_reply": reply,
            "message_link": link,
        },
    )
    return MessageResult.SENT


@transaction.atomic
def block_set(*, blocker: User, blocked: User, blocking: bool) -> None:
    if blocking:
        Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    else:
        Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    audit_record(
        actor=blocker, action="member.block" if blocking else "member.unblock", subject_user=blocker
    )


def _report_email(
    report: Report, email: DeclaredEmail, values: Mapping[str, object], step: str
) -> None:
    """Tell the reporter how their report goes on, while they are a member now (someone
    declined or suspended since hears no more from us about it)."""
    reporter = report.reporter
    if reporter is None or not members_now().filter(pk=reporter.pk).exists():
        return
    email_wording_queue(
        email=email, outbox_key=f"report:{report.pk}:{step}", recipient=reporter, values=values
    )


def report_allowed(*, reporter: User, client: str) -> bool:
    """Count one more report from this person and client; False when too many, recently."""
    return _within(
        scope="report",
        client=client,
        per_client=REPORT_LIMITS_PER_CLIENT,
        key=str(reporter.pk),
        per_key=REPORT_LIMITS_PER_PERSON,
    )


@transaction.atomic
def report_create(
    *, reporter: User, about: User | None, message: Message | None, reason: str
) -> Report:
    report = Report.objects.create(
        reporter=reporter,
        about=about or (message.sender if message else None),
        message=message,
        reason=reason.strip(),
    )
    audit_record(actor=reporter, action="report.create", target=report)
    _report_email(report, REPORT_RECEIVED, {}, "received")
    link = site_link("members:report_detail", report.pk)
    for organizer in organizers_active():
        email_wording_queue(
            email=REPORT_ALERT,
            outbox_key=f"report:{report.pk}:alert:{organizer.pk}",
            recipient=organizer,
            values={"report_link": link},
        )
    return report


def report_viewed(*, report: Report, actor: User) -> None:
    """An organizer opened a confidential report: recorded."""
    audit_record(actor=actor, action="report.view", target=report)


@transaction.atomic
def report_acknowledge(*, report: Report, actor: User) -> None:
    if report.status != ReportStatus.RECEIVED:
        return
    report.status = ReportStatus.REVIEWING
    report.save(update_fields=["status"])
    audit_record(actor=actor, action="report.acknowledge", target=report)
    _report_email(report, REPORT_ACKNOWLEDGED, {}, "acknowledged")


@transaction.atomic
def report_note_add(*, report: Report, actor: User, text: str) -> None:
    ReportNote.objects.create(report=report, author=actor, text=text.strip())
    audit_record(actor=actor, action="report.note", target=report, fields=["note"])


@transaction.atomic
def report_close(*, report: Report, actor: User, outcome: ReportOutcome, message: str) -> str:
    """Close a report and tell the reporter. Returns a problem to show instead, or "": nobody
    decides a report they made or one about themselves, and staff are suspended only by an
    admin (on People and roles), never from a report."""
    if not actor.has_perm("members.close_report", report):
        return "You made this report, or it is about you, so another organizer must decide it."
    about = report.about
    if outcome == ReportOutcome.SUSPENSION and about is not None:
        if about.has_staff_role:
            return (
                f"{about} has a staff role, so only an admin can suspend them, on People and "
                "roles. Choose another outcome, or ask an admin."
            )
        problem = person_suspend(actor=actor, person=about)
        if problem:
            return problem
    report.status = ReportStatus.CLOSED
    report.outcome = outcome
    report.outcome_message = message.strip() or None
    report.closed_at = timezone.now()
    report.save()
    audit_record(actor=actor, action=f"report.close.{outcome}", target=report, subject_user=about)
    _report_email(
        report,
        REPORT_CLOSED,
        {"outcome": outcome.label, "message": report.outcome_message or ""},
        "closed",
    )
    return ""
