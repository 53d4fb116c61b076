"""The one registry of the site's pages: every HTML page, in every state, as the role that
sees it. It drives the axe, theme and reflow tests in tests/browser/, and
tests/test_site_pages_complete.py fails if a URL pattern has neither a screen here nor a
reason in NOT_PAGES. A new page is tested by adding a line to SCREENS.

A screen is reached in four steps (tests/browser/browsing.py): a person in ``role`` is
made; ``setup`` creates what the page shows and returns the URL's kwargs; that person is
signed in; then ``arrive`` drives the browser there (by default: open the URL) and ``act``
brings the page into its state (e.g. submits the form with a mistake). ``proof`` is a CSS
selector that must match once there, so a test can't pass on the wrong page or state.
"""

import datetime as dt
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.circles.enums import ProfessionPreference, RunPhase, RunStatus
from dm3p.circles.models import (
    BreakoutAssignment,
    BreakoutRoom,
    Circle,
    CircleMembership,
    MatchingRound,
)
from dm3p.circles.services.circle_life import CheckInAnswers, check_in_save, note_add
from dm3p.circles.services.rounds import PreferencesAnswers, preferences_save
from dm3p.conversations.models import Message
from dm3p.conversations.services import message_send, report_create
from dm3p.core.models import DemoEmail, EmailWording
from dm3p.core.services import audit_record
from dm3p.events.models import AgendaSegment, Event, EventResource, Rsvp, Speaker
from dm3p.events.services import calendar_feed_reset
from dm3p.members.audiences import PUBLIC
from dm3p.members.defaults import STARTING_TERMS, terms_fill
from dm3p.members.emails import APPLICATION_DECLINED
from dm3p.members.enums import ApplicationStatus, JoinsAs, TermKind
from dm3p.members.models import Application, Profile, Term
from dm3p.members.services import (
    profile_ensure,
    profile_sensitive_viewed,
)
from dm3p.pages.defaults import pages_fill
from dm3p.pages.services import page_image_upload
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, make_page, make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.events import make_event

if TYPE_CHECKING:
    from playwright.sync_api import Page as Tab

URLKwargs = dict[str, str | int]


@dataclass(frozen=True)
class Visit:
    """What ``arrive`` and ``act`` get: the browser tab, and who is looking at what."""

    tab: "Tab"
    base_url: str
    url: str
    user: User | None


Setup = Callable[[User | None], URLKwargs]
Step = Callable[[Visit], None]


@dataclass(frozen=True)
class Screen:
    url_name: str
    role: str = "anonymous"
    state: str = "default"
    setup: Setup | None = None
    arrive: Step | None = None
    act: Step | None = None
    query: str = ""
    status: int = 200
    proof: str = "h1"
    # Whether the person is signed in before arriving (not when arrive signs them in).
    signed_in: bool = True

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.role}-{self.state}]"


# Setups: each creates what the page shows and returns the URL's kwargs.


def no_kwargs(viewer: User | None) -> URLKwargs:
    return {}


def with_demo_pages(viewer: User | None) -> URLKwargs:
    pages_fill()
    return {}


def demo_page(slug: str) -> Setup:
    def setup(viewer: User | None) -> URLKwargs:
        pages_fill()
        return {"slug": slug}

    return setup


def unpublished_page(viewer: User | None) -> URLKwargs:
    pages_fill()
    page = make_page(
        slug="draft-gathering-notes",
        title="Notes for the next gathering",
        body="A draft, with a [link](/join/).\n\n- one\n- two",
        is_published=False,
    )
    return {"slug": page.slug}


def missing_page(viewer: User | None) -> URLKwargs:
    pages_fill()
    return {"slug": "no-such-page"}


def password_reset_key(viewer: User | None) -> URLKwargs:
    person = make_user()
    return {"uidb36": user_pk_to_url_str(person), "key": default_token_generator.make_token(person)}


def bad_password_reset_key(viewer: User | None) -> URLKwargs:
    person = make_user()
    return {"uidb36": user_pk_to_url_str(person), "key": "bad-key-that-was-never-issued"}


def email_confirmation_key(viewer: User | None) -> URLKwargs:
    person = make_user()
    address = EmailAddress.objects.create(
        user=person, email=f"new-{person.pk}@example.org", verified=False, primary=False
    )
    return {"key": EmailConfirmationHMAC(address).key}


def bad_email_confirmation_key(viewer: User | None) -> URLKwargs:
    return {"key": "not-a-real-confirmation-key"}


def unusable_password(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    viewer.set_unusable_password()
    viewer.save(update_fields=["password"])
    return {}


def totp_on(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    if not Authenticator.objects.filter(user=viewer, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(viewer, TEST_TOTP_SECRET)
    return {}


def security_key(viewer: User | None) -> URLKwargs:
    """A stored security key. Only what the list, edit and remove pages read is filled in."""
    assert viewer is not None
    key = Authenticator.objects.create(
        user=viewer,
        type=Authenticator.Type.WEBAUTHN,
        data={
            "name": "Blue USB key",
            "credential": {"clientExtensionResults": {"credProps": {"rk": False}}},
        },
    )
    return {"pk": key.pk}


def security_key_list(viewer: User | None) -> URLKwargs:
    security_key(viewer)
    return {}


def audit_entries(viewer: User | None) -> URLKwargs:
    actor = make_user(name="Rosa Example")
    audit_record(actor=actor, action="email_preferences.update", subject_user=actor)
    audit_record(actor=viewer, action="site_settings.update", fields=["name", "tagline"])
    audit_record(actor=None, action="application.expire", fields=[])
    return {}


def page_images(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    for alt_text, is_decorative, colour in [
        ("Members talking in a video call, with live captions", False, "#1d4f9c"),
        ("", True, "#0d5c52"),
    ]:
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
        upload = SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")
        page_image_upload(
            actor=viewer, upload=upload, alt_text=alt_text, is_decorative=is_decorative
        )
    return {}


def demo_emails(viewer: User | None) -> URLKwargs:
    demo_email(viewer)
    return {}


def demo_email(viewer: User | None) -> URLKwargs:
    first = DemoEmail.objects.create(
        to_addresses="rosa@example.org",
        subject="Reset your password",
        text_body="Someone asked to reset the password of your account.\n\n"
        "To choose a new password, open http://localhost/accounts/password/reset/key/x/",
    )
    DemoEmail.objects.create(
        to_addresses="sam@example.org", subject="Confirm your e-mail address", text_body="Hello"
    )
    return {"pk": first.pk}


def another_person(viewer: User | None) -> URLKwargs:
    person = make_user(name="Sam Example")
    return {"object_id": person.pk}


# Membership


def membership_lists(viewer: User | None) -> URLKwargs:
    """A new site's lists of professions, stages, topics and ways of communicating."""
    for kind in STARTING_TERMS:
        terms_fill(kind)
    return {}


def _application(person: User, status: ApplicationStatus, **fields: object) -> Application:
    if not Term.objects.exists():
        membership_lists(None)
    application = Application.objects.create(
        user=person,
        status=status,
        pronouns="she/her",
        stage=Term.objects.filter(kind=TermKind.STAGE).first(),
        specialty="Family medicine",
        joins_as=JoinsAs.DISABLED,
        hopes_to_get="Advice on asking for exam accommodations.",
        hopes_to_give="What I learned about assistive technology for low vision.",
        submitted_at=None if status == ApplicationStatus.DRAFT else timezone.now(),
        **fields,
    )
    application.professions.set(Term.objects.filter(kind=TermKind.PROFESSION)[:2])
    return application


def own_application(status: ApplicationStatus, **fields: object) -> Setup:
    def setup(viewer: User | None) -> URLKwargs:
        assert viewer is not None
        _application(viewer, status, **fields)
        return {}

    return setup


def applications(viewer: User | None) -> URLKwargs:
    for name in ["Rosa Example", "Sam Example"]:
        person = make_user(name=name, membership_status=MembershipStatus.APPLICANT)
        _application(person, ApplicationStatus.SUBMITTED)
    return {}


def application_to_review(viewer: User | None) -> URLKwargs:
    person = make_user(name="Rosa Example", membership_status=MembershipStatus.APPLICANT)
    application = _application(
        person,
        ApplicationStatus.SUBMITTED,
        health_details="Type 1 diabetes; I use a pump and a sensor.",
        health_consent_at=timezone.now(),
    )
    return {"pk": application.pk}


def email_wording_key(viewer: User | None) -> URLKwargs:
    return {"key": APPLICATION_DECLINED.key}


def email_wording_edited(viewer: User | None) -> URLKwargs:
    EmailWording.objects.create(
        key=APPLICATION_DECLINED.key, subject="About {site_name}", body="Hello {name}. {message}"
    )
    return email_wording_key(viewer)


def a_term(viewer: User | None) -> URLKwargs:
    membership_lists(viewer)
    term = Term.objects.filter(kind=TermKind.TOPIC).first()
    assert term is not None
    return {"pk": term.pk}


def people(viewer: User | None) -> URLKwargs:
    make_user(name="Rosa Example")
    make_user(name="Sam Example", membership_status=MembershipStatus.ALLY, is_organizer=True)
    return {}


def another_person_pk(viewer: User | None) -> URLKwargs:
    return {"pk": another_person(viewer)["object_id"]}


def member_profiles(viewer: User | None) -> URLKwargs:
    """Two other members with profiles; returns the first one's user id."""
    membership_lists(viewer)
    ids = []
    for name in ["Rosa Example", "Sam Example"]:
        person = make_user(name=name)
        profile = profile_ensure(user=person)
        profile.specialty = "Emergency medicine"
        profile.region = "Ohio"
        profile.bio = "Resident, wheelchair user, happy to talk about rotations."
        profile.save()
        profile.topics_offered.set(Term.objects.filter(kind=TermKind.TOPIC)[:3])
        ids.append(person.pk)
    return {"user_id": ids[0]}


def other_members(viewer: User | None) -> URLKwargs:
    member_profiles(viewer)
    return {}


def public_profile(viewer: User | None) -> URLKwargs:
    kwargs = member_profiles(viewer)
    profile = Profile.objects.get(user_id=kwargs["user_id"])
    profile.visibility = {**profile.visibility, "specialty": PUBLIC, "bio": PUBLIC}
    profile.save()
    return kwargs


def own_profile_filled(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    membership_lists(viewer)
    profile = profile_ensure(user=viewer)
    profile.specialty = "Psychiatry"
    profile.lived_experience = "Bipolar disorder, well managed."
    profile.health_consent_at = timezone.now()
    profile.save()
    # Someone was shown it, so the page lists who.
    profile_sensitive_viewed(
        actor=make_user(name="Olu Example", is_organizer=True),
        seen=[(profile, ["lived_experience"])],
    )
    return {}


def a_message_to_me(viewer: User | None) -> URLKwargs:
    """A message from another member to the viewer; returns its pk."""
    assert viewer is not None
    profile_ensure(user=viewer)
    sender = make_user(name="Sam Example")
    profile_ensure(user=sender)
    message_send(
        sender=sender,
        recipient=viewer,
        body="Hello! I saw you can talk about exam accommodations. Could we meet?",
        reveal_email=False,
    )
    message = Message.objects.filter(recipient=viewer).first()
    assert message is not None
    return {"pk": message.pk}


def messages_both_ways(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    a_message_to_me(viewer)
    recipient = Profile.objects.exclude(user=viewer).get().user
    message_send(sender=viewer, recipient=recipient, body="Yes, gladly.", reveal_email=True)
    return {}


def a_report(viewer: User | None) -> URLKwargs:
    reporter = make_user(name="Rosa Example")
    about = make_user(name="Sam Example")
    report = report_create(
        reporter=reporter,
        about=about,
        message=None,
        reason="They kept asking about my diagnosis after I said no.",
    )
    return {"pk": report.pk}


def reports(viewer: User | None) -> URLKwargs:
    a_report(viewer)
    return {}


def _gathering(**fields: Any) -> Event:
    event = make_event(
        days_ahead=9,
        **{
            "description": "Speaker, small groups, social time.",
            "time_zone": "America/New_York",
            "meeting_url": "https://zoom.example.org/j/1",
            "meeting_id": "1",
            "meeting_passcode": "secret",
            "capacity": 50,
            **fields,
        },
    )
    AgendaSegment.objects.create(event=event, kind="speaker", minutes=30)
    Speaker.objects.create(event=event, name="Dr. Jordan Reyes", bio="Emergency physician.")
    return event


def a_gathering(viewer: User | None) -> URLKwargs:
    return {"pk": _gathering().pk}


def gatherings(viewer: User | None) -> URLKwargs:
    _gathering()
    make_event(days_ahead=-30, minutes=60, title="Past gathering")
    return {}


def a_gathering_with_answers(viewer: User | None) -> URLKwargs:
    event = _gathering()
    for number in range(3):
        person = make_user(name=f"Attendee {number}")
        profile_ensure(user=person)
        Rsvp.objects.create(event=event, member=person, answer="going", answered_at=timezone.now())
    return {"pk": event.pk}


def a_gathering_with_resources(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    EventResource.objects.create(
        event=event,
        kind="recording",
        title="Recording",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
        has_transcript=True,
    )
    EventResource.objects.create(
        event=event,
        kind="slides",
        title="Slides",
        url="https://slides.example/1",
        audience="members",
    )
    return kwargs


def a_gathering_with_rooms(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering(viewer)
    for name, topic in [("Exams", "Licensing and board exams"), ("Disclosure", "")]:
        BreakoutRoom.objects.create(
            event_id=kwargs["pk"], name=name, topic=topic, has_interpreter=name == "Disclosure"
        )
    return kwargs


def rooms_with_people(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering_with_rooms(viewer)
    room = BreakoutRoom.objects.filter(event_id=kwargs["pk"]).first()
    assert room is not None
    for number in range(3):
        person = make_user(name=f"Attendee {number}")
        profile_ensure(user=person)
        BreakoutAssignment.objects.create(room=room, member=person)
    return kwargs


# Circles: matching rounds

# Weekday evenings (hours of the week, Monday 00:00 is 0), when most people here are free.
EVENINGS = [day * 24 + hour for day in range(5) for hour in range(17, 22)]
MORNINGS = [day * 24 + hour for day in range(5) for hour in range(6, 12)]


def _round_people(
    round: MatchingRound, names: list[str], hours: list[int] = EVENINGS
) -> list[User]:
    """Members with profiles who joined ``round``, each offering one topic and seeking the
    next."""
    if not Term.objects.filter(kind=TermKind.TOPIC).exists():
        membership_lists(None)
    topics = list(Term.objects.filter(kind=TermKind.TOPIC)[:4])
    people = []
    for index, name in enumerate(names):
        person = make_user(name=name)
        profile = profile_ensure(user=person)
        profile.specialty = "Family medicine"
        profile.save()
        make_entry(
            round,
            person,
            offers=[topics[index % 4]],
            seeks=[topics[(index + 1) % 4]],
            hours=hours,
        )
        people.append(person)
    return people


def _profile_for_circles(viewer: User | None) -> User:
    """The viewer's profile, filled in as joining a round reads it."""
    assert viewer is not None
    membership_lists(viewer)
    profile = profile_ensure(user=viewer)
    profile.availability = EVENINGS
    profile.save()
    profile.topics_offered.set(Term.objects.filter(kind=TermKind.TOPIC)[:2])
    profile.topics_sought.set(Term.objects.filter(kind=TermKind.TOPIC)[2:4])
    profile.modes.set(Term.objects.filter(kind=TermKind.MODE)[:1])
    return viewer


def an_open_round(viewer: User | None) -> URLKwargs:
    _profile_for_circles(viewer)
    round = make_round(
        name="Winter circles",
        description="Sign up to be matched with four or five others for six months.",
    )
    return {"pk": round.pk}


def a_joined_round(viewer: User | None) -> URLKwargs:
    """An open round the viewer joined, keeping apart from one person."""
    kwargs = an_open_round(viewer)
    assert viewer is not None
    make_entry(MatchingRound.objects.get(pk=kwargs["pk"]), viewer, hours=EVENINGS)
    avoided = make_user(name="Sam Example")
    profile_ensure(user=avoided)
    preferences_save(
        member=viewer,
        answers=PreferencesAnswers(
            profession_preference=ProfessionPreference.MIXED, avoid=[avoided]
        ),
    )
    return kwargs


def my_matching_preferences(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    profile_ensure(user=viewer)
    avoided = make_user(name="Sam Example")
    profile_ensure(user=avoided)
    preferences_save(
        member=viewer,
        answers=PreferencesAnswers(
            profession_preference=ProfessionPreference.SIMILAR, avoid=[avoided]
        ),
    )
    return {}


def my_circle(viewer: User | None) -> URLKwargs:
    """A published circle the viewer is in, meeting for 40 days (a check-in is due), with
    notes from a circle mate and the viewer."""
    assert viewer is not None
    today = timezone.localdate()
    round = make_round(
        name="Autumn circles",
        signup_opens_on=today - dt.timedelta(days=70),
        signup_closes_on=today - dt.timedelta(days=50),
        starts_on=today - dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=140),
    )
    _profile_for_circles(viewer)
    topics = list(Term.objects.filter(kind=TermKind.TOPIC)[:4])
    make_entry(round, viewer, offers=topics[:2], seeks=topics[2:], hours=EVENINGS)
    mates = _round_people(round, ["Rosa Example", "Sam Example", "Jo Example"])
    circle = make_circle(round, [viewer, *mates])
    CircleMembership.objects.filter(member=mates[2]).update(paused=True)
    publish(round)
    note_add(
        author=mates[0], circle=circle, text="Our shared notes: https://notes.example.org/circle"
    )
    note_add(author=viewer, circle=circle, text="Next time: talking about exam accommodations.")
    return {"pk": circle.pk}


def an_open_round_and_my_circle(viewer: User | None) -> URLKwargs:
    """A round open for sign-up, and the viewer's new circle in another (not yet seen, so
    the site says it is ready)."""
    my_circle(viewer)
    make_round(name="Winter circles")
    return {}


def rounds_listed(viewer: User | None) -> URLKwargs:
    a_published_round(viewer)
    _round_people(make_round(name="Winter circles"), ["Ana Example", "Ben Example"])
    return {}


def a_draft(viewer: User | None) -> URLKwargs:
    """A matched draft: a locked circle, a circle that is too small with no common hour,
    two people not placed, one who asked for a different circle last round."""
    today = timezone.localdate()
    round = make_round(
        name="Winter circles",
        signup_opens_on=today - dt.timedelta(days=20),
        signup_closes_on=today - dt.timedelta(days=1),
        starts_on=today + dt.timedelta(days=14),
    )
    people = _round_people(round, [f"Member {letter}" for letter in "ABCDEFGH"])
    late = _round_people(round, ["Member I"], hours=MORNINGS)
    unplaced = _round_people(round, ["Member J", "Member K"], hours=[])
    Circle.objects.filter(pk=make_circle(round, people[:4]).pk).update(locked=True)
    make_circle(round, people[4:7])
    make_circle(round, [people[7], *late])
    round.entries.filter(member__in=unplaced).update(
        unassigned_reason="No circle has an hour when they are free"
    )
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.DONE,
        run_phase=RunPhase.DONE,
        run_percent=100,
        run_count=1,
        run_finished_at=timezone.now(),
        run_stats={"placed": 9, "unassigned": 2, "seconds": 1.2, "solver": "cp-sat"},
    )
    earlier = publish(make_round(name="Autumn circles"))
    make_entry(earlier, people[5])
    make_circle(earlier, [people[5]])
    CircleMembership.objects.filter(round=earlier).update(wants_different=True)
    return {"pk": round.pk}


def a_round_being_matched(viewer: User | None) -> URLKwargs:
    round = make_round(name="Winter circles")
    _round_people(round, [f"Member {letter}" for letter in "ABCDE"])
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.RUNNING, run_phase=RunPhase.FINE_TUNING, run_percent=40, run_count=1
    )
    return {"pk": round.pk}


def a_published_round(viewer: User | None) -> URLKwargs:
    """A published round whose circles have checked in: ratings, a paused member, one who
    wants a different circle, a comment shared with organizers and one kept private."""
    round = make_round(name="Autumn circles")
    people = _round_people(round, [f"Member {letter}" for letter in "ABCDEF"])
    make_circle(round, people[:3])
    make_circle(round, people[3:])
    publish(round)
    for person, (rating, comment, shared, pause, different) in zip(
        people[:4],
        [
            (5, "We meet every month and it helps.", True, False, False),
            (4, "Kept to myself.", False, False, False),
            (2, "", False, True, False),
            (3, "", False, False, True),
        ],
        strict=True,
    ):
        membership = CircleMembership.objects.get(round=round, member=person)
        check_in_save(
            membership=membership, answers=CheckInAnswers(rating, comment, shared, pause, different)
        )
    return {"pk": round.pk}


def a_calendar_feed(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    calendar_feed_reset(user=viewer)
    return {}


def with_kinds(viewer: User | None) -> URLKwargs:
    types_fill()
    return {}


def a_gathering_with_kinds(viewer: User | None) -> URLKwargs:
    with_kinds(viewer)
    return a_gathering(viewer)


def my_requests(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    kwargs = a_gathering_with_kinds(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    kind = AccommodationType.objects.get(label="ASL interpretation")
    AccommodationRequest.objects.create(event=event, member=viewer, kind=kind)
    return kwargs


def a_gathering_with_requests(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering_with_kinds(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    kind = AccommodationType.objects.get(label="ASL interpretation")
    for number in range(2):
        AccommodationRequest.objects.create(
            event=event, member=make_user(name=f"Asker {number}"), kind=kind, is_late=number == 0
        )
    return kwargs


def a_request(viewer: User | None) -> URLKwargs:
    a_gathering_with_requests(viewer)
    return {"pk": AccommodationRequest.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def requests_in_the_queue(viewer: User | None) -> URLKwargs:
    a_gathering_with_requests(viewer)
    return {}


def a_coming_gathering(viewer: User | None) -> URLKwargs:
    a_gathering_with_kinds(viewer)
    return {}


def a_kind(viewer: User | None) -> URLKwargs:
    with_kinds(viewer)
    return {"pk": AccommodationType.objects.get(label="ASL interpretation").pk}


def choose_something_else(visit: Visit) -> None:
    visit.tab.get_by_label("Something else", exact=True).check()
    submit("button:has-text('Send my request')")(visit)


def refuse_without_reason(visit: Visit) -> None:
    visit.tab.get_by_role("radio", name="Not possible").check()
    submit("button:has-text('Save and tell the member')")(visit)


# Steps: drive the browser tab.


def submit(button: str = "button[type=submit]", **fields: str) -> Step:
    """In the form holding ``button`` (a CSS selector), fill the named fields (input name →
    text) and press the button."""

    def step(visit: Visit) -> None:
        form = visit.tab.locator("main form").filter(has=visit.tab.locator(button)).first
        for name, text in fields.items():
            form.locator(f"[name={name}]").fill(text)
        with visit.tab.expect_navigation():
            form.locator(button).first.click()

    return step


def tamper_radio(name: str) -> Step:
    """Send a choice the form never offered (as a tampered or stale form would)."""

    def step(visit: Visit) -> None:
        visit.tab.locator(f"input[name={name}]").first.evaluate(
            "radio => { radio.value = 'neon'; radio.checked = true; }"
        )
        submit()(visit)

    return step


def confirm_account_deletion(visit: Visit) -> None:
    assert visit.user is not None
    submit(confirm_email=visit.user.email)(visit)


def current_totp_code() -> str:
    counter = int(time.time()) // 30
    return str(format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter)))


def sign_in_through_form(visit: Visit) -> None:
    """Sign in with the real form: the only way to reach the second step of signing in."""
    assert visit.user is not None
    visit.tab.goto(visit.base_url + reverse("account_login"))
    visit.tab.locator("main [name=login]").fill(visit.user.email)
    visit.tab.locator("main [name=password]").fill(TEST_PASSWORD)
    with visit.tab.expect_navigation():
        visit.tab.get_by_role("button", name="Sign in", exact=True).click()


def arrive_without_mfa_passed(visit: Visit) -> None:
    """Arrive signed in with a password only: two-factor set up, but not passed in this
    session (as after signing in on a page that didn't ask for it, or a session restored)."""
    assert visit.user is not None
    client = Client()
    client.force_login(visit.user, backend="dm3p.accounts.backends.EmailBackend")
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": visit.user.email}
    ]
    session["account_authentication_methods_user"] = str(visit.user.pk)
    session.save()
    assert session.session_key is not None
    visit.tab.context.clear_cookies()
    visit.tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": visit.base_url,
            }
        ]
    )
    visit.tab.goto(visit.url)


# An organizer told that what members share only with organizers is hidden from them.
HIDDEN_FROM_ORGANIZER = ".notice a[href*='reauthenticate/?next=']"

ERROR = ".error-summary"

SCREENS: list[Screen] = [
    # Public pages
    Screen("pages:home", setup=with_demo_pages),
    Screen("pages:home", state="empty"),
    Screen("pages:home", "member", setup=with_demo_pages),
    Screen("pages:home", "admin", setup=with_demo_pages, proof=".staff-bar"),
    Screen("pages:detail", setup=demo_page("join")),
    *(
        Screen("pages:detail", state=slug, setup=demo_page(slug))
        for slug in (
            "about",
            "why-we-exist",
            "what-we-offer",
            "accessibility",
            "code-of-conduct",
            "privacy",
        )
    ),
    Screen("pages:detail", state="not-found", setup=missing_page, status=404),
    Screen("pages:detail", "organizer", "unpublished", setup=unpublished_page, proof=".notice"),
    Screen("core:display"),
    Screen("core:display", state="error", act=tamper_radio("theme"), proof=ERROR),
    # Signing in and out
    Screen("account_login"),
    Screen(
        "account_login",
        state="error",
        act=submit(login="nobody@example.org", password="not the password"),
        proof=ERROR,
    ),
    Screen("account_reset_password"),
    Screen("account_reset_password", state="error", act=submit(email=""), proof=ERROR),
    Screen("account_reset_password_done"),
    Screen("account_reset_password_from_key", state="valid", setup=password_reset_key),
    Screen("account_reset_password_from_key", state="invalid", setup=bad_password_reset_key),
    Screen(
        "account_reset_password_from_key",
        state="error",
        setup=password_reset_key,
        act=submit(password1="short", password2="different"),
        proof=ERROR,
    ),
    Screen("account_reset_password_from_key_done"),
    Screen("account_confirm_email", state="valid", setup=email_confirmation_key),
    Screen("account_confirm_email", state="invalid", setup=bad_email_confirmation_key),
    Screen("account_email_verification_sent"),
    Screen("account_signup", state="closed"),
    Screen("account_inactive"),
    Screen("account_reauthenticate", "member"),
    Screen(
        "account_reauthenticate",
        "member",
        "error",
        act=submit(password="not the password"),
        proof=ERROR,
    ),
    Screen("account_logout", "member"),
    Screen("mfa_authenticate", "admin", arrive=sign_in_through_form, signed_in=False),
    Screen(
        "mfa_authenticate",
        "admin",
        "error",
        arrive=sign_in_through_form,
        signed_in=False,
        act=submit(code="000000"),
        proof=ERROR,
    ),
    # Your account
    Screen("accounts:overview", "member"),
    Screen("accounts:overview", "admin"),
    Screen("accounts:email_preferences", "member"),
    Screen("account_email", "member"),
    Screen(
        "account_email",
        "member",
        "error",
        act=submit("button[name=action_add]", email="not an address"),
        proof=ERROR,
    ),
    Screen("account_change_password", "member"),
    Screen(
        "account_change_password",
        "member",
        "error",
        act=submit(oldpassword="wrong", password1="short", password2="other"),
        proof=ERROR,
    ),
    Screen("account_set_password", "member", setup=unusable_password),
    Screen("usersessions_list", "member", proof="tbody tr"),
    # Two-factor authentication
    Screen("mfa_index", "member"),
    Screen("mfa_index", "admin", "enabled"),
    Screen("mfa_activate_totp", "member"),
    Screen("mfa_activate_totp", "member", "error", act=submit(code="000000"), proof=ERROR),
    Screen("mfa_deactivate_totp", "member", setup=totp_on),
    Screen("mfa_reauthenticate", "admin"),
    Screen("mfa_view_recovery_codes", "admin"),
    Screen("mfa_generate_recovery_codes", "admin"),
    Screen("mfa_list_webauthn", "member", "empty"),
    Screen("mfa_list_webauthn", "member", "filled", setup=security_key_list),
    Screen("mfa_add_webauthn", "member"),
    Screen("mfa_edit_webauthn", "member", setup=security_key),
    Screen("mfa_remove_webauthn", "member", setup=security_key),
    # Staff pages
    Screen("core:site_settings", "admin"),
    Screen(
        "core:site_settings",
        "admin",
        "error",
        act=submit(name="", contact_email="not an address"),
        proof=ERROR,
    ),
    Screen("core:audit_log", "admin", "empty"),
    Screen("core:audit_log", "admin", "filled", setup=audit_entries, proof="table"),
    Screen("pages:manage", "organizer", "empty"),
    Screen("pages:manage", "organizer", "filled", setup=with_demo_pages, proof="table"),
    Screen("pages:new", "organizer"),
    Screen("pages:new", "organizer", "error", act=submit(), proof=ERROR),
    Screen(
        "pages:new",
        "organizer",
        "preview",
        act=submit(
            "button[name=preview]",
            title="Gathering notes",
            slug="gathering-notes",
            body="## Before the gathering\n\nRead the [code of conduct](/code-of-conduct/).",
        ),
        proof="#preview-title",
    ),
    Screen("pages:edit", "organizer", setup=demo_page("join")),
    Screen("pages:images", "organizer", "empty"),
    Screen("pages:images", "organizer", "error", act=submit(), proof=ERROR),
    Screen("pages:images", "organizer", "filled", setup=page_images, proof=".card img"),
    # Membership: applying
    Screen("members:apply", setup=membership_lists),
    Screen(
        "members:apply",
        state="error",
        setup=membership_lists,
        act=submit("button[name=submit]"),
        proof=ERROR,
    ),
    Screen("members:apply", "applicant", "draft", setup=own_application(ApplicationStatus.DRAFT)),
    Screen(
        "members:apply",
        "applicant",
        "more-info",
        setup=own_application(
            ApplicationStatus.MORE_INFO,
            info_request="Could you tell us which profession you train in?",
        ),
        proof=".notice",
    ),
    Screen("members:apply_status", "applicant", setup=own_application(ApplicationStatus.SUBMITTED)),
    Screen("members:apply_link"),
    Screen("members:apply_link", state="error", act=submit(), proof=ERROR),
    Screen(
        "members:apply_link",
        state="sent",
        act=submit(email="rosa@example.org"),
        proof="h1:has-text('Check your e-mail')",
    ),
    Screen(
        "members:apply_resume",
        state="expired",
        setup=lambda viewer: {"token": "a-link-that-expired"},
        status=404,
    ),
    # Membership: organizers and admins
    Screen("members:review_queue", "organizer", "empty"),
    Screen("members:review_queue", "organizer", "filled", setup=applications, proof="table"),
    Screen("members:review_application", "organizer", setup=application_to_review),
    Screen(
        "members:review_application",
        "organizer",
        "error",
        setup=application_to_review,
        act=submit(),
        proof=ERROR,
    ),
    Screen("members:community_settings", "organizer"),
    Screen(
        "members:community_settings",
        "organizer",
        "error",
        act=submit(retention_days="3", discord_invite_url="discord"),
        proof=ERROR,
    ),
    Screen("core:email_wordings", "organizer"),
    Screen("core:email_wording", "organizer", setup=email_wording_key),
    Screen("core:email_wording", "organizer", "edited", setup=email_wording_edited),
    Screen(
        "core:email_wording",
        "organizer",
        "error",
        setup=email_wording_key,
        act=submit(subject="", body="Hello {nobody}"),
        proof=ERROR,
    ),
    Screen("members:terms", "organizer", setup=membership_lists),
    Screen("members:term_new", "organizer"),
    Screen("members:term_new", "organizer", "error", act=submit(), proof=ERROR),
    Screen("members:term_edit", "organizer", setup=a_term),
    Screen("members:people", "admin", setup=people, proof="table"),
    Screen("members:person_edit", "admin", setup=another_person_pk),
    # Membership: profiles and the directory
    Screen("members:own_profile", "member"),
    Screen("members:own_profile", "member", "filled", setup=own_profile_filled),
    Screen("members:edit_profile", "member", setup=own_profile_filled),
    Screen(
        "members:edit_profile",
        "member",
        "error",
        setup=membership_lists,
        act=submit(linkedin_url="linkedin"),
        proof=ERROR,
    ),
    Screen("members:preview_profile", "member", setup=own_profile_filled),
    Screen("members:withdraw_consent", "member", setup=own_profile_filled),
    Screen("members:directory", "member", "empty"),
    Screen("members:directory", "member", "filled", setup=other_members, proof=".card"),
    Screen("members:member_profile", "member", setup=member_profiles),
    Screen(
        "members:member_profile",
        "organizer",
        "mfa-not-passed",
        setup=member_profiles,
        arrive=arrive_without_mfa_passed,
        proof=HIDDEN_FROM_ORGANIZER,
    ),
    Screen(
        "members:directory",
        "organizer",
        "mfa-not-passed",
        setup=other_members,
        arrive=arrive_without_mfa_passed,
        proof=HIDDEN_FROM_ORGANIZER,
    ),
    Screen("members:public_profile", setup=public_profile),
    # Membership: your data, messages and reports
    Screen("members:my_data", "member", setup=own_profile_filled),
    Screen("members:delete_account", "member"),
    Screen(
        "members:delete_account",
        "member",
        "done",
        act=confirm_account_deletion,
        proof="h1:has-text('Your account is deleted')",
    ),
    Screen(
        "members:delete_account",
        "member",
        "error",
        act=submit(confirm_email="someone-else@example.org"),
        proof=ERROR,
    ),
    Screen("conversations:contact", "member", setup=member_profiles),
    Screen(
        "conversations:contact", "member", "error", setup=member_profiles, act=submit(), proof=ERROR
    ),
    Screen("conversations:report_member", "member", setup=member_profiles),
    Screen(
        "conversations:report_member",
        "member",
        "error",
        setup=member_profiles,
        act=submit(),
        proof=ERROR,
    ),
    Screen("conversations:inbox", "member", "empty"),
    Screen("conversations:inbox", "member", "filled", setup=messages_both_ways),
    Screen("conversations:message", "member", setup=a_message_to_me),
    Screen("conversations:report_message", "member", setup=a_message_to_me),
    Screen("conversations:report_queue", "organizer", "empty"),
    Screen("conversations:report_queue", "organizer", "filled", setup=reports, proof="table"),
    Screen("conversations:report_detail", "organizer", setup=a_report),
    Screen(
        "conversations:report_detail",
        "organizer",
        "error",
        setup=a_report,
        act=submit("button:has-text('Close and tell the reporter')"),
        proof=ERROR,
    ),
    # Gatherings
    Screen("events:list", state="empty"),
    Screen("events:list", state="filled", setup=gatherings, proof=".card"),
    Screen("events:list", "member", "filled", setup=gatherings, proof=".card"),
    Screen("events:detail", setup=a_gathering),
    Screen("events:detail", "member", setup=a_gathering, proof="form"),
    Screen("events:calendar", "member", "empty"),
    Screen("events:calendar", "member", "filled", setup=a_calendar_feed, proof="code"),
    Screen("events:manage", "organizer", "empty"),
    Screen("events:manage", "organizer", "filled", setup=gatherings, proof="table"),
    Screen("events:series_new", "organizer"),
    Screen("events:series_new", "organizer", "error", act=submit(), proof=ERROR),
    Screen("events:new", "organizer"),
    Screen("events:new", "organizer", "error", act=submit(), proof=ERROR),
    Screen("events:edit", "organizer", setup=a_gathering),
    Screen("events:resources", "organizer", setup=a_gathering_with_resources),
    Screen(
        "events:resources",
        "organizer",
        "error",
        setup=a_gathering,
        act=submit("button:has-text('Add resource')"),
        proof=ERROR,
    ),
    Screen("events:detail", "member", "with-resources", setup=a_gathering_with_resources),
    Screen("events:programme", "organizer", setup=a_gathering),
    Screen(
        "events:programme",
        "organizer",
        "error",
        setup=a_gathering,
        act=submit(**{"speakers-0-name": ""}),
        proof=ERROR,
    ),
    Screen("events:attendees", "organizer", "empty", setup=a_gathering),
    Screen(
        "events:attendees", "organizer", "filled", setup=a_gathering_with_answers, proof="table"
    ),
    # Breakout rooms
    Screen("circles:breakouts", "organizer", "empty", setup=a_gathering),
    Screen("circles:breakouts", "organizer", "filled", setup=rooms_with_people, proof="table"),
    Screen(
        "circles:breakouts",
        "organizer",
        "error",
        setup=a_gathering,
        act=submit("button:has-text('Add room')"),
        proof=ERROR,
    ),
    Screen("circles:choose", "member", setup=a_gathering_with_rooms),
    # Circles: matching rounds
    Screen("circles:mine", "member", "empty"),
    Screen(
        "circles:mine",
        "member",
        "filled",
        setup=an_open_round_and_my_circle,
        proof="a:has-text('See your circle')",
    ),
    Screen("circles:join", "member", setup=an_open_round),
    Screen(
        "circles:join",
        "member",
        "joined",
        setup=a_joined_round,
        proof="button:has-text('Leave Winter circles')",
    ),
    Screen(
        "circles:join",
        "member",
        "error",
        setup=an_open_round,
        act=submit(avoid_add="Nobody Called This"),
        proof=ERROR,
    ),
    Screen("circles:preferences", "member", "filled", setup=my_matching_preferences),
    Screen(
        "circles:preferences",
        "member",
        "error",
        setup=my_matching_preferences,
        act=submit(avoid_add="Nobody Called This"),
        proof=ERROR,
    ),
    Screen(
        "circles:circle",
        "member",
        setup=my_circle,
        proof="a:has-text('Check in (one minute)')",
    ),
    Screen(
        "circles:circle",
        "member",
        "error",
        setup=my_circle,
        act=submit("button:has-text('Add note')"),
        proof=ERROR,
    ),
    Screen(
        "circles:circle",
        "organizer",
        "mfa-not-passed",
        setup=my_circle,
        arrive=arrive_without_mfa_passed,
        proof=HIDDEN_FROM_ORGANIZER,
    ),
    Screen("circles:check_in", "member", setup=my_circle),
    Screen("circles:check_in", "member", "error", setup=my_circle, act=submit(), proof=ERROR),
    Screen("circles:rounds", "organizer", "empty"),
    Screen("circles:rounds", "organizer", "filled", setup=rounds_listed, proof="table"),
    Screen("circles:round_new", "organizer"),
    Screen("circles:round_new", "organizer", "error", act=submit(), proof=ERROR),
    Screen("circles:round", "organizer", "draft", setup=a_draft, proof=".notice--warning"),
    Screen("circles:round", "organizer", "running", setup=a_round_being_matched, proof="progress"),
    Screen(
        "circles:round",
        "organizer",
        "published",
        setup=a_published_round,
        proof="a:has-text('How the circles are going')",
    ),
    Screen("circles:round_edit", "organizer", setup=a_draft),
    Screen(
        "circles:round_health",
        "organizer",
        setup=a_published_round,
        proof="h2:has-text('Comments shared')",
    ),
    # Accommodations
    Screen("events:detail", "organizer", "with-requests", setup=a_gathering_with_requests),
    Screen("accommodations:for_event", "member", setup=a_gathering_with_kinds),
    Screen("accommodations:for_event", "member", "filled", setup=my_requests, proof="table"),
    Screen(
        "accommodations:for_event",
        "member",
        "error",
        setup=a_gathering_with_kinds,
        act=choose_something_else,
        proof=ERROR,
    ),
    Screen("accommodations:standing_needs", "member", setup=with_kinds),
    Screen("accommodations:queue", "coordinator", "empty"),
    Screen(
        "accommodations:queue",
        "coordinator",
        "filled",
        setup=requests_in_the_queue,
        proof="table",
    ),
    Screen("accommodations:detail", "coordinator", setup=a_request),
    Screen(
        "accommodations:detail",
        "coordinator",
        "error",
        setup=a_request,
        act=refuse_without_reason,
        proof=ERROR,
    ),
    Screen("accommodations:record", "coordinator", setup=a_coming_gathering),
    Screen("accommodations:kinds", "organizer", "filled", setup=with_kinds, proof="table"),
    Screen("accommodations:kind_new", "organizer"),
    Screen(
        "accommodations:kind_new",
        "organizer",
        "error",
        act=submit("button:has-text('Save')"),
        proof=ERROR,
    ),
    Screen("accommodations:kind_edit", "organizer", setup=a_kind),
    Screen(
        "accommodations:record",
        "coordinator",
        "error",
        setup=a_coming_gathering,
        act=submit("button:has-text('Record the request')"),
        proof=ERROR,
    ),
    # Django's admin (admins only); see ADMIN_TEMPLATES for the pages sharing these templates.
    Screen("admin:index", "admin"),
    Screen("admin:app_list", "admin", setup=lambda viewer: {"app_label": "accounts"}),
    Screen("admin:accounts_user_changelist", "admin", proof="#result_list"),
    Screen("admin:accounts_user_change", "admin", setup=another_person),
    Screen(
        "admin:accounts_user_change",
        "admin",
        "error",
        setup=another_person,
        act=submit("input[name=_save]", email="not an address"),
        proof=".errornote",
    ),
    # Nobody holds a delete permission, so delete pages answer with the site's 403 page.
    Screen("admin:accounts_user_delete", "admin", "forbidden", setup=another_person, status=403),
    Screen("admin:accounts_user_history", "admin", setup=another_person),
    Screen("admin:password_change", "admin"),
    Screen("admin:password_change_done", "admin"),
]

if settings.DEMO_MODE:
    SCREENS += [
        Screen("demo:mail_list", state="empty"),
        Screen("demo:mail_list", state="filled", setup=demo_emails, proof="table"),
        Screen("demo:mail_detail", setup=demo_email),
    ]

# URL names that are not HTML pages, each with the reason.
NOT_PAGES: dict[str, str] = {
    "members:email_template": "the old address of a membership e-mail's editing page; "
    "redirects to core:email_wording",
    "events:ics": "downloads one gathering as an .ics calendar file",
    "events:public_feed": "the calendar feed of public gatherings (text/calendar)",
    "events:private_feed": "a member's own calendar feed (text/calendar)",
    "events:attendees_csv": "downloads the attendee list as CSV",
    "circles:zoom_file": "downloads Zoom's breakout-room pre-assignment file (CSV)",
    "events:speaker_photo": "serves a guest speaker's photo (shown on events:detail)",
    "events:resource_file": "downloads a gathering's slides or other file",
    "events:rsvp": "POST only: saves an answer, then redirects to the gathering",
    "pages:image": "serves an uploaded image file (shown on pages:images[organizer-filled])",
    "members:photo": "serves a member's photo file",
    "members:my_data_json": "downloads the member's data as a JSON file",
    "conversations:block": "POST only: blocks or unblocks a member, then redirects to their "
    "profile",
    "mfa_download_recovery_codes": "downloads the recovery codes as a text file",
    "mfa_login_webauthn": "the passkey sign-in endpoint the sign-in page's script POSTs to; "
    "a plain GET redirects to sign in",
    "mfa_reauthenticate_webauthn": "confirming it's you with a security key needs a real "
    "registered credential; it shares account/base_reauthenticate.html with "
    "account_reauthenticate and mfa_reauthenticate",
    "account_confirm_login_code": "sign-in by e-mailed code is switched off "
    "(ACCOUNT_LOGIN_BY_CODE_ENABLED); without a pending code it redirects to sign in",
    "admin:login": "redirects to the site's sign-in page (secure_admin_login in config/urls.py)",
    "admin:logout": "POST only: signs out and redirects",
    "admin:jsi18n": "the admin's JavaScript translation catalogue",
    "admin:autocomplete": "JSON for the admin's autocomplete widgets",
    "admin:view_on_site": "redirects to the object's page on the site",
}

# Every other page of Django's admin is drawn by the template of one of these screens (an
# add page by the change page's change_form.html).
ADMIN_TEMPLATES: dict[str, str] = {
    "_changelist": "admin:accounts_user_changelist",
    "_add": "admin:accounts_user_change",
    "_change": "admin:accounts_user_change",
    "_delete": "admin:accounts_user_delete",
    "_history": "admin:accounts_user_history",
}


def screen_by_id(screen_id: str) -> Screen:
    return next(screen for screen in SCREENS if screen.id == screen_id)
