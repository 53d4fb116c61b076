"""Organizers' decisions on applications, and what is deleted after the retention period."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.services import (
    membership_status_set,
    welcome_link,
)
from dm3p.core.refusals import BulkOutcome, ServiceRefusal
from dm3p.core.services import (
    audit_record,
)
from dm3p.members.enums import ApplicationStatus, Decision, JoinsAs
from dm3p.members.models import (
    Application,
    CommunitySettings,
)
from dm3p.members.selectors import (
    community_settings_get,
)
from dm3p.members.services.applications import _membership_email, _send_resume_link
from dm3p.members.services.profiles import profile_ensure


def _community_links(community: CommunitySettings) -> str:
    links = [
        f"- Discord: {community.discord_invite_url}" if community.discord_invite_url else "",
        f"- LinkedIn group: {community.linkedin_group_url}" if community.linkedin_group_url else "",
    ]
    return "\n".join(link for link in links if link) or "- (links coming soon)"


class ApplicationAlreadyDecided(ServiceRefusal):
    """The application was approved or declined before this decision."""


@transaction.atomic
def application_decide(
    *, application: Application, decision: Decision, message: str, actor: User
) -> None:
    application = (
        Application.objects.select_for_update().select_related("user").get(pk=application.pk)
    )
    if not application.state.awaits_decision:
        raise ApplicationAlreadyDecided(
            f"It was decided already: {application.state.label.lower()}."
        )
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
                "set_password_link": welcome_link(user),
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
) -> BulkOutcome:
    """Decide each application; those decided meanwhile (by another organizer, or twice in
    the list) are named in the outcome, with why."""
    outcome = BulkOutcome()
    for application in applications:
        try:
            application_decide(
                application=application, decision=decision, message=message, actor=actor
            )
        except ApplicationAlreadyDecided as refusal:
            outcome.refuse(application.user.display_name, refusal)
        else:
            outcome.done += 1
    return outcome


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
