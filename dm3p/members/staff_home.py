"""The members app's panel on the staff home (core's ``STAFF_HOME_PANELS``): applications
waiting for a decision, and how long the oldest has waited. One query."""

from typing import Any

from django.db.models import Count, Min, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.core.hooks import Panel
from dm3p.members.enums import ApplicationStatus
from dm3p.members.models import Application


def applications_panel(request: HttpRequest) -> Panel | None:
    """For those who decide applications: how many wait for review, since when, and how many
    wait for an applicant's answer to a question."""
    viewer: Any = request.user
    if not viewer.has_perm("members.review_application"):
        return None
    figures = Application.objects.aggregate(
        waiting=Count("id", filter=Q(status=ApplicationStatus.SUBMITTED)),
        asked=Count("id", filter=Q(status=ApplicationStatus.MORE_INFO)),
        oldest=Min("submitted_at", filter=Q(status=ApplicationStatus.SUBMITTED)),
    )
    oldest = figures["oldest"]
    return Panel(
        "members/staff_panel_applications.html",
        {
            "waiting": figures["waiting"],
            "asked": figures["asked"],
            "oldest": oldest,
            "oldest_days": (timezone.now() - oldest).days if oldest else None,
        },
        quiet=not (figures["waiting"] or figures["asked"]),
    )
