"""The conversations app's panel on the staff home (core's ``STAFF_HOME_PANELS``): reports
to review, how many nobody has acknowledged yet, and since when the oldest waits. Never who
reported whom; one query."""

from typing import Any

from django.db.models import Count, Min, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.conversations.enums import ReportStatus
from dm3p.conversations.models import Report
from dm3p.conversations.selectors.moderation import moderation_figures
from dm3p.core.hooks import Panel


def reports_panel(request: HttpRequest) -> Panel | None:
    """For those who review reports: the open ones (never one about the viewer, as on the
    list of reports)."""
    viewer: Any = request.user
    if not viewer.has_perm("conversations.review_report"):
        return None
    figures = (
        Report.objects.exclude(status=ReportStatus.CLOSED)
        .exclude(about_id=viewer.pk)
        .aggregate(
            open=Count("id"),
            new=Count("id", filter=Q(status=ReportStatus.RECEIVED)),
            oldest=Min("created_at"),
        )
    )
    oldest = figures["oldest"]
    return Panel(
        "conversations/staff_panel_reports.html",
        {
            "open": figures["open"],
            "new": figures["new"],
            "oldest_days": (timezone.now() - oldest).days if oldest else None,
        },
        quiet=not figures["open"],
    )


def moderation_panel(request: HttpRequest) -> Panel | None:
    """For organizers: first posts waiting to be read, and posts hidden while looked into."""
    viewer: Any = request.user
    if not viewer.has_perm("conversations.moderate"):
        return None
    figures = moderation_figures()
    return Panel(
        "conversations/staff_panel_moderation.html",
        figures,
        quiet=not (figures["held"] or figures["hidden"]),
    )
