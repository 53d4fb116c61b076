from django.db import models


class MeetingRhythm(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"


class RunStatus(models.TextChoices):
    IDLE = "idle", "Not run yet"
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Stopped with an error"


class ProfessionPreference(models.TextChoices):
    MIXED = "mixed", "A mix of professions"
    SIMILAR = "similar", "People in professions like mine"


class Rating(models.IntegerChoices):
    VERY_BAD = 1, "1: Not well at all"
    BAD = 2, "2: Not so well"
    OKAY = 3, "3: Okay"
    GOOD = 4, "4: Well"
    VERY_GOOD = 5, "5: Very well"
