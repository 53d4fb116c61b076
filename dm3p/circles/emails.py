from dm3p.accounts.rules import is_member
from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

CIRCLE_UPDATES = EMAIL_KINDS.register(
    EmailKind(
        key="circle_updates",
        label="Your mentorship circle",
        description="When a round of circles opens for sign-up, when the circles of a "
        "round you joined are published (where to find yours), and when someone joins or "
        "leaves your circle.",
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
_CIRCLE = {
    "circle_name": "The circle's name.",
    "circle_link": "The circle's page.",
}
_PERSON = {"person_name": "The name of the person who joined or left the circle."}

CIRCLE_CHANGED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_changed",
        app="Circles",
        label="Moved to another circle",
        kind=CIRCLE_UPDATES,
        recipients="A member an organizer moves to another circle after the round's circles "
        "are published.",
        subject="Your circle for {round_name} has changed",
        body="The organizers have moved you to another circle for {round_name}: "
        "{circle_name}.\n\nSee who is in it and the times you can all meet (in your own time "
        "zone) on its page: {circle_link}",
        placeholders={**_ROUND, **_CIRCLE},
        required=("circle_link",),
    )
)
CIRCLE_ADDED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_added",
        app="Circles",
        label="Placed in a circle after all",
        kind=CIRCLE_UPDATES,
        recipients="A member who was not placed, when an organizer adds them to a circle after "
        "the round's circles are published.",
        subject="You have a circle for {round_name}",
        body="Good news: the organizers found a place for you in a circle for {round_name}: "
        "{circle_name}.\n\nSee who is in it and the times you can all meet (in your own time "
        "zone) on its page: {circle_link}",
        placeholders={**_ROUND, **_CIRCLE},
        required=("circle_link",),
    )
)
CIRCLE_JOINED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_someone_joined",
        app="Circles",
        label="Someone joined your circle",
        kind=CIRCLE_UPDATES,
        recipients="The other members of a circle an organizer adds someone to, after the "
        "round's circles are published.",
        subject="Someone new in {circle_name}",
        body="{person_name} has joined {circle_name} ({round_name}). You might say hello "
        "when you next meet.\n\nThe circle's page has everyone in it: {circle_link}",
        placeholders={**_ROUND, **_CIRCLE, **_PERSON},
    )
)
CIRCLE_LEFT = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="circle_someone_left",
        app="Circles",
        label="Someone left your circle",
        kind=CIRCLE_UPDATES,
        recipients="The other members of a circle an organizer moves someone out of, after "
        "the round's circles are published.",
        subject="A change in {circle_name}",
        body="{person_name} is no longer in {circle_name} ({round_name}). Nothing is needed "
        "from you.\n\nThe circle's page has everyone in it: {circle_link}",
        placeholders={**_ROUND, **_CIRCLE, **_PERSON},
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
