from dm3p.core.emails import EmailKind, email_kind_register

ACCOMMODATION_UPDATES = email_kind_register(
    EmailKind(
        key="accommodation_updates",
        label="Your accommodation requests",
        description="Receipts and every change in the status of a request. Always sent, so "
        "a request never goes quiet.",
        security=True,
    )
)

COORDINATOR_ALERTS = email_kind_register(
    EmailKind(
        key="coordinator_alerts",
        label="Alerts for accommodations coordinators",
        description="New requests, and gatherings that moved or were cancelled, so providers "
        "hear in time.",
    )
)
