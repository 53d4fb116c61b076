"""How events reacts to changes in accounts."""

from typing import Any

from django.dispatch import receiver

from dm3p.accounts.enums import MEMBER_NOW_STATUSES, MembershipStatus
from dm3p.accounts.hooks import membership_status_changed
from dm3p.events.services import calendar_feed_revoke, rsvps_release

FEED_STATUSES = {MembershipStatus.MEMBER, MembershipStatus.ALLY}


@receiver(membership_status_changed)
def revoke_feed_when_access_changes(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """A calendar address ends with the access it came with: someone suspended loses it for
    good, and someone reinstated gets a new one, never the address they had before."""
    if (before in FEED_STATUSES) != (after in FEED_STATUSES):
        calendar_feed_revoke(actor=actor, user=person)


@receiver(membership_status_changed)
def release_answers_when_membership_ends(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """Someone declined or suspended no longer holds places at gatherings to come: their
    answers are released and the waiting list moves up."""
    if before in MEMBER_NOW_STATUSES and after not in MEMBER_NOW_STATUSES:
        rsvps_release(actor=actor, person=person)
