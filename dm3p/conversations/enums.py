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


class SpaceAudience(models.TextChoices):
    """Who may read and write in a space organizers made."""

    EVERYONE = "everyone", "All members and allies"
    MEMBERS = "members", "Members only (not allies)"
    ORGANIZERS = "organizers", "Organizers only"
    LISTED = "listed", "Only the people listed"


class SpaceKind(models.TextChoices):
    """Spaces organizers make, and those the site makes by itself: one per circle (its
    members only) and one for the gatherings (a thread per gathering, for those who can see
    the gathering)."""

    TOPIC = "topic", "Topic"
    CIRCLE = "circle", "Circle"
    GATHERINGS = "gatherings", "Gatherings"


class FollowLevel(models.TextChoices):
    FOLLOW = "follow", "Following"
    MUTE = "mute", "Muted"


class Reacting(models.TextChoices):
    """Reactions are words first: the emoji is shown beside its name, never alone."""

    THANKS = "thanks", "Thanks"
    AGREE = "agree", "Agree"
    SUPPORT = "support", "Sending support"
    LAUGH = "laugh", "Made me laugh"

    @property
    def emoji(self) -> str:
        return {"thanks": "🙏", "agree": "👍", "support": "💜", "laugh": "😄"}[self.value]


class EmailRhythm(models.TextChoices):
    """How a member hears about conversations by e-mail."""

    AT_ONCE = "at_once", "At once, for mentions, replies to me and direct messages"
    DAILY = "daily", "A daily digest of what I follow"
    WEEKLY = "weekly", "A weekly digest of what I follow"
    NOTHING = "nothing", "No e-mail about conversations"


class PostState(models.TextChoices):
    """Whether others can read a post."""

    SHOWN = "shown", "Shown"
    HELD = "held", "Waiting for review"  # a new member's first posts, when the site holds them
    HIDDEN = "hidden", "Hidden while reviewed"
    REMOVED = "removed", "Removed by its author"
    REMOVED_BY_MODERATOR = "moderated", "Removed by a moderator"
