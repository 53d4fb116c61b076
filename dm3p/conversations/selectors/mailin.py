"""Reads about mail that came in."""

from dm3p.conversations.models import BouncedAddress


def address_stopped(address: str) -> bool:
    """Mail to ``address`` (lower case) bounced so often that the outbox stops mailing it."""
    return BouncedAddress.objects.filter(address=address, stopped_at__isnull=False).exists()
