import datetime as dt

from django.conf import settings
from django.db import models

from dm3p.accommodations.enums import OPEN_STATUSES, RequestStatus
from dm3p.core.encrypted import EncryptedTextField
from dm3p.events.models import Event


class AccommodationType(models.Model):
    """A kind of accommodation, with how far ahead it must be asked for. Types provided by
    default (live captions) are described on every gathering instead of being requested."""

    label = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=400, blank=True)
    lead_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days before a gathering that requests are needed by."
    )
    provided_by_default = models.BooleanField(default=False)
    sends_materials = models.BooleanField(
        default=False,
        help_text="Those who ask get the gathering's slides and materials by e-mail as soon as "
        "organizers add them.",
    )
    interpreter_in_breakouts = models.BooleanField(
        default=False,
        help_text="Those who ask must be in a breakout room with an interpreter.",
    )
    needs_details = models.BooleanField(
        default=False, help_text="Ask the member to describe what they need."
    )
    needs_team_over_an_hour = models.BooleanField(
        default=False,
        help_text="Over an hour it takes two providers taking turns (sign language "
        "interpreters): coordinators are reminded to book a team.",
    )
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label

    def deadline_for(self, event: Event) -> dt.datetime:
        return event.starts_at - dt.timedelta(days=self.lead_days)


class AccommodationRequest(models.Model):
    """One member's request for one kind of support at one gathering. It always has a status
    the member can see, and an owner once a coordinator takes it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accommodation_requests"
    )
    kind = models.ForeignKey(AccommodationType, on_delete=models.PROTECT, related_name="+")
    details = EncryptedTextField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=RequestStatus, default=RequestStatus.RECEIVED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provider_notes = EncryptedTextField(null=True, blank=True)
    provider_names = models.CharField(
        max_length=200, blank=True, help_text="Who provides it, e.g. the interpreters' names."
    )
    link_sent = models.BooleanField(
        default=False, help_text="The provider has the gathering's meeting link."
    )
    not_possible_reason = EncryptedTextField(null=True, blank=True)
    is_late = models.BooleanField(default=False)
    needs_reconfirmation = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member", "kind"], name="one_request_per_kind_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"Accommodation request {self.pk}"

    @property
    def is_best_effort(self) -> bool:
        """Asked after the usual notice and not arranged yet: once confirmed, it is no longer
        "best effort"."""
        return self.is_late and self.status in OPEN_STATUSES


class StandingNeed(models.Model):
    """Support a member needs at every gathering; offered as requests when they RSVP."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing_needs"
    )
    kind = models.ForeignKey(AccommodationType, on_delete=models.PROTECT, related_name="+")
    details = EncryptedTextField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="one_standing_need_per_kind")
        ]

    def __str__(self) -> str:
        return f"Standing need {self.pk}"


class RequestQuestion(models.Model):
    """A coordinator's question to the member about one request, and the member's answer
    (given on their access page, or recorded by a coordinator when it came another way)."""

    request = models.ForeignKey(
        AccommodationRequest, on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = EncryptedTextField()
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = EncryptedTextField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"Question {self.pk} on accommodation request {self.request_id}"
