from dm3p.core.emails import EmailKind, email_kind_register

CIRCLE_UPDATES = email_kind_register(
    EmailKind(
        key="circle_updates",
        label="Your mentorship circle",
        description="When a round of circles opens for sign-up, and when the circles of a "
        "round you joined are published: where to find yours.",
    )
)

CHECK_IN_REMINDERS = email_kind_register(
    EmailKind(
        key="circle_check_ins",
        label="Check-in reminders for your circle",
        description="Now and then, a one-minute question about how your circle is going. "
        "Pausing yourself in a check-in stops these.",
    )
)
