from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from dm3p.core.encrypted import EncryptedTextField
from dm3p.members.enums import (
    ApplicationStatus,
    JoinsAs,
    ReportOutcome,
    ReportStatus,
    TermKind,
    YearsLived,
)


class Term(models.Model):
    """An entry in one of the lists organizers keep: professions, stages, topics, modes."""

    kind = models.CharField(max_length=12, choices=TermKind)
    label = models.CharField(max_length=150)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], name="term_label_unique_per_kind")
        ]

    def __str__(self) -> str:
        return self.label


class Application(models.Model):
    """A request to join. Saved as a draft until sent; the applicant can come back to it from
    an e-mailed link. Health details are sensitive: encrypted, and kept only with consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application"
    )
    status = models.CharField(
        max_length=10, choices=ApplicationStatus, default=ApplicationStatus.DRAFT
    )
    pronouns = models.CharField(max_length=60, blank=True)
    professions = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"kind": TermKind.PROFESSION}
    )
    profession_other = models.CharField(max_length=150, blank=True)
    stage = models.ForeignKey(
        Term,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": TermKind.STAGE},
    )
    specialty = models.CharField(max_length=150, blank=True)
    institution = models.CharField(max_length=200, blank=True)
    joins_as = models.CharField(max_length=10, choices=JoinsAs, blank=True)
    hopes_to_get = models.TextField(blank=True)
    hopes_to_give = models.TextField(blank=True)
    heard_about = models.CharField(max_length=300, blank=True)
    health_details = EncryptedTextField(null=True, blank=True)
    health_consent_at = models.DateTimeField(null=True, blank=True)
    code_of_conduct_agreed_at = models.DateTimeField(null=True, blank=True)
    resume_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    resume_token_created_at = models.DateTimeField(null=True, blank=True)
    # What organizers write to the applicant may touch on their health: encrypted at rest.
    info_request = EncryptedTextField(null=True, blank=True)
    decision_message = EncryptedTextField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(health_details__isnull=True)
                | models.Q(health_consent_at__isnull=False),
                name="application_health_details_need_consent",
            )
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} ({self.status})"


class CommunitySettings(models.Model):
    """Organizer-set links and periods for membership. One row (pk=1)."""

    discord_invite_url = models.URLField(blank=True)
    linkedin_group_url = models.URLField(blank=True)
    retention_days = models.PositiveSmallIntegerField(
        default=180,
        validators=[MinValueValidator(7, "Choose at least 7 days.")],
        help_text="Declined and abandoned applications, with their health answers, are "
        "deleted after this many days.",
    )

    class Meta:
        verbose_name_plural = "community settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="community_settings_one_row"),
            models.CheckConstraint(
                condition=models.Q(retention_days__gte=7), name="retention_at_least_a_week"
            ),
        ]

    def __str__(self) -> str:
        return "Community settings"


def photo_path(profile: "Profile", filename: str) -> str:
    return f"photos/{filename}"


class Profile(models.Model):
    """What a member tells other members about themselves. Each field has an audience the
    member chooses (``visibility``); selectors apply it for every viewer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=150)
    pronouns = models.CharField(max_length=60, blank=True)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    photo_alt_text = models.CharField(max_length=300, blank=True)
    professions = models.ManyToManyField(Term, blank=True, related_name="+")
    profession_other = models.CharField(max_length=150, blank=True)
    specialty = models.CharField(max_length=150, blank=True)
    stage = models.ForeignKey(
        Term, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    institution = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(max_length=60, default="America/New_York")
    bio = models.TextField(blank=True)
    linkedin_url = models.URLField(blank=True)
    topics_offered = models.ManyToManyField(Term, blank=True, related_name="+")
    topics_offered_other = models.CharField(max_length=300, blank=True)
    topics_sought = models.ManyToManyField(Term, blank=True, related_name="+")
    topics_sought_other = models.CharField(max_length=300, blank=True)
    modes = models.ManyToManyField(Term, blank=True, related_name="+")
    modes_other = models.CharField(max_length=150, blank=True)
    availability = models.JSONField(default=list, blank=True)
    lived_experience = EncryptedTextField(null=True, blank=True)
    lived_experience_categories = models.ManyToManyField(Term, blank=True, related_name="+")
    lived_experience_years = models.CharField(max_length=10, choices=YearsLived, blank=True)
    health_consent_at = models.DateTimeField(null=True, blank=True)
    zoom_email = models.EmailField(blank=True)
    visibility = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lived_experience__isnull=True)
                | models.Q(health_consent_at__isnull=False),
                name="profile_health_needs_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt_text=""),
                name="profile_photo_has_alt_text",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def zoom_address(self) -> str:
        return self.zoom_email or self.user.email


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
    body = EncryptedTextField()
    reveal_email = models.BooleanField(default=False)
    delivered = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Message {self.pk}"


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
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self) -> str:
        return f"Block {self.pk}"


class Report(models.Model):
    """A confidential report under the code of conduct, about a member or a message."""

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
    reason = EncryptedTextField()
    status = models.CharField(max_length=12, choices=ReportStatus, default=ReportStatus.RECEIVED)
    outcome = models.CharField(max_length=12, choices=ReportOutcome, blank=True)
    outcome_message = EncryptedTextField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.status})"


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
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Note {self.pk}"
