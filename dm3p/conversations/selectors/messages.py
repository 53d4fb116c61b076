"""Reads about blocks and reports, each for the person looking. (Direct conversations are
in ``direct``.)"""

from typing import Any

from django.db.models import QuerySet

from dm3p.conversations.enums import ReportStatus
from dm3p.conversations.models import Block, Report


def block_exists(*, blocker: Any, blocked: Any) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def reports_for_review(*, viewer: Any, open_only: bool = True) -> QuerySet[Report]:
    """Reports for organizers; never one about the viewer (it would tell them who reported
    them). A reported post is read here, through its report, and nowhere else."""
    reports = Report.objects.select_related("reporter", "about", "message", "post").exclude(
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
