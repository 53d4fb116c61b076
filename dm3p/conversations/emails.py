"""The kinds of e-mail about conversations. Their keys were the members app's and stay the
same, so people's choices to turn them off are kept."""

from dm3p.accounts.rules import is_member, is_organizer
from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

MEMBER_MESSAGES = EMAIL_KINDS.register(
    EmailKind(
        key="member_messages",
        label="Messages from other members",
        description="A copy of each message or reply a member sends you through the site. "
        "Turned off, you can still read them on the site.",
        audience=is_member | is_organizer,
    )
)

REPORTS = EMAIL_KINDS.register(
    EmailKind(
        key="reports",
        label="Reports you make",
        description="Updates on a report you made under the code of conduct. Always sent.",
        security=True,
        audience=is_member | is_organizer,
    )
)

STAFF_ALERTS = EMAIL_KINDS.register(
    EmailKind(
        key="staff_alerts",
        label="Alerts for organizers",
        description="New reports under the code of conduct that need an organizer.",
        audience=is_organizer,
    )
)


# Messages between members, and reports under the code of conduct.
MEMBER_MESSAGE = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="member_message",
        app="Messages and reports",
        label="A message from a member",
        kind=MEMBER_MESSAGES,
        recipients="A member another member wrote to (unless they blocked the sender).",
        subject="{sender_name} sent you a message",
        body="{sender_name} wrote:\n\n{message}\n\n{how_to_reply}\n\nRead it, block the "
        "sender or report it: {message_link}",
        placeholders={
            "sender_name": "The name the sender shows other members.",
            "message": "What they wrote.",
            "how_to_reply": "Their e-mail address to reply to, if they shared it; otherwise "
            "that they chose not to share it.",
            "message_link": "The message on the site.",
        },
        required=("message_link",),
    )
)
REPORT_RECEIVED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="report_received",
        app="Messages and reports",
        label="Report received",
        kind=REPORTS,
        recipients="The member who made a report.",
        subject="We received your report",
        body="Thank you for telling us. Organizers handle reports confidentially: the person "
        "you reported is not told who reported them. We will write again when we have "
        "looked into it.",
        placeholders={},
    )
)
REPORT_ACKNOWLEDGED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="report_acknowledged",
        app="Messages and reports",
        label="Report being reviewed",
        kind=REPORTS,
        recipients="The member who made a report, when an organizer takes it up.",
        subject="Your report is being reviewed",
        body="An organizer has read your report and is looking into it.",
        placeholders={},
    )
)
REPORT_CLOSED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="report_closed",
        app="Messages and reports",
        label="Outcome of a report",
        kind=REPORTS,
        recipients="The member who made a report, when an organizer closes it.",
        subject="The outcome of your report",
        body="We have finished looking into your report. Outcome: {outcome}.\n\n{message}",
        placeholders={
            "outcome": "What was decided, e.g. “No action needed”.",
            "message": "The organizer's message to the reporter (may be empty).",
        },
    )
)
REPORT_ALERT = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="report_alert",
        app="Messages and reports",
        label="New report (to organizers)",
        kind=STAFF_ALERTS,
        recipients="Every organizer, when a member makes a report.",
        subject="A new report needs an organizer",
        body="A member made a report under the code of conduct: {report_link}",
        placeholders={"report_link": "The report on the staff pages."},
        required=("report_link",),
    )
)


# Moderation of conversations (the moderation part of issue 14).
MODERATION = EMAIL_KINDS.register(
    EmailKind(
        key="moderation",
        label="Organizers' decisions about your posts",
        description="When an organizer hides, removes, approves, locks or moves something you "
        "wrote, and why. Always sent.",
        security=True,
        audience=is_member | is_organizer,
    )
)
POST_MODERATED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="post_moderated",
        app="Messages and reports",
        label="An organizer acted on a member's post or thread",
        kind=MODERATION,
        recipients="The member who wrote the post, or started the thread.",
        subject="About your post in “{thread_title}”",
        body="Hello {name},\n\n{what_happened}\n\nWhy: {reason}\n\nThe thread: {thread_link}\n\n"
        "If you have a question about this, reply to the organizers at the address at the "
        "foot of any page.",
        placeholders={
            "name": "The member's name.",
            "thread_title": "The thread's title.",
            "what_happened": "What the organizer did, in a sentence.",
            "reason": "Why, in the organizer's words.",
            "thread_link": "The thread on the site.",
        },
        required=("what_happened", "thread_link"),
    )
)


# mail-out: what members hear about conversations by e-mail (their choice on
# /account/conversations-email/: at once, a daily or weekly digest, or nothing).
CONVERSATIONS = EMAIL_KINDS.register(
    EmailKind(
        key="conversations",
        label="Conversations",
        description="Mentions, replies to your posts and new posts in what you follow, at "
        "once or as a digest: choose how often on “Conversations by e-mail”. Direct "
        "conversations come under “Messages from other members”.",
        audience=is_member | is_organizer,
    )
)

CONVERSATION_POST = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="conversation_post",
        app="Conversations",
        label="A new post (at once)",
        kind=CONVERSATIONS,
        recipients="Members who chose e-mail at once: when they are mentioned, someone "
        "replies to their post, or someone writes in a thread or space they follow.",
        subject="{author_name} in “{thread_title}”",
        body="{why}\n\n{post}\n\nRead it on the site: {post_link}\n\n{how_to_reply}",
        placeholders={
            "author_name": "The name the writer shows other members.",
            "thread_title": "The thread's title.",
            "why": "Why you get this e-mail, e.g. “Sam mentioned you in Off topic.”",
            "post": "What they wrote (or only its content note, when it has one).",
            "post_link": "The post on the site.",
            "how_to_reply": "That replying to the e-mail posts the reply in the thread.",
        },
        required=("post_link",),
    )
)
CONVERSATION_DIRECT = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="conversation_direct",
        app="Conversations",
        label="A new post in a direct conversation (at once)",
        kind=MEMBER_MESSAGES,
        recipients="The other people in a direct conversation who chose e-mail at once "
        "(never someone who blocked the writer).",
        subject="{author_name} wrote to you: “{thread_title}”",
        body="{post}\n\nRead it, block the writer or report it: {post_link}\n\n{how_to_reply}",
        placeholders={
            "author_name": "The name the writer shows other members.",
            "thread_title": "The conversation's title.",
            "post": "What they wrote (or only its content note, when it has one).",
            "post_link": "The post on the site.",
            "how_to_reply": "That replying to the e-mail posts the reply in the conversation.",
        },
        required=("post_link",),
    )
)
CONVERSATION_DIGEST = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="conversation_digest",
        app="Conversations",
        label="Digest of conversations",
        kind=CONVERSATIONS,
        recipients="Members who chose a daily or weekly digest, when something new was "
        "posted in what they follow (none is sent when nothing was).",
        subject="{post_count} in conversations you follow",
        body="Since your last digest:\n\n{digest}\n\nChoose how often you hear from us: "
        "{choice_link}",
        placeholders={
            "post_count": "How many new posts it lists, e.g. “3 new posts” or “1 new post”.",
            "digest": "Each thread's title, link and new posts, thread by thread.",
            "choice_link": "The page to choose at once, daily, weekly or no e-mail.",
        },
        required=("digest",),
    )
)


# Mail-in: replies by e-mail that could not be posted.
REPLY_REFUSALS = EMAIL_KINDS.register(
    EmailKind(
        key="reply_refusals",
        label="Replies by e-mail that were not posted",
        description="When you answer a conversation by e-mail and your reply can't be "
        "posted, we tell you why. Always sent, so a reply never goes missing unnoticed.",
        security=True,
        audience=is_member | is_organizer,
    )
)
REPLY_REFUSED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="reply_by_email_refused",
        app="Conversations",
        label="A reply by e-mail was not posted",
        kind=REPLY_REFUSALS,
        recipients="Whoever sent an e-mail to a conversation's reply address that could not "
        "be posted (at most a few an hour per address; never to automatic replies).",
        subject="Your reply was not posted",
        body="Hello {name},\n\nWe received your e-mail, but it was not posted: {why}\n\n"
        "{what_to_do}\n\nNothing you wrote has been shared.",
        placeholders={
            "name": "The recipient's name, or “there” when we don't know it.",
            "why": "Why the reply was not posted, in one sentence.",
            "what_to_do": "What the person can do instead.",
        },
        required=("why",),
    )
)
