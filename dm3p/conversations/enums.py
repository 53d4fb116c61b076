from django.db import models


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    REVIEWING = "reviewing", "Being reviewed"
    CLOSED = "closed", "Closed"


class ReportOutcome(models.TextChoices):
    NO_ACTION = "no_action", "No action needed"
    WARNING = "warning", "A warning was given"
    SUSPENSION = "suspension", "The member was suspended"
