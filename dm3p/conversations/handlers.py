"""What conversations add to earlier apps through their hooks: the buttons to message, block
or report on a member's profile, and what export and erasure cover (members); links to
messages and reports in the header and the staff menu (core)."""

from datetime import timedelta
from typing import Any

from django.db.models.signals import post_save
from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.circles.hooks import CIRCLE_PANELS, ROUND_PUBLISHED
from dm3p.circles.models import Circle, MatchingRound
from dm3p.conversations import search as conversations_search
from dm3p.conversations.defaults import spaces_fill
from dm3p.conversations.demo import demo_auto_spaces, demo_conversations, demo_forum
from dm3p.conversations.enums import SpaceKind
from dm3p.conversations.hooks import POST_WRITTEN
from dm3p.conversations.links import space_url, thread_url
from dm3p.conversations.models import (
    Block,
    Bookmark,
    EmailChoice,
    Post,
    Reaction,
    Report,
    Space,
    SpaceMember,
    Subscription,
    ThreadParticipant,
)
from dm3p.conversations.personal_data import (
    bookmarks_export,
    follows_export,
    posts_erase,
    posts_export,
    reactions_export,
    spaces_listed_export,
)
from dm3p.conversations.selectors.access import takes_part
from dm3p.conversations.selectors.auto_spaces import (
    circle_space_visible,
    gathering_thread_visible,
)
from dm3p.conversations.selectors.direct import direct_export, unread_count
from dm3p.conversations.selectors.direct import home_panel as messages_home_panel
from dm3p.conversations.selectors.mailin import address_stopped
from dm3p.conversations.selectors.messages import block_exists
from dm3p.conversations.services.actions import follow_on_writing
from dm3p.conversations.services.auto_privacy import LEAVE, POSTS_CHOICES, posts_on_leaving
from dm3p.conversations.services.auto_spaces import (
    circle_space_name_refresh,
    circle_spaces_make,
    gathering_thread_for,
    gathering_thread_title_refresh,
    gatherings_space,
)
from dm3p.conversations.services.direct import direct_erase
from dm3p.conversations.staff_home import moderation_panel, reports_panel
from dm3p.conversations.tasks import digests_hourly, inbound_mail_purge_daily, post_notify
from dm3p.core.hooks import (
    DEFAULTS_STEPS,
    DEMO_STEPS,
    EMAIL_ADDRESS_STOPPED,
    HOME_PANELS,
    NAV_ACCOUNT,
    NAV_MAIN,
    NAV_STAFF,
    PERIODIC_TASKS,
    STAFF_HOME_PANELS,
    DefaultsStep,
    DemoStep,
    NavLink,
    PagePanel,
    PeriodicTask,
)
from dm3p.events.hooks import EVENT_PANELS
from dm3p.events.models import Event
from dm3p.members.hooks import (
    DELETION_CHOICES,
    MEMBER_PROFILE_PANELS,
    PERSONAL_DATA,
    PERSONAL_DATA_EXEMPT,
    DeletionChoice,
    PersonalData,
    PersonalDataExempt,
    Row,
)
from dm3p.members.models import Profile
from dm3p.members.personal_data import erased_with_the_account, when_exported


def contact_panel(profile: Profile, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    if profile.user_id == viewer.pk:
        return None
    return "conversations/_profile_panel.html", {
        "blocked": block_exists(blocker=viewer, blocked=profile.user)
    }


def _reports(user: User) -> list[Row]:
    """Reports the person made. Reports about them stay with the organizers, unexported, so
    that nobody learns who reported them."""
    return [
        {
            "when": when_exported(report.created_at),
            "what_happened": report.reason,
            "status": report.get_status_display(),
            "outcome": report.get_outcome_display(),
            "message_from_organizers": report.outcome_message or "",
        }
        for report in Report.objects.filter(reporter=user)
    ]


def _blocks(user: User) -> list[Row]:
    return [
        {"blocked": block.blocked.display_name}
        for block in Block.objects.filter(blocker=user).select_related("blocked__profile")
    ]


def main_links(request: HttpRequest) -> list[NavLink]:
    """Messages (direct conversations), saying in words how many posts are new ("Messages,
    2 new"): one query."""
    if request.user.has_perm("conversations.view_inbox"):
        unread = unread_count(request)
        label = f"Messages, {unread} new" if unread else "Messages"
        return [NavLink(label, reverse("conversations:direct_list"), order=40)]
    return []


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.review_report"):
        return [NavLink("Reports", reverse("conversations:report_queue"), order=15)]
    return []


# mail-out: e-mail about new posts, digests, and choosing how often.
def post_notify_queue(post: Post) -> None:
    """Called once a post is committed: the worker e-mails those who chose "at once"."""
    post_notify.enqueue(post.pk)


def email_choice_links(request: HttpRequest) -> list[NavLink]:
    if takes_part(request.user):
        return [NavLink("Conversations by e-mail", reverse("conversations:email_choice"), order=15)]
    return []


def _email_choice(user: User) -> list[Row]:
    return [
        {
            "how_often": choice.get_rhythm_display(),
            "last_digest": when_exported(choice.last_digest_at),
        }
        for choice in EmailChoice.objects.filter(person=user)
    ]


# Auto spaces and privacy (issue 14): a space for each circle, a thread for each gathering,
# posts in the data export and what account deletion does with them.


def circle_space_panel(circle: Circle, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    """The link to a circle's space on its page (its people only). Publishing the round
    made the space (``ROUND_PUBLISHED``); reading a page never writes."""
    space = circle_space_visible(circle=circle, viewer=viewer)
    if space is None:
        return None
    return "conversations/auto_circle_panel.html", {"space": space, "url": space_url(space.slug)}


def gathering_thread_panel(event: Event, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    """The link to a gathering's thread on its page, for those who take part in
    conversations and may see the gathering. Saving the gathering made the thread."""
    thread = gathering_thread_visible(event=event, viewer=viewer)
    if thread is None:
        return None
    return "conversations/auto_gathering_panel.html", {
        "thread": thread,
        "url": thread_url(thread.pk),
    }


def gathering_thread_on_save(sender: Any, instance: Event, created: bool, **kwargs: Any) -> None:
    """A new gathering gets its thread at once, however it was made (a form, a monthly
    series, the demo); gatherings older than this got theirs by migration. A renamed
    gathering's thread takes the new title."""
    if kwargs.get("raw"):
        return
    if created:
        gathering_thread_for(instance)
    elif _may_have_changed("title", kwargs):
        gathering_thread_title_refresh(instance)


def _may_have_changed(field: str, saved: dict[str, Any]) -> bool:
    """Whether a save (``post_save``'s arguments) may have changed ``field``: not a fixture
    load, and every field saved or ``field`` among them."""
    fields = saved.get("update_fields")
    return not saved.get("raw") and (fields is None or field in fields)


def circle_space_on_save(sender: Any, instance: Circle, **kwargs: Any) -> None:
    """A renamed circle's space takes its new name."""
    if _may_have_changed("name", kwargs):
        circle_space_name_refresh(instance)


def round_spaces_on_save(sender: Any, instance: MatchingRound, **kwargs: Any) -> None:
    """A renamed round's circle spaces carry its new name."""
    if instance.published_at is None or not _may_have_changed("name", kwargs):
        return
    for circle in instance.circles.all():
        circle.round = instance
        circle_space_name_refresh(circle)


def _round_spaces(round: MatchingRound) -> None:
    circle_spaces_make(round)


def _gatherings() -> int:
    """The gatherings space, if the site has none yet."""
    if Space.objects.filter(kind=SpaceKind.GATHERINGS).exists():
        return 0
    gatherings_space()
    return 1


def connect_personal_data() -> None:
    """What else of a person's conversations the export shows, or why not."""
    for model, title, export, order in [
        (Reaction, "Reactions", reactions_export, 17),
        (Bookmark, "Bookmarks", bookmarks_export, 18),
        (Subscription, "Threads and spaces you follow or muted", follows_export, 19),
        (SpaceMember, "Spaces you are listed in", spaces_listed_export, 20),
    ]:
        PERSONAL_DATA.register(PersonalData(model, title, export, erased_with_the_account, order))
    for label, reason in [
        ("conversations.mention", "Who a post names; the post is under Posts."),
        ("conversations.threadread", "How far the person has read each thread."),
        ("conversations.replytoken", "The hash of a reply address; it reveals nothing."),
    ]:
        PERSONAL_DATA_EXEMPT.register(PersonalDataExempt(label, reason))


def connect_auto() -> None:
    ROUND_PUBLISHED.register(_round_spaces)
    CIRCLE_PANELS.register(circle_space_panel)
    EVENT_PANELS.register(gathering_thread_panel)
    post_save.connect(
        gathering_thread_on_save, sender=Event, dispatch_uid="conversations-gathering-thread"
    )
    post_save.connect(circle_space_on_save, sender=Circle, dispatch_uid="conversations-circle")
    post_save.connect(
        round_spaces_on_save, sender=MatchingRound, dispatch_uid="conversations-round"
    )
    DEFAULTS_STEPS.register(DefaultsStep(order=70, name="gatherings space", fill=_gatherings))
    DEMO_STEPS.register(DemoStep(order=75, name="conversation spaces", run=demo_auto_spaces))
    PERSONAL_DATA.register(PersonalData(Post, "Posts", posts_export, posts_erase, order=16))
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.thread",
            "Who started a thread; its title is exported with each of their posts.",
        )
    )
    DELETION_CHOICES.register(
        DeletionChoice(
            key="posts",
            question="What should happen to what you wrote in conversations?",
            hint="Others may have replied to your posts.",
            choices=POSTS_CHOICES,
            default=LEAVE,
            carry_out=posts_on_leaving,
        )
    )


def connect() -> None:
    """Register conversations' entries in the other apps' hooks (from
    ConversationsConfig.ready)."""
    HOME_PANELS.register(PagePanel(order=40, name="messages", show=messages_home_panel, aside=True))
    MEMBER_PROFILE_PANELS.register(contact_panel)
    # direct: what a person wrote and read in direct conversations. Their place in each goes
    # with the account; what they wrote stays with the others, signed "former member"
    # (what nobody else could read, because every other person had blocked them, goes too).
    PERSONAL_DATA.register(
        PersonalData(
            ThreadParticipant, "Direct conversations", direct_export, direct_erase, order=13
        )
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.message",
            "The old messages, kept unwritten since they became direct conversations "
            "(exported under Direct conversations).",
        )
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.postwithheld",
            "Which posts a person doesn't get because they blocked the author; goes with "
            "the account.",
        )
    )
    PERSONAL_DATA.register(
        PersonalData(Block, "People you blocked", _blocks, erased_with_the_account, order=14)
    )
    PERSONAL_DATA.register(
        PersonalData(Report, "Reports you made", _reports, erased_with_the_account, order=15)
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.conversation",
            "Only who an old conversation was between; its messages are under Direct "
            "conversations.",
        )
    )
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "conversations.reportnote",
            "Organizers' notes on a report; the author's name is unlinked.",
        )
    )
    NAV_MAIN.register(main_links)
    NAV_STAFF.register(staff_links)
    STAFF_HOME_PANELS.register(PagePanel(order=10, name="reports", show=reports_panel))
    STAFF_HOME_PANELS.register(PagePanel(order=11, name="moderation", show=moderation_panel))
    DEMO_STEPS.register(DemoStep(order=70, name="conversations", run=demo_conversations))
    # mail-out
    POST_WRITTEN.append(post_notify_queue)
    PERSONAL_DATA.register(
        PersonalData(
            EmailChoice,
            "Conversations by e-mail",
            _email_choice,
            erased_with_the_account,
            order=16,
        )
    )
    NAV_ACCOUNT.register(email_choice_links)
    PERIODIC_TASKS.register(PeriodicTask(task=digests_hourly, every=timedelta(hours=1)))
    # Post actions (issue 14): who writes in a thread follows it, unless they muted it.
    if follow_on_writing not in POST_WRITTEN:
        POST_WRITTEN.append(follow_on_writing)
    connect_forum()
    connect_auto()
    connect_personal_data()
    # search: what search finds here, kept in step with each change.
    conversations_search.connect()


# forum: the conversation pages in the menus, the spaces a new site starts with, demo threads.
def forum_main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.take_part"):
        return [NavLink("Conversations", reverse("conversations:spaces"), order=38)]
    return []


def forum_staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.manage_spaces"):
        return [NavLink("Spaces", reverse("conversations:space_manage_list"), order=16)]
    return []


def connect_forum() -> None:
    NAV_MAIN.register(forum_main_links)
    NAV_STAFF.register(forum_staff_links)
    DEFAULTS_STEPS.register(DefaultsStep(order=70, name="conversation spaces", fill=spaces_fill))
    DEMO_STEPS.register(DemoStep(order=71, name="conversation threads", run=demo_forum))
    # Mail-in: stop mailing addresses that bounce; delete received e-mails kept long enough.
    EMAIL_ADDRESS_STOPPED.register(address_stopped)
    PERIODIC_TASKS.register(PeriodicTask(task=inbound_mail_purge_daily, every=timedelta(days=1)))
