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
