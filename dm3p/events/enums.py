from django.db import models


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class EventVisibility(models.TextChoices):
    PUBLIC = "public", "Listed publicly (the meeting link stays members-only)"
    MEMBERS = "members", "Members only"


class LinkAudience(models.TextChoices):
    MEMBERS = "members", "All members"
    REGISTERED = "registered", "Only members who said they are coming"


class SegmentKind(models.TextChoices):
    SPEAKER = "speaker", "Guest speaker"
    LARGE_GROUP = "large_group", "Large-group discussion"
    BREAKOUTS = "breakouts", "Small-group breakouts"
    SOCIAL = "social", "Social time"
    CUSTOM = "custom", "Other"


class RsvpAnswer(models.TextChoices):
    GOING = "going", "I'm coming"
    MAYBE = "maybe", "Maybe"
    CANT = "cant", "I can't come"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class ResourceKind(models.TextChoices):
    RECORDING = "recording", "Recording"
    SLIDES = "slides", "Slides or materials"
    TRANSCRIPT = "transcript", "Transcript"
    CAPTIONS = "captions", "Caption file"
    LINK = "link", "Link"


class ResourceAudience(models.TextChoices):
    PUBLIC = "public", "Anyone"
    MEMBERS = "members", "Members only"
