from django.db import models


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    REVIEWING = "reviewing", "Being reviewed"
    CLOSED = "closed", "Closed"

    @property
    def awaits_acknowledgement(self) -> bool:
        """No organizer has told the reporter yet that it is being looked into."""
        return self == ReportStatus.RECEIVED

    @property
    def is_open(self) -> bool:
        return self != ReportStatus.CLOSED


class ReportOutcome(models.TextChoices):
    NO_ACTION = "no_action", "No action needed"
    WARNING = "warning", "A warning was given"
    SUSPENSION = "suspension", "The member was suspended"
