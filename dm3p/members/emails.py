from dm3p.core.emails import EmailKind, email_kind_register

APPLICATION = email_kind_register(
    EmailKind(
        key="application",
        label="Your application to join",
        description="Receipts, questions and decisions about your application. These are "
        "always sent while your application is open.",
        security=True,
    )
)

MEMBER_MESSAGES = email_kind_register(
    EmailKind(
        key="member_messages",
        label="Messages from other members",
        description="A copy of each message a member sends you through the site. Turned off, "
        "you can still read them on the site.",
    )
)

REPORTS = email_kind_register(
    EmailKind(
        key="reports",
        label="Reports you make",
        description="Updates on a report you made under the code of conduct. Always sent.",
        security=True,
    )
)

STAFF_ALERTS = email_kind_register(
    EmailKind(
        key="staff_alerts",
        label="Alerts for organizers",
        description="New reports under the code of conduct that need an organizer.",
    )
)
