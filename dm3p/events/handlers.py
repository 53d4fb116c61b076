"""What events adds to core's hooks (links, demo gatherings) and how it reacts to changes
in accounts."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.enums import MEMBER_NOW_STATUSES, MembershipStatus
from dm3p.accounts.hooks import membership_status_changed
from dm3p.core.hooks import DemoStep, NavLink, demo_steps, nav_main, nav_staff
from dm3p.events.demo import demo_events
from dm3p.events.services import calendar_feed_revoke, rsvps_release

FEED_STATUSES = {MembershipStatus.MEMBER, MembershipStatus.ALLY}


def main_links(request: HttpRequest) -> list[NavLink]:
    return [NavLink("News & Events", reverse("events:list"), order=22)]


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("events.manage_event"):
        return [NavLink("Gatherings", reverse("events:manage"), order=20)]
    return []


def revoke_feed_when_access_changes(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """A calendar address ends with the access it came with: someone suspended loses it for
    good, and someone reinstated gets a new one, never the address they had before."""
    if (before in FEED_STATUSES) != (after in FEED_STATUSES):
        calendar_feed_revoke(actor=actor, user=person)


def release_answers_when_membership_ends(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """Someone declined or suspended no longer holds places at gatherings to come: their
    answers are released and the waiting list moves up."""
    if before in MEMBER_NOW_STATUSES and after not in MEMBER_NOW_STATUSES:
        rsvps_release(actor=actor, person=person)


def connect() -> None:
    nav_main.register(main_links)
    nav_staff.register(staff_links)
    demo_steps.register(DemoStep(order=40, name="gatherings", run=demo_events))
    membership_status_changed.connect(
        revoke_feed_when_access_changes, dispatch_uid="events-revoke-feed"
    )
    membership_status_changed.connect(
        release_answers_when_membership_ends, dispatch_uid="events-release-answers"
    )
