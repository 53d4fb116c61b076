from django.db import models


class Theme(models.TextChoices):
    SYSTEM = "system", "Follow my device"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"
    HIGH_CONTRAST = "contrast", "High contrast"


class TextSize(models.TextChoices):
    DEFAULT = "100", "Standard"
    LARGE = "125", "Large (125%)"
    LARGER = "150", "Larger (150%)"
    LARGEST = "200", "Largest (200%)"


class Font(models.TextChoices):
    DEFAULT = "default", "Standard"
    HYPERLEGIBLE = "hyperlegible", "Atkinson Hyperlegible (designed for low vision)"
    DYSLEXIA = "dyslexia", "OpenDyslexic (designed for dyslexia)"


class Motion(models.TextChoices):
    SYSTEM = "system", "Follow my device"
    REDUCE = "reduce", "Reduce motion"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (turned off by the recipient)"
