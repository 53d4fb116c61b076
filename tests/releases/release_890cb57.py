"""The site as released at 890cb57 (25 November 2026): its schema and data to load into it.

``load`` writes through the historical models of that schema (``apps.get_model``), so it
stays valid whatever the models become. ``read`` gives back what the data says; it runs
at that schema and at the latest one, so when a later migration renames or moves something
it reads, teach ``read`` to find it in both places (the value must stay the same).
"""

import datetime as dt
from typing import Any

from django.apps.registry import Apps

NAME = "890cb57"

# Each app's last migration at the release.
LEAVES = {
    "core": "0001_initial",
    "accounts": "0001_initial",
    "pages": "0001_initial",
    "members": "0004_lived_experience_categories",
    "events": "0004_speaker_photo",
    "accommodations": "0003_interpreter_in_breakouts",
    "circles": "0002_matching_rounds",
    # Not an app yet (None: none of its migrations applied).
    "conversations": None,
}

# Free text below carries this mark, so it is easy to tell apart in a database dump.
MARKER = "fixture-text"
WHEN = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)


def _text(what: str) -> str:
    return f"{what} ({MARKER})"


def _conversations_app(apps: Apps) -> str:
    """Messages, blocks and reports were the members app's at this release; the
    conversations app took them over later, with their tables."""
    try:
        apps.get_model("conversations", "Message")
    except LookupError:
        return "members"
    return "conversations"


def load(apps: Apps) -> None:
    User = apps.get_model("accounts", "User")
    Term = apps.get_model("members", "Term")
    Profile = apps.get_model("members", "Profile")
    Application = apps.get_model("members", "Application")
    conversations = _conversations_app(apps)
    Message = apps.get_model(conversations, "Message")
    Report = apps.get_model(conversations, "Report")
    ReportNote = apps.get_model(conversations, "ReportNote")
    Event = apps.get_model("events", "Event")
    Rsvp = apps.get_model("events", "Rsvp")
    CalendarFeed = apps.get_model("events", "CalendarFeed")
    AccommodationType = apps.get_model("accommodations", "AccommodationType")
    AccommodationRequest = apps.get_model("accommodations", "AccommodationRequest")
    StandingNeed = apps.get_model("accommodations", "StandingNeed")
    MatchingRound = apps.get_model("circles", "MatchingRound")
    RoundEntry = apps.get_model("circles", "RoundEntry")
    Circle = apps.get_model("circles", "Circle")
    CircleMembership = apps.get_model("circles", "CircleMembership")
    MatchingPreferences = apps.get_model("circles", "MatchingPreferences")

    def person(email: str, name: str, status: str = "member", **roles: bool) -> Any:
        return User.objects.create(
            email=email, name=name, membership_status=status, password="!", **roles
        )

    organizer = person("olu@example.org", "Olu Organizer", is_organizer=True)
    coordinator = person("cora@example.org", "Cora Coordinator", is_coordinator=True)
    ada = person("ada@example.org", "Ada Quinn")
    ben = person("ben@example.org", "Ben Ruiz")
    cleo = person("cleo@example.org", "Cleo Park", status="declined")

    nurse = Term.objects.create(kind="profession", label="Nurse")
    topic = Term.objects.create(kind="topic", label="Disclosure at work")
    mode = Term.objects.create(kind="mode", label="Video")
    condition = Term.objects.create(kind="condition", label="Chronic pain")

    for user, years in [(ada, "lifelong"), (ben, "1_5")]:
        profile = Profile.objects.create(
            user=user,
            display_name=user.name,
            lived_experience=_text(f"Lived experience of {user.name}"),
            lived_experience_years=years,
            health_consent_at=WHEN,
            visibility={"lived_experience": "only_me"},
        )
        profile.professions.set([nurse])
        profile.lived_experience_categories.set([condition])

    Application.objects.create(
        user=ada,
        status="approved",
        joins_as="disabled",
        health_details=_text("Ada's health answer"),
        health_consent_at=WHEN,
        decision_message=_text("Welcome, Ada"),
        decided_by=organizer,
        decided_at=WHEN,
        submitted_at=WHEN,
    )
    Application.objects.create(
        user=cleo,
        status="declined",
        joins_as="unsaid",
        health_details=_text("Cleo's health answer"),
        health_consent_at=WHEN,
        decision_message=_text("Sorry, Cleo"),
        decided_by=organizer,
        decided_at=WHEN,
        submitted_at=WHEN,
    )
    message = Message.objects.create(sender=ada, recipient=ben, body=_text("Hello Ben"))
    report = Report.objects.create(
        reporter=ben,
        about=ada,
        message=message,
        reason=_text("Ben's report"),
        status="closed",
        outcome="no_action",
        outcome_message=_text("Nothing against the code"),
        closed_at=WHEN,
    )
    ReportNote.objects.create(report=report, author=organizer, text=_text("Organizer's note"))

    event = Event.objects.create(
        title="November gathering",
        starts_at=WHEN + dt.timedelta(days=10),
        ends_at=WHEN + dt.timedelta(days=10, minutes=90),
        time_zone="America/New_York",
        capacity=1,
        meeting_url="https://zoom.example.org/j/123456789",
        meeting_passcode="572901",
    )
    Rsvp.objects.create(event=event, member=ada, answer="going", answered_at=WHEN)
    Rsvp.objects.create(event=event, member=ben, answer="going", waitlisted=True, answered_at=WHEN)
    CalendarFeed.objects.create(user=ada, token_hash="a" * 64, token=_text("feed token of Ada"))

    asl = AccommodationType.objects.create(label="ASL interpretation", lead_days=14)
    AccommodationRequest.objects.create(
        event=event,
        member=ada,
        kind=asl,
        details=_text("ASL with a medical vocabulary"),
        status="confirmed",
        owner=coordinator,
        provider_notes=_text("Interpreter booked"),
    )
    AccommodationRequest.objects.create(
        event=event,
        member=ben,
        kind=asl,
        details=_text("Tactile ASL"),
        status="not_possible",
        owner=coordinator,
        not_possible_reason=_text("No tactile interpreter free that evening"),
    )
    StandingNeed.objects.create(member=ada, kind=asl, details=_text("Ada's standing need"))

    round = MatchingRound.objects.create(
        name="Winter circles",
        signup_opens_on=dt.date(2026, 11, 1),
        signup_closes_on=dt.date(2026, 11, 30),
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 6, 30),
        min_size=2,
        max_size=4,
        published_at=WHEN,
        run_status="done",
        run_phase="Done",
    )
    MatchingRound.objects.create(
        name="Spring circles",
        signup_opens_on=dt.date(2027, 3, 1),
        signup_closes_on=dt.date(2027, 3, 30),
        starts_on=dt.date(2027, 5, 1),
        ends_on=dt.date(2027, 10, 30),
        run_status="running",
        run_phase="Finding places for everyone",
    )
    circle = Circle.objects.create(round=round, number=1)
    for user, hours in [(ada, [40, 41]), (ben, [41, 42])]:
        entry = RoundEntry.objects.create(
            round=round, member=user, availability=hours, time_zone="America/Chicago"
        )
        entry.topics_offered.set([topic])
        entry.modes.set([mode])
        CircleMembership.objects.create(circle=circle, round=round, member=user)
    preferences = MatchingPreferences.objects.create(member=ada, profession_preference="similar")
    preferences.avoid.set([cleo])


def read(apps: Apps) -> dict[str, object]:
    """What the data says, in plain values (sensitive text decrypted)."""
    User = apps.get_model("accounts", "User")
    Profile = apps.get_model("members", "Profile")
    Application = apps.get_model("members", "Application")
    conversations = _conversations_app(apps)
    Message = apps.get_model(conversations, "Message")
    Report = apps.get_model(conversations, "Report")
    ReportNote = apps.get_model(conversations, "ReportNote")
    Event = apps.get_model("events", "Event")
    Rsvp = apps.get_model("events", "Rsvp")
    CalendarFeed = apps.get_model("events", "CalendarFeed")
    AccommodationRequest = apps.get_model("accommodations", "AccommodationRequest")
    StandingNeed = apps.get_model("accommodations", "StandingNeed")
    RoundEntry = apps.get_model("circles", "RoundEntry")
    CircleMembership = apps.get_model("circles", "CircleMembership")
    MatchingPreferences = apps.get_model("circles", "MatchingPreferences")
    MatchingRound = apps.get_model("circles", "MatchingRound")
    phase_words = dict(MatchingRound._meta.get_field("run_phase").choices or [])
    return {
        "users": sorted(
            User.objects.values_list(
                "email", "name", "membership_status", "is_organizer", "is_coordinator"
            )
        ),
        "profiles": sorted(
            (
                profile.user.email,
                profile.display_name,
                profile.lived_experience,
                profile.lived_experience_years,
                [term.label for term in profile.lived_experience_categories.all()],
                [term.label for term in profile.professions.all()],
            )
            for profile in Profile.objects.select_related("user")
        ),
        "applications": sorted(
            (
                application.user.email,
                application.status,
                application.health_details,
                application.decision_message,
                application.decided_by.email if application.decided_by else None,
            )
            for application in Application.objects.select_related("user", "decided_by")
        ),
        "messages": list(Message.objects.values_list("sender__email", "recipient__email", "body")),
        "reports": list(
            Report.objects.values_list(
                "reporter__email", "about__email", "reason", "outcome", "outcome_message"
            )
        ),
        "report_notes": list(ReportNote.objects.values_list("author__email", "text")),
        "events": list(
            Event.objects.values_list("title", "capacity", "meeting_url", "meeting_passcode")
        ),
        "rsvps": sorted(Rsvp.objects.values_list("member__email", "answer", "waitlisted")),
        "calendar_feeds": list(CalendarFeed.objects.values_list("user__email", "token")),
        # No reason is "" at this release and may be NULL after it: the same for people.
        "accommodation_requests": sorted(
            (member, kind, status, details, notes, reason or "", owner)
            for member, kind, status, details, notes, reason, owner in (
                AccommodationRequest.objects.values_list(
                    "member__email",
                    "kind__label",
                    "status",
                    "details",
                    "provider_notes",
                    "not_possible_reason",
                    "owner__email",
                )
            )
        ),
        "standing_needs": list(StandingNeed.objects.values_list("member__email", "details")),
        "round_entries": sorted(
            (
                entry.member.email,
                entry.round.name,
                entry.availability,
                entry.time_zone,
                [term.label for term in entry.topics_offered.all()],
                [term.label for term in entry.modes.all()],
            )
            for entry in RoundEntry.objects.select_related("member", "round")
        ),
        # Stored as words at this release, as codes later: organizers read the same words.
        "round_phases": sorted(
            (round.name, phase_words.get(round.run_phase, round.run_phase))
            for round in MatchingRound.objects.all()
        ),
        "circles": sorted(CircleMembership.objects.values_list("circle__number", "member__email")),
        "matching_preferences": [
            (
                preferences.member.email,
                preferences.profession_preference,
                [person.email for person in preferences.avoid.all()],
            )
            for preferences in MatchingPreferences.objects.select_related("member")
        ],
    }


EXPECTED = {
    "users": [
        ("ada@example.org", "Ada Quinn", "member", False, False),
        ("ben@example.org", "Ben Ruiz", "member", False, False),
        ("cleo@example.org", "Cleo Park", "declined", False, False),
        ("cora@example.org", "Cora Coordinator", "member", False, True),
        ("olu@example.org", "Olu Organizer", "member", True, False),
    ],
    "profiles": [
        (
            "ada@example.org",
            "Ada Quinn",
            _text("Lived experience of Ada Quinn"),
            "lifelong",
            ["Chronic pain"],
            ["Nurse"],
        ),
        (
            "ben@example.org",
            "Ben Ruiz",
            _text("Lived experience of Ben Ruiz"),
            "1_5",
            ["Chronic pain"],
            ["Nurse"],
        ),
    ],
    "applications": [
        (
            "ada@example.org",
            "approved",
            _text("Ada's health answer"),
            _text("Welcome, Ada"),
            "olu@example.org",
        ),
        (
            "cleo@example.org",
            "declined",
            _text("Cleo's health answer"),
            _text("Sorry, Cleo"),
            "olu@example.org",
        ),
    ],
    "messages": [("ada@example.org", "ben@example.org", _text("Hello Ben"))],
    "reports": [
        (
            "ben@example.org",
            "ada@example.org",
            _text("Ben's report"),
            "no_action",
            _text("Nothing against the code"),
        )
    ],
    "report_notes": [("olu@example.org", _text("Organizer's note"))],
    "events": [("November gathering", 1, "https://zoom.example.org/j/123456789", "572901")],
    "rsvps": [("ada@example.org", "going", False), ("ben@example.org", "going", True)],
    "calendar_feeds": [("ada@example.org", _text("feed token of Ada"))],
    "accommodation_requests": [
        (
            "ada@example.org",
            "ASL interpretation",
            "confirmed",
            _text("ASL with a medical vocabulary"),
            _text("Interpreter booked"),
            "",
            "cora@example.org",
        ),
        (
            "ben@example.org",
            "ASL interpretation",
            "not_possible",
            _text("Tactile ASL"),
            None,
            _text("No tactile interpreter free that evening"),
            "cora@example.org",
        ),
    ],
    "standing_needs": [("ada@example.org", _text("Ada's standing need"))],
    "round_entries": [
        (
            "ada@example.org",
            "Winter circles",
            [40, 41],
            "America/Chicago",
            ["Disclosure at work"],
            ["Video"],
        ),
        (
            "ben@example.org",
            "Winter circles",
            [41, 42],
            "America/Chicago",
            ["Disclosure at work"],
            ["Video"],
        ),
    ],
    "round_phases": [
        ("Spring circles", "Finding places for everyone"),
        ("Winter circles", "Done"),
    ],
    "circles": [(1, "ada@example.org"), (1, "ben@example.org")],
    "matching_preferences": [("ada@example.org", "similar", ["cleo@example.org"])],
}
