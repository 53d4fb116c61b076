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


class RunPhase(models.TextChoices):
    """What a matching run is doing, as organizers read it. The engine's own phases keep the
    engine's names (the adapter, selectors/engine.py, maps them)."""

    WAITING = "waiting", "Waiting for the worker to start"
    STARTING = "starting", "Starting"
    FORMING_FIRST_CIRCLES = "forming_first_circles", "Forming first circles"
    PLACING_EVERYONE = "placing_everyone", "Finding places for everyone"
    SEARCHING_BEST_POSSIBLE = "searching_best_possible", "Searching for the best possible circles"
    FINE_TUNING = "fine_tuning", "Fine-tuning circles"
    FINAL_POLISH = "final_polish", "Final polish"
    DONE = "done", "Done"
    STOPPED = (
        "stopped",
        "The engine stopped with an error. Try again; if it happens again, tell the site's "
        "administrators.",
    )


class BrokenRule(models.TextChoices):
    """A hard rule a draft circle breaks, as the engine's audit finds it; the label follows
    the circle's name ("Circle 2 has no hour ...")."""

    SIZE = "size", "has {people}; this round's circles have {min_size} to {max_size}"
    NO_COMMON_HOUR = "no_common_hour", "has no hour of the week when everyone is free"
    NO_COMMON_MODE = "no_common_mode", "has no way of communicating that everyone can use"
    AVOID_PAIR = (
        "avoid_pair",
        "breaks a constraint: two of its members must not be in a circle together",
    )
    OTHER = "other", "breaks a rule the matching engine checks ({detail})"


class ProfessionPreference(models.TextChoices):
    MIXED = "mixed", "A mix of professions"
    SIMILAR = "similar", "People in professions like mine"


class Rating(models.IntegerChoices):
    VERY_BAD = 1, "1: Not well at all"
    BAD = 2, "2: Not so well"
    OKAY = 3, "3: Okay"
    GOOD = 4, "4: Well"
    VERY_GOOD = 5, "5: Very well"
