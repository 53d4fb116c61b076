from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

EVENT_UPDATES = EMAIL_KINDS.register(
    EmailKind(
        key="event_updates",
        label="Changes to gatherings you're coming to",
        description="When a gathering you said you'd come to moves, is cancelled, or a place "
        "opens up for you on its waiting list.",
    )
)

EVENT_REMINDERS = EMAIL_KINDS.register(
    EmailKind(
        key="event_reminders",
        label="Reminders before gatherings",
        description="A reminder before each gathering you said you'd come to (by default a "
        "week and a day before), with the time in your time zone and a calendar file.",
    )
)
EVENT_INVITATIONS = EMAIL_KINDS.register(
    EmailKind(
        key="event_invitations",
        label="Invitations to gatherings",
        description="About three weeks before each gathering you haven't answered yet, an "
        "invitation with links to answer, in time to ask for interpretation.",
    )
)

ANSWER_LINK_HELP = (
    "The member's own link to answer “{answer}”: it opens a page that saves the answer with "
    "one button (signed, works for 60 days; after “I'm coming” it leads to asking for access "
    "support)."
)

WAITLIST_PLACE = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="waitlist_place",
        app="Gatherings",
        label="A place opened up",
        kind=EVENT_UPDATES,
        recipients="The first member on a full gathering's waiting list, when a place frees.",
        subject="You have a place at {title}",
        body="A place opened up at {title}, and it is yours: you were first on the waiting "
        "list. If you can no longer come, please change your answer on the event's page so "
        "someone else can have it.",
        placeholders={"title": "The gathering's title."},
    )
)
GATHERING_CHANGED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="gathering_changed",
        app="Gatherings",
        label="A gathering moved, was cancelled or has a new link",
        kind=EVENT_UPDATES,
        recipients="Everyone who said they'd come or might, with the updated calendar file.",
        subject="{title} {change}",
        body="{title} {change}.\n\nWhen: {when}\n\n{answer_again}\n\nThe attached calendar "
        "file updates your calendar. Details: {page_link}",
        placeholders={
            "title": "The gathering's title.",
            "change": "What changed: “is cancelled”, “has moved”, “has a new meeting link” or "
            "“has changed”.",
            "when": "Its date and time, in the member's own time zone.",
            "answer_again": "When it moved: “Can you still come?” with the member's own links "
            "to answer “I'm coming”, “Maybe” or “I can't come” (empty otherwise).",
            "page_link": "The gathering's page.",
        },
    )
)
GATHERING_REMINDER = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="gathering_reminder",
        app="Gatherings",
        label="Reminder before a gathering",
        kind=EVENT_REMINDERS,
        recipients="Everyone who said they'd come or might, on each of the gathering's "
        "reminder days, with a calendar file.",
        subject="Reminder: {title}, {when}",
        body="{title} is {how_soon}.\n\nWhen: {when}\n{join_details}\n\n"
        "Are you coming? Each link opens a page where one button saves your answer:\n"
        "I'm coming: {going_link}\nMaybe: {maybe_link}\nI can't come: {cant_link}\n"
        "Can't come after all? Please say so, so someone else can have your place.\n\n"
        "{more_details}\n\n"
        "Live captions are on in the main room. Cameras may stay off.\n\n"
        "The gathering's page: {page_link}\n\nYou get this because you said you'd come. "
        "Turn reminders off: {settings_link}",
        placeholders={
            "title": "The gathering's title.",
            "how_soon": "“tomorrow”, or “in 7 days”.",
            "when": "Its date and time, in the member's own time zone.",
            "join_details": "How to join: the meeting link, ID and passcode, one a line "
            "(empty when there is no link yet).",
            "more_details": "What other parts of the site add for this member: their "
            "accommodations, their breakout room (may be empty).",
            "going_link": ANSWER_LINK_HELP.format(answer="I'm coming"),
            "maybe_link": ANSWER_LINK_HELP.format(answer="Maybe"),
            "cant_link": ANSWER_LINK_HELP.format(answer="I can't come"),
            "page_link": "The gathering's page.",
            "settings_link": "The member's e-mail settings, to turn reminders off.",
        },
    )
)
GATHERING_INVITATION = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="gathering_invitation",
        app="Gatherings",
        label="Invitation to a gathering",
        kind=EVENT_INVITATIONS,
        recipients="Every member who hasn't answered yet, about three weeks before the "
        "gathering (or when it is added, if that is sooner).",
        subject="Are you coming? {title}, {when}",
        body="{title}\n\nWhen: {when}\n\n{about}\n\n"
        "Are you coming? Each link opens a page where one button saves your answer:\n"
        "I'm coming: {going_link}\nMaybe: {maybe_link}\nI can't come: {cant_link}\n\n"
        "Saying you're coming takes you straight to ask for sign language interpretation or "
        "other support; interpreters are booked weeks ahead, so please ask soon.\n\n"
        "The gathering's page: {page_link}\n\n"
        "Turn invitations off: {settings_link}",
        placeholders={
            "title": "The gathering's title.",
            "when": "Its date and time, in the member's own time zone.",
            "about": "What the gathering is about (its description).",
            "going_link": ANSWER_LINK_HELP.format(answer="I'm coming"),
            "maybe_link": ANSWER_LINK_HELP.format(answer="Maybe"),
            "cant_link": ANSWER_LINK_HELP.format(answer="I can't come"),
            "page_link": "The gathering's page.",
            "settings_link": "The member's e-mail settings, to turn invitations off.",
        },
        required=("going_link",),
    )
)
