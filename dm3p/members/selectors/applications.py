from django.db.models import Count, QuerySet

from dm3p.members.enums import ApplicationStatus
from dm3p.members.models import (
    Application,
)


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


def application_counts() -> dict[str, int]:
    """How many applications organizers have in each status (drafts left out), in one
    query: a status with none is missing, so read it with ``.get(status, 0)``."""
    rows = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    return {row["status"]: row["count"] for row in rows}


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
