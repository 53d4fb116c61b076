import hashlib

from django.conf import settings
from django.db import models

from dm3p.core.encrypted import EncryptedTextField
from dm3p.core.enums import EmailStatus, Font, Motion, TextSize, Theme
from dm3p.core.times import time_zone_check


class SiteSettings(models.Model):
    """The program's own words and choices, edited by admins. One row (pk=1)."""

    name = models.CharField(max_length=60, default="DM3P")
    long_name = models.CharField(
        max_length=200, default="Disability in Medicine Mutual Mentorship Program"
    )
    tagline = models.CharField(
        max_length=300,
        blank=True,
        default="Mutual mentorship for healthcare professionals and trainees with disabilities "
        "and chronic illness, and their allies.",
    )
    contact_email = models.EmailField(default="hello@example.org")
    time_zone = models.CharField(
        max_length=60,
        default="America/New_York",
        validators=[time_zone_check],
        help_text="The program's own time zone: where new gatherings start, and the times "
        "shown to visitors and to people who have not chosen a zone.",
    )
    hold_first_posts = models.BooleanField(
        default=False,
        help_text="Hold a new member's first post in conversations until an organizer reads "
        "it. Posts in circles and direct conversations are never held.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_one_row")
        ]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Who did what to whom. Records field names, never the values of sensitive fields."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_made",
    )
    action = models.CharField(max_length=80, db_index=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
        help_text="Whose data the action touched, if anyone's.",
    )
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"


class DisplayPreference(models.Model):
    """A signed-in person's display settings; visitors keep theirs in a cookie."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="display_preference"
    )
    theme = models.CharField(max_length=10, choices=Theme, default=Theme.SYSTEM)
    text_size = models.CharField(max_length=3, choices=TextSize, default=TextSize.DEFAULT)
    font = models.CharField(max_length=12, choices=Font, default=Font.DEFAULT)
    motion = models.CharField(max_length=6, choices=Motion, default=Motion.SYSTEM)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Display preferences of user {self.user_id}"


class OutboundEmail(models.Model):
    """The outbox: one row per e-mail, written in the same transaction as its cause.

    The unique key (purpose, recipient, object) keeps a retried or duplicated task from
    sending anything twice. Bodies are encrypted at rest and wiped once sent.
    """

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbound_emails",
    )
    to_address = models.EmailField()
    subject = EncryptedTextField(null=True, blank=True)
    text_body = EncryptedTextField(null=True, blank=True)
    html_body = EncryptedTextField(null=True, blank=True)
    attachments = EncryptedTextField(null=True, blank=True)
    # Extra headers as JSON (e.g. Reply-To, List-Unsubscribe); wiped once sent, like the
    # bodies, since a reply address is a secret. A "Message-ID" here replaces the default.
    headers = EncryptedTextField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} to recipient {self.recipient_id or '-'} ({self.status})"

    @property
    def message_id(self) -> str:
        """The e-mail's Message-ID, the same on every attempt: if a worker dies after the mail
        server took the e-mail but before it was marked sent, the second copy carries the same
        ID, so mail programs can tell it is the same e-mail. A digest, so the key stays private.
        """
        digest = hashlib.sha256(
            f"{self.pk}|{self.key}|{self.created_at.isoformat()}".encode()
        ).hexdigest()[:24]
        return f"<outbox.{self.pk}.{digest}@{settings.SITE_DOMAIN}>"


class DemoEmail(models.Model):
    """A copy of each e-mail the demo site sent, for the demo's mail page. Demo mode only."""

    to_addresses = models.TextField()
    subject = models.TextField()
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class EmailOptOut(models.Model):
    """A kind of e-mail (see dm3p.core.emails) that a person has turned off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} turned off {self.kind}"


class EmailWording(models.Model):
    """An organizer's own words for one of the e-mails the site sends (``key`` names a
    declared e-mail, dm3p.core.emails); without a row the shipped words are sent."""

    key = models.CharField(max_length=60, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key


class SearchEntry(models.Model):
    """One thing the site's search can find (a post, a public page, a gathering), written by
    the app that owns it through ``search_index_put``. Who may find it is never stored here:
    each kind registers its own query of what a viewer may see (``dm3p.core.hooks.SEARCHABLE``)
    and the search filters by it inside the same SQL. The engine's own index is made in the
    migration: an FTS5 table on SQLite, a generated ``tsvector`` column on PostgreSQL."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    # The address of the page that shows it.
    url = models.CharField(max_length=500)
    # The date shown beside a result (when a post was written, when a gathering starts).
    dated_at = models.DateTimeField(null=True, blank=True)
    # A content note the text folds behind: the result shows its excerpt folded too.
    note = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
