from dm3p.core.emails import NAME_PLACEHOLDER
from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

APPLICATION = EMAIL_KINDS.register(
    EmailKind(
        key="application",
        label="Your application to join",
        description="Receipts, questions and decisions about your application. These are "
        "always sent while your application is open.",
        security=True,
    )
)


# Membership: what applicants and new members receive.
APPLICATION_RECEIVED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_received",
        app="Membership",
        label="Application received",
        kind=APPLICATION,
        recipients="The applicant, when they send their application.",
        subject="We have your application to join {site_name}",
        body="Dear {name},\n\nThank you for applying to join {site_name}. An organizer "
        "will read your application, usually within two weeks, and e-mail you.\n\n"
        "You can see where your application is at any time: {status_link}",
        placeholders={
            **NAME_PLACEHOLDER,
            "status_link": "The applicant's private link to their application's status (it "
            "works on any device for 120 days, and only shows the status).",
        },
        required=("status_link",),
    )
)
APPLICATION_APPROVED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_approved",
        app="Membership",
        label="Welcome (application approved)",
        kind=APPLICATION,
        recipients="The applicant, when an organizer approves their application.",
        subject="Welcome to {site_name}",
        body="Dear {name},\n\nYour application is approved: welcome to {site_name}!\n\n"
        "To set up your account, open this link. It confirms your e-mail address, lets you "
        "choose a password and signs you in, all in one step. It works once, for 14 days; "
        "keep it private.\n\n{set_password_link}\n\n"
        "You'll then see a short welcome list: your profile and who sees what, your access "
        "needs, your calendar, the next gathering and the mentorship circles.\n\n"
        "We meet online once a month, with a guest speaker, time to talk in small groups "
        "and social time. Live captions are always on; you can ask for sign language "
        "interpretation or other support when you say you are coming.\n\n"
        "Between gatherings, members talk in our private spaces:\n{community_links}\n\n"
        "{message}",
        placeholders={
            **NAME_PLACEHOLDER,
            "set_password_link": "The new member's private link to set up their account "
            "(confirms their address, chooses a password, signs them in; once, for 14 days).",
            "community_links": "The Discord and LinkedIn links (Membership settings), one a line.",
            "message": "The organizer's own message, written when approving (may be empty).",
        },
        required=("set_password_link",),
    )
)
APPLICATION_DECLINED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_declined",
        app="Membership",
        label="Application declined",
        kind=APPLICATION,
        recipients="The applicant, when an organizer declines their application.",
        subject="Your application to {site_name}",
        body="Dear {name},\n\nThank you for your interest in {site_name}. We are not able "
        "to offer you membership at this time.\n\n{message}\n\nYour application and what "
        "you told us will be deleted after {retention_days} days.",
        placeholders={
            **NAME_PLACEHOLDER,
            "message": "The organizer's own message, written when declining (may be empty).",
            "retention_days": "How many days declined applications are kept (Membership settings).",
        },
    )
)
APPLICATION_MORE_INFO = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_more_info",
        app="Membership",
        label="More information requested",
        kind=APPLICATION,
        recipients="The applicant, when an organizer asks them for more information.",
        subject="A question about your application to {site_name}",
        body="Dear {name},\n\nAn organizer read your application and would like to know "
        "a little more:\n\n{message}\n\nYou can add to your application here: "
        "{resume_link}",
        placeholders={
            **NAME_PLACEHOLDER,
            "message": "The organizer's question.",
            "resume_link": "The applicant's private link back to their application.",
        },
        required=("message", "resume_link"),
    )
)
APPLICATION_RESUME = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_resume",
        app="Membership",
        label="Link to finish an application",
        kind=APPLICATION,
        recipients="Someone who saved an application to finish later, or asked for a link.",
        subject="Finish your application to {site_name}",
        body="Dear {name},\n\nHere is your link to come back to your application. It "
        "works for 30 days; keep it private, as anyone with it can read your answers.\n\n"
        "{resume_link}\n\nIf you did not start an application, you can ignore this e-mail.",
        placeholders={
            **NAME_PLACEHOLDER,
            "resume_link": "The applicant's private link back to their application.",
        },
        required=("resume_link",),
    )
)
APPLICATION_KNOWN_ADDRESS = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_known_address",
        app="Membership",
        label="Someone applied with an address we know",
        kind=APPLICATION,
        recipients="The owner of an address that has an account or application already, "
        "when someone starts an application with it.",
        subject="Applying to {site_name} with this address",
        body="Dear {name},\n\nSomeone, probably you, just started an application to "
        "{site_name} with this e-mail address. This address already has an account or an "
        "application with us, so nothing was changed and what was typed was not kept.\n\n"
        "To come back to an application you haven't sent yet, ask for a new link: "
        "{link_request_link}\n\nIf you are a member, sign in here: {sign_in_link}\n\n"
        "If this wasn't you, you can ignore this e-mail.",
        placeholders={
            **NAME_PLACEHOLDER,
            "link_request_link": "The page where people ask for a link to their application.",
            "sign_in_link": "The sign-in page.",
        },
    )
)
APPLICATION_NO_LINK = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="application_no_link",
        app="Membership",
        label="Link asked for, but no unfinished application",
        kind=APPLICATION,
        recipients="Someone who asked for a link to an application when there is none "
        "unfinished for their address.",
        subject="Your link to {site_name}",
        body="Dear {name},\n\nSomeone, probably you, asked for a link to finish an "
        "application to {site_name} with this e-mail address. There is no unfinished "
        "application for it.\n\nIf you have sent your application, we will write to you. "
        "If you are a member, sign in here: {sign_in_link}\n\nTo apply, start here: "
        "{apply_link}\n\nIf this wasn't you, you can ignore this e-mail.",
        placeholders={
            **NAME_PLACEHOLDER,
            "sign_in_link": "The sign-in page.",
            "apply_link": "The page to apply.",
        },
    )
)
