from dm3p.accounts.rules import is_coordinator
from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind

ACCOMMODATION_UPDATES = EMAIL_KINDS.register(
    EmailKind(
        key="accommodation_updates",
        label="Your accommodation requests",
        description="Receipts and every change in the status of a request. Always sent, so "
        "a request never goes quiet.",
        security=True,
    )
)

COORDINATOR_ALERTS = EMAIL_KINDS.register(
    EmailKind(
        key="coordinator_alerts",
        label="Alerts for accommodations coordinators",
        description="New requests, and gatherings that moved or were cancelled, so providers "
        "hear in time.",
        audience=is_coordinator,
    )
)


_KIND = {"kind_label": "The kind of support asked for, e.g. “ASL interpretation”."}
_TITLE = {"title": "The gathering's title."}
_REQUESTS_LINK = {"requests_link": "The member's requests for this gathering."}
_QUEUE_LINK = {"queue_link": "The coordinators' queue of requests."}

REQUEST_RECEIVED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_received",
        app="Accommodations",
        label="Request received",
        kind=ACCOMMODATION_UPDATES,
        recipients="The member who asked for support at a gathering (or had it recorded).",
        subject="We have your request: {kind_label}",
        body="We received your request for {kind_label} at {title}.{recorded_for_you}{late} "
        "A coordinator will arrange it and you will hear at each step.\n\n"
        "See your requests for this gathering: {requests_link}",
        placeholders={
            **_KIND,
            **_TITLE,
            "recorded_for_you": "“ A coordinator recorded it for you, as you asked.” when a "
            "coordinator did (otherwise empty).",
            "late": "A sentence saying the request came after the usual notice and is best "
            "effort, when it did (otherwise empty).",
            **_REQUESTS_LINK,
        },
    )
)
REQUEST_STATUS = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_status",
        app="Accommodations",
        label="Request's status changed",
        kind=ACCOMMODATION_UPDATES,
        recipients="The member, when a coordinator changes the status of their request.",
        subject="Update on your request: {kind_label}",
        body="Your request for {kind_label} at {title} is now: {status}.\n\n{reason}\n\n"
        "See your requests for this gathering: {requests_link}",
        placeholders={
            **_KIND,
            **_TITLE,
            "status": "The new status, e.g. “arranged”.",
            "reason": "Why it is not possible, when that is the new status and the "
            "coordinator said (otherwise empty).",
            **_REQUESTS_LINK,
        },
    )
)
REQUEST_CANCELLED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_cancelled",
        app="Accommodations",
        label="Gathering cancelled: request no longer needed",
        kind=ACCOMMODATION_UPDATES,
        recipients="Each member with an open request, when the gathering is cancelled.",
        subject="{title} {change}: your request for {kind_label}",
        body="{title} {change}, so your request for {kind_label} is no longer needed. The "
        "coordinators will let the providers know.\n\n"
        "See your requests for this gathering: {requests_link}",
        placeholders={
            **_TITLE,
            "change": "“is cancelled”.",
            **_KIND,
            **_REQUESTS_LINK,
        },
    )
)
REQUEST_RECONFIRM = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_reconfirm",
        app="Accommodations",
        label="Gathering changed: please confirm your request",
        kind=ACCOMMODATION_UPDATES,
        recipients="Each member with an open request, when the gathering moves or its link "
        "changes.",
        subject="Please confirm your request: {kind_label}",
        body="{title} {change}. Please check your request for {kind_label} still suits "
        "you.\n\nSee your requests for this gathering: {requests_link}",
        placeholders={
            **_TITLE,
            "change": "What changed: “has moved”, “has a new meeting link” or “has changed”.",
            **_KIND,
            **_REQUESTS_LINK,
        },
    )
)
MATERIALS = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_materials",
        app="Accommodations",
        label="Materials in advance",
        kind=ACCOMMODATION_UPDATES,
        recipients="Members who asked for materials in advance, when slides are added.",
        subject="Materials for {title}",
        body="You asked for materials in advance for {title}. Here they are: "
        "{materials_title}\n\n{materials_link}",
        placeholders={
            **_TITLE,
            "materials_title": "The title of the slides or document.",
            "materials_link": "Where to get them.",
        },
        required=("materials_link",),
    )
)
COORDINATOR_NEW_REQUESTS = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="coordinator_new_requests",
        app="Accommodations",
        label="New requests (to coordinators)",
        kind=COORDINATOR_ALERTS,
        recipients="Every coordinator, when a member asks for support.",
        subject="New accommodation request for {title}",
        body="{new_requests} for {title}.\n\nThe queue: {queue_link}",
        placeholders={
            **_TITLE,
            "new_requests": "How many requests were made, in words: “One new request” or "
            "“3 new requests”.",
            **_QUEUE_LINK,
        },
    )
)
COORDINATOR_GATHERING_CHANGED = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="coordinator_gathering_changed",
        app="Accommodations",
        label="Gathering changed (to coordinators)",
        kind=COORDINATOR_ALERTS,
        recipients="Every coordinator, when a gathering with open requests moves, is "
        "cancelled or gets a new link.",
        subject="Gathering changed: {title}",
        body="{title} {change}. {requests_affected}: tell the providers now.\n\n"
        "The queue: {queue_link}",
        placeholders={
            **_TITLE,
            "change": "What changed: “is cancelled”, “has moved”, “has a new meeting link” or "
            "“has changed”.",
            "requests_affected": "How many requests are affected, in words: “One "
            "accommodation request is affected” or “3 accommodation requests are affected”.",
            **_QUEUE_LINK,
        },
    )
)
REQUEST_QUESTION = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="accommodation_question",
        app="Accommodations",
        label="A question about a request",
        kind=ACCOMMODATION_UPDATES,
        recipients="The member, when a coordinator asks them a question about their request.",
        subject="A question about your request: {kind_label}",
        body="A coordinator has a question about your request for {kind_label} at {title}. "
        "To keep your health private, the question is on the site, not in this e-mail.\n\n"
        "Read it and answer (you will be asked to sign in): {answer_link}",
        placeholders={
            **_KIND,
            **_TITLE,
            "answer_link": "The member's requests for this gathering, where the question is "
            "and they answer it.",
        },
        required=("answer_link",),
    )
)
COORDINATOR_ANSWER = DECLARED_EMAILS.register(
    DeclaredEmail(
        key="coordinator_question_answered",
        app="Accommodations",
        label="A member answered (to the coordinator who asked)",
        kind=COORDINATOR_ALERTS,
        recipients="The coordinator who asked a member a question, when the member answers.",
        subject="Answered: your question about {kind_label} for {title}",
        body="The member answered your question about their request for {kind_label} at "
        "{title}.\n\nRead the answer: {request_link}",
        placeholders={
            **_KIND,
            **_TITLE,
            "request_link": "The request's page, where the answer is.",
        },
        required=("request_link",),
    )
)
