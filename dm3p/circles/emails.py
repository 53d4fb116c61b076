from dm3p.accounts.rules import is_member
from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

CIRCLE_UPDATES = EMAIL_KINDS.register(
    EmailKind(
        key="circle_updates",
        label="Your mentorship circle",
        description="When a round of circles opens for sign-up, and when the circles of a "
        "round you joined are published: where to find yours.",
        audience=is_member,
    )
)

CHECK_IN_REMINDERS = EMAIL_KINDS.register(
    EmailKind(
        key="circle_check_ins",
        label="Check-in reminders for your circle",
        description="Now and then, a one-minute question about how your circle is going. "
        "Pausing yourself in a check-in stops these.",
        audience=is_member,
    )
)


_ROUND = {"round_name": "The round's name, e.g. “Spring 2027 circles”."}

ROUND_OPEN = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_round_open",
        app="Circles",
        label="Sign-up for a round is open",
        kind=CIRCLE_UPDATES,
        recipients="Every member, when an organizer announces a round.",
        subject="Join {round_name}: sign-up is open until {closes}",
        body="Sign-up for {round_name} is open until {closes}. Circles of {min_size} to "
        "{max_size} people meet {meets}, and everyone in them is both mentor and mentee.\n\n"
        "Joining takes a few minutes; your answers start from your profile: {join_link}",
        placeholders={
            **_ROUND,
            "closes": "The last day of sign-up, e.g. “Friday 12 March”.",
            "min_size": "The smallest circle.",
            "max_size": "The largest circle.",
            "meets": "How often circles meet, e.g. “every two weeks”.",
            "join_link": "The page to join the round.",
        },
        required=("join_link",),
    )
)
CIRCLE_PUBLISHED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_published",
        app="Circles",
        label="Your circle is ready",
        kind=CIRCLE_UPDATES,
        recipients="Each member placed in a circle, when the round's circles are published.",
        subject="Your circle for {round_name} is ready",
        body="Your mentorship circle for {round_name} is ready: {circle_name}.\n\nSee who is "
        "in it, the times you can all meet (in your own time zone) and the topics you share on "
        "its page: {circle_link}",
        placeholders={
            **_ROUND,
            "circle_name": "The circle's name.",
            "circle_link": "The circle's page.",
        },
    )
)
CIRCLE_NOT_PLACED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_not_placed",
        app="Circles",
        label="Not placed in a circle",
        kind=CIRCLE_UPDATES,
        recipients="Each member who joined the round but is in no circle, when it is published.",
        subject="About your circle for {round_name}",
        body="Thank you for joining {round_name}. This time we could not place you in a "
        "circle. The organizers will be in touch about what could work for you.",
        placeholders=_ROUND,
    )
)
CHECK_IN_DUE = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_check_in",
        app="Circles",
        label="Check-in reminder",
        kind=CHECK_IN_REMINDERS,
        recipients="Each member in a running circle, each time a check-in is due.",
        subject="How is your circle going? ({round_name})",
        body="A one-minute check-in: how is your circle going? You can also pause, or ask for "
        "a different circle next round.\n\n{check_in_link}",
        placeholders={**_ROUND, "check_in_link": "The circle's check-in page."},
        required=("check_in_link",),
    )
)
