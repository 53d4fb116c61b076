"""Who is who now: the one definition of "members now" that member-only pages, lists and
e-mails use, and of the people who can still act (staff alerts)."""

from django.db.models import Q, QuerySet

from dm3p.accounts.enums import MEMBER_NOW_STATUSES, MembershipStatus
from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep
from dm3p.accounts.models import User


def members_now_q(through: str = "") -> Q:
    """Rows whose person (reached through ``through``, e.g. "member" or "user") is a member
    now: an approved member or ally member, neither declined nor suspended since."""
    prefix = f"{through}__" if through else ""
    return Q(**{f"{prefix}membership_status__in": sorted(MEMBER_NOW_STATUSES)})


def members_now() -> QuerySet[User]:
    return User.objects.filter(members_now_q())


def people_active() -> QuerySet[User]:
    """Everyone who can still sign in and act (not suspended): staff alerts go to these."""
    return User.objects.exclude(membership_status=MembershipStatus.SUSPENDED)


def welcome_steps_for(user: User) -> list[tuple[WelcomeStep, bool | None]]:
    """The welcome checklist's steps that apply to ``user``, in order, each with whether it
    is done (None where that isn't knowable)."""
    steps = sorted(
        (step for step in WELCOME_STEPS if step.applies is None or step.applies(user)),
        key=lambda step: step.order,
    )
    return [(step, step.done(user) if step.done is not None else None) for step in steps]
