"""The kinds of e-mail about conversations. Their keys were the members app's and stay the
same, so people's choices to turn them off are kept."""

from dm3p.core.emails import EmailKind, email_kind_register

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
