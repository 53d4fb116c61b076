"""Every write about blocks, and reports with their moderation. (Direct conversations are
in ``direct``; the old message tables are no longer written.)"""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.accounts.services import membership_suspend
from dm3p.conversations.emails import (
    REPORT_ACKNOWLEDGED,
    REPORT_ALERT,
    REPORT_CLOSED,
    REPORT_RECEIVED,
)
from dm3p.conversations.enums import ReportOutcome, ReportStatus
from dm3p.conversations.models import Block, Post, Report, ReportNote
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.links import site_link
from dm3p.core.ratelimits import Limit, within_client_and_key_limits
from dm3p.core.refusals import ServiceRefusal, TooManyRequests
from dm3p.core.services import audit_record, email_wording_queue
from dm3p.members.selectors import organizers_active

REPORT_LIMITS_PER_PERSON = (Limit(5, 3600), Limit(20, 86400))
REPORT_LIMITS_PER_CLIENT = (Limit(10, 3600), Limit(40, 86400))


class ReportRefused(ServiceRefusal):
    """A report can't be moved on as asked (see the message)."""


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


@transaction.atomic
def report_create(
    *, reporter: User, client: str, about: User | None, post: Post | None, reason: str
) -> Report:
    """Send a report to the organizers, about a member or a post (then about its author).
    Refused (``TooManyRequests``) when this person or client (an address) has sent many
    reports recently."""
    if not within_client_and_key_limits(
        scope="report",
        client=client,
        per_client=REPORT_LIMITS_PER_CLIENT,
        key=str(reporter.pk),
        per_key=REPORT_LIMITS_PER_PERSON,
    ):
        raise TooManyRequests(
            "You have sent several reports in a short while. Please wait an hour and send "
            "this one again; what you wrote is still here. If someone is in danger, call "
            "your local emergency number."
        )
    report = Report.objects.create(
        reporter=reporter,
        about=about or (post.author if post else None),
        post=post,
        message_id=post.legacy_message_id if post else None,
        reason=reason.strip(),
    )
    audit_record(actor=reporter, action="report.create", target=report)
    _report_email(report, REPORT_RECEIVED, {}, "received")
    link = site_link("conversations:report_detail", report.pk)
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
    """Tell the reporter an organizer is looking into it (once: again, nothing changes)."""
    if not report.state.is_open:
        raise ReportRefused("This report is closed.")
    if not report.state.awaits_acknowledgement:
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
def report_close(*, report: Report, actor: User, outcome: ReportOutcome, message: str) -> None:
    """Close a report and tell the reporter. Refuses when the actor made the report or it is
    about them (nobody decides those), and when it would suspend staff: staff are suspended
    only by an admin (on People and roles), never from a report (``ReportRefused``), and for
    the only active admin (``LastActiveAdmin``)."""
    if not actor.has_perm("conversations.close_report", report):
        raise ReportRefused(
            "You made this report, or it is about you, so another organizer must decide it."
        )
    about = report.about
    if outcome == ReportOutcome.SUSPENSION and about is not None:
        if about.has_staff_role:
            raise ReportRefused(
                f"{about} has a staff role, so only an admin can suspend them, on People and "
                "roles. Choose another outcome, or ask an admin."
            )
        membership_suspend(actor=actor, person=about)
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
