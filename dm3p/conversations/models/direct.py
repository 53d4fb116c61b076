"""Conversations between members: direct messages, blocks, and reports under the code of
conduct with their moderation. These tables were made by the members app and keep its
names (``Meta.db_table``), so moving the models here moved no rows."""

from django.conf import settings
from django.db import models

from dm3p.conversations.enums import ReportOutcome, ReportStatus
from dm3p.core.encrypted import EncryptedTextField


class Conversation(models.Model):
    """The messages between two people, in the order they were written: a message and every
    reply to it, either way. One per pair (``person_a`` has the lower id). A person who
    deletes their account leaves the other person's side in place, unsigned. Spaces for
    groups are a later model of their own."""

    person_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_b = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="conversation_per_pair"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="conversation_pair_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"

    def other_person_id(self, viewer_id: int) -> int | None:
        """The id of the person ``viewer_id`` is talking with."""
        return self.person_b_id if self.person_a_id == viewer_id else self.person_a_id


class Message(models.Model):
    """A message one member sends another through the site (e-mailed, and kept here so it
    can be reported). The sender's address is shared only if they choose. A message to
    someone who blocked the sender is kept for the sender only (``delivered`` is false): it
    is never e-mailed nor shown to the recipient, and the sender can't tell."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_received"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    body = EncryptedTextField()
    reveal_email = models.BooleanField(default=False)
    delivered = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the recipient first opened the conversation with this message in it; empty while
    # it is new to them.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "members_message"  # made in the members app; kept when moved
        ordering = ["-created_at", "-id"]
        indexes = [
            # What is new to a person, counted on every page they open.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True, delivered=True),
                name="message_unread",
            )
        ]

    def __str__(self) -> str:
        return f"Message {self.pk}"

    @property
    def is_new(self) -> bool:
        """Delivered and not yet opened by its recipient."""
        return self.delivered and self.read_at is None


class Block(models.Model):
    """``blocker`` does not want messages from ``blocked``. Never shown to ``blocked``."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "members_block"  # made in the members app; kept when moved
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self) -> str:
        return f"Block {self.pk}"


class Report(models.Model):
    """A confidential report under the code of conduct, about a member, a message or a post."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
    )
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_about",
    )
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    post = models.ForeignKey(
        "conversations.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    reason = EncryptedTextField()
    status = models.CharField(max_length=12, choices=ReportStatus, default=ReportStatus.RECEIVED)
    outcome = models.CharField(max_length=12, choices=ReportOutcome, blank=True)
    outcome_message = EncryptedTextField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "members_report"  # made in the members app; kept when moved
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.status})"

    @property
    def state(self) -> ReportStatus:
        return ReportStatus(self.status)


class ReportNote(models.Model):
    """An organizer's note on a report; seen only by organizers."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "members_reportnote"  # made in the members app; kept when moved
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class PostWithheld(models.Model):
    """A post in a direct conversation that ``person`` never gets, because they had blocked
    its author when it was written (or when they joined). Its author sees it as usual, so
    blocking can't be detected; nobody else is affected. Made from the old messages that were
    not delivered, and by the posting service for each new post."""

    post = models.ForeignKey(
        "conversations.Post", on_delete=models.CASCADE, related_name="withheld_from"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="withheld_once")]

    def __str__(self) -> str:
        return f"Withheld {self.pk}"
