from dm3p.core.emails import EmailKind, email_kind_register

EVENT_UPDATES = email_kind_register(
    EmailKind(
        key="event_updates",
        label="Changes to gatherings you're coming to",
        description="When a gathering you said you'd come to moves, is cancelled, or a place "
        "opens up for you on its waiting list.",
    )
)

EVENT_REMINDERS = email_kind_register(
    EmailKind(
        key="event_reminders",
        label="Reminders before gatherings",
        description="A reminder before each gathering you said you'd come to (by default a "
        "week and a day before), with the time in your time zone and a calendar file.",
    )
)
