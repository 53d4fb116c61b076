"""Where members talk between gatherings: spaces hold threads, threads hold posts. A thread
with no space is a direct conversation between the people taking part in it."""

from django.conf import settings
from django.db import models

from dm3p.conversations.enums import FollowLevel, PostState, Reacting, SpaceAudience, SpaceKind
from dm3p.core.encrypted import EncryptedTextField

TITLE_MAX = 150
CONTENT_NOTE_MAX = 100


class Space(models.Model):
    """A place for threads on one subject, with an audience. Circle spaces and the
    gatherings space are made by the site (``kind``); organizers make the others."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=12, choices=SpaceKind, default=SpaceKind.TOPIC)
    audience = models.CharField(
        max_length=12, choices=SpaceAudience, default=SpaceAudience.EVERYONE
    )
    circle = models.OneToOneField(
        "circles.Circle", null=True, blank=True, on_delete=models.CASCADE, related_name="space"
    )
    position = models.PositiveSmallIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=SpaceKind.CIRCLE, circle__isnull=False)
                | (~models.Q(kind=SpaceKind.CIRCLE) & models.Q(circle__isnull=True)),
                name="space_circle_only_for_circle_spaces",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SpaceMember(models.Model):
    """Someone on a space's list (for spaces whose audience is ``listed``)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="listed")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="listed_once")]

    def __str__(self) -> str:
        return f"Space member {self.pk}"


class Thread(models.Model):
    """A subject and its posts. ``space`` is empty for a direct conversation, whose people
    are its participants; ``event`` is set for a gathering's own thread."""

    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="threads"
    )
    event = models.OneToOneField(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="thread"
    )
    title = models.CharField(max_length=TITLE_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the services that write posts, so lists never count posts row by row.
    last_post_at = models.DateTimeField(null=True, blank=True)
    last_post_id = models.PositiveBigIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-id"]
        indexes = [models.Index(fields=["space", "-last_post_at"], name="thread_latest_in_space")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_direct(self) -> bool:
        return self.space_id is None


class ThreadParticipant(models.Model):
    """A person in a direct conversation."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="direct_threads"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"Participant {self.pk}"


class Post(models.Model):
    """What one person wrote in a thread, in Markdown. A post whose author deleted their
    account stays, signed "former member" (``author`` empty), unless they chose to remove
    their posts."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    # Empty (None) once the post is removed: its words are deleted, the post stays in place.
    body = EncryptedTextField(null=True, blank=True)
    # A short label the post folds behind ("a hospital stay"), or empty.
    content_note = models.CharField(max_length=CONTENT_NOTE_MAX, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    state = models.CharField(max_length=10, choices=PostState, default=PostState.SHOWN)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The direct message this post was made from, so old links to it still lead here.
    legacy_message_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["thread", "id"], name="post_in_thread_order"),
            models.Index(fields=["author", "-id"], name="post_by_author"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk}"

    @property
    def is_readable(self) -> bool:
        """Shown to everyone who can see the thread."""
        return self.state == PostState.SHOWN


class PostRevision(models.Model):
    """What a post said before an edit; moderators can read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = EncryptedTextField()
    content_note = models.CharField(max_length=CONTENT_NOTE_MAX, blank=True)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["replaced_at", "id"]

    def __str__(self) -> str:
        return f"Revision {self.pk}"


class Attachment(models.Model):
    """An image in a post, checked like every upload, always with its description."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    image = models.ImageField(upload_to="posts/")
    alt_text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="attachment_has_alt_text")
        ]

    def __str__(self) -> str:
        return f"Attachment {self.pk}"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Reacting)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person", "kind"], name="reaction_once")
        ]

    def __str__(self) -> str:
        return f"Reaction {self.pk}"


class Mention(models.Model):
    """``person`` was named in ``post`` with @; they are told once."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="mention_once")]

    def __str__(self) -> str:
        return f"Mention {self.pk}"


class ThreadRead(models.Model):
    """How far a person has read a thread: every post with a larger id is new to them."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "thread"], name="read_once")]

    def __str__(self) -> str:
        return f"Read {self.pk}"


class Subscription(models.Model):
    """A person follows or mutes one thread or one space (exactly one of the two)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=8, choices=FollowLevel)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True, space__isnull=False)
                | models.Q(thread__isnull=False, space__isnull=True),
                name="subscription_to_thread_or_space",
            ),
            models.UniqueConstraint(
                fields=["person", "thread"],
                condition=models.Q(thread__isnull=False),
                name="subscription_once_per_thread",
            ),
            models.UniqueConstraint(
                fields=["person", "space"],
                condition=models.Q(space__isnull=False),
                name="subscription_once_per_space",
            ),
        ]

    def __str__(self) -> str:
        return f"Subscription {self.pk}"


class Bookmark(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["person", "post"], name="bookmark_once")]

    def __str__(self) -> str:
        return f"Bookmark {self.pk}"
