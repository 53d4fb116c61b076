"""Mail that comes in: each message received at a reply address (kept briefly for
moderators, then deleted), and the addresses whose mail bounces."""

from django.db import models

from dm3p.conversations.models.forum import Post
from dm3p.core.encrypted import EncryptedTextField


class InboundOutcome(models.TextChoices):
    """What the site did with a message that came in."""

    POSTED = "posted", "Posted in the thread"
    REFUSED = "refused", "Refused, and the sender told why"
    IGNORED = "ignored", "Ignored (sent automatically)"
    BOUNCE = "bounce", "A delivery failure report"


class InboundEmail(models.Model):
    """One message received at a reply address. The raw message is encrypted and deleted
    after a short while (``services.inbound.INBOUND_KEPT``); the outcome stays until then."""

    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The raw message, decoded as Latin-1 so every byte comes back as it was.
    raw = EncryptedTextField()
    outcome = models.CharField(max_length=8, choices=InboundOutcome)
    # Why it was refused or ignored, in a word ("locked", "sender", ...).
    reason = models.CharField(max_length=20, blank=True)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Inbound e-mail {self.pk} ({self.outcome})"


class BouncedAddress(models.Model):
    """An address mail to which came back as undeliverable. After repeated hard bounces
    (``stopped_at`` set) the outbox sends it nothing but security e-mail."""

    address = models.CharField(max_length=254, unique=True)  # lower case
    hard_bounces = models.PositiveSmallIntegerField(default=0)
    last_bounced_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Bounced address {self.pk}"
