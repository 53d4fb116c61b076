"""How members hear about conversations by e-mail, and how they answer by e-mail."""

from django.conf import settings
from django.db import models

from dm3p.conversations.enums import EmailRhythm
from dm3p.conversations.models.forum import Thread


class EmailChoice(models.Model):
    """A member's choice of e-mail about conversations; without a row, ``AT_ONCE``."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_email"
    )
    rhythm = models.CharField(max_length=8, choices=EmailRhythm, default=EmailRhythm.AT_ONCE)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"E-mail choice {self.pk}"


class ReplyToken(models.Model):
    """The secret part of one person's reply address for one thread
    (``reply+TOKEN@…``). Only its hash is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "thread"], name="reply_token_per_thread")
        ]

    def __str__(self) -> str:
        return f"Reply token {self.pk}"
