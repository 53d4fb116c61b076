"""Members' private calendar feeds: their secret address, reset and revoked."""

import hashlib
import secrets

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.core.services import audit_record
from dm3p.events.models import CalendarFeed


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_token_hash(token: str) -> str:
    return _hash(token)


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret address for the member's calendar feed; the old one stops working."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": token, "token_hash": _hash(token)}
    )
    audit_record(actor=user, action="calendar_feed.reset", subject_user=user)
    return feed


def calendar_feed_revoke(*, actor: User | None, user: User) -> None:
    """The member's calendar address stops working; they can make a new one when (and if)
    they may see gatherings again."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=actor, action="calendar_feed.revoke", subject_user=user)
