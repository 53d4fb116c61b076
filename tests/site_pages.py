"""The one registry of the site's URLs: PAGES holds one SitePage per URL name, the only
place that name is written, with the answer each role gets (read by the role matrix,
tests/test_role_matrix.py), what its setup makes, real payloads for its forms, and its
screens: every HTML page in every state, as the role that sees it (read by the axe, theme
and reflow tests in tests/browser/). tests/test_site_pages_complete.py fails if a URL
pattern has no SitePage with screens or a ``not_a_page`` reason. A new page is tested by
adding a SitePage to PAGES.

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
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accommodations.services import request_confirm
from dm3p.accommodations.services.questions import question_answer, question_ask
from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.services import welcome_link
from dm3p.circles.enums import ProfessionPreference, RunPhase, RunStatus
from dm3p.circles.hooks import round_published
from dm3p.circles.models import (
    BreakoutRoom,
    Circle,
    CircleMembership,
    MatchingPreferences,
    MatchingRound,
    RoundEntry,
)
from dm3p.circles.services.circle_life import CheckInAnswers, check_in_save, note_add
from dm3p.circles.services.rounds import PreferencesAnswers, preferences_save
from dm3p.conversations.enums import EmailRhythm, FollowLevel, PostState, Reacting
from dm3p.conversations.models import (
    Attachment,
    Bookmark,
    Post,
    Reaction,
    Space,
    Subscription,
    Thread,
    ThreadParticipant,
)
from dm3p.conversations.services.actions import post_edit
from dm3p.conversations.services.direct import direct_write
from dm3p.conversations.services.mail_out import AT_ONCE, email_choice_save, unsubscribe_token
from dm3p.conversations.services.messages import (
    report_create,
)
from dm3p.conversations.services.posting import post_add, thread_start
from dm3p.core.services import audit_record
from dm3p.events.links import answer_token
from dm3p.events.models import Event, EventResource, Speaker
from dm3p.events.services import calendar_feed_reset
from dm3p.members.audiences import PUBLIC
from dm3p.members.defaults import STARTING_TERMS, terms_fill
from dm3p.members.emails import APPLICATION_DECLINED
from dm3p.members.enums import ApplicationStatus, JoinsAs, TermKind
from dm3p.members.models import Application, Profile, Term
from dm3p.members.profile_fields import default_visibility
from dm3p.members.services import profile_ensure, profile_sensitive_viewed, status_link
from dm3p.pages.defaults import pages_fill
from tests.factories import (
    ROLES,
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    make_page,
    make_page_image,
    make_user,
)
from tests.factories.accommodations import make_accommodation_request
from tests.factories.circles import (
    make_breakout_assignment,
    make_breakout_room,
    make_check_in,
    make_circle,
    make_circle_membership,
    make_entry,
    make_round,
    publish,
)
from tests.factories.conversations import (
    make_message,
    make_post,
    make_report,
    make_space,
    make_thread,
)
from tests.factories.core import make_demo_email, make_email_wording
from tests.factories.events import (
    make_agenda_segment,
    make_event,
    make_event_resource,
    make_rsvp,
    make_speaker,
)
from tests.factories.members import make_application

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
    """One state of a page, as the person in ``role`` sees it (see the module's docstring).
    Written inside its SitePage, which fills in ``url_name``."""

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
    url_name: str = ""

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


def home_with_everything(viewer: User | None) -> URLKwargs:
    """A member's home with every panel full: the next gathering with their answer and an
    access request, a running circle whose check-in is due, a round open for sign-up, and
    messages."""
    assert viewer is not None
    home_rows(viewer, 1)
    return {}


def home_rows(viewer: User, rows: int) -> None:
    """What a person's home shows, ``rows`` of each (the query-count tests use it too)."""
    types_fill()
    for number in range(rows):
        event = make_event(days_ahead=7 + number, title=f"Gathering {number + 1}")
        make_speaker(event=event, name=f"Dr. Speaker {number + 1}")
        make_rsvp(event=event, member=viewer)
        make_accommodation_request(
            event=event, member=viewer, kind=AccommodationType.objects.first()
        )
        direct_write(sender=member_named(f"Writer {number + 1}"), others=[viewer], body="Hi")
    running = publish(
        make_round(
            name="Autumn circles",
            starts_on=timezone.localdate() - dt.timedelta(days=60),
            ends_on=timezone.localdate() + dt.timedelta(days=60),
            signup_opens_on=timezone.localdate() - dt.timedelta(days=90),
            signup_closes_on=timezone.localdate() - dt.timedelta(days=70),
        )
    )
    circle = make_circle(running, [viewer, *(make_user() for _ in range(rows))])
    circle.name = "Tuesday circle"
    circle.next_meeting_at = timezone.now() + dt.timedelta(days=5)
    circle.next_meeting_link = "https://meet.example.org/tuesday-circle"
    circle.save(update_fields=["name", "next_meeting_at", "next_meeting_link"])
    make_round(name="Winter circles")


def staff_work(viewer: User | None) -> URLKwargs:
    """The staff home with every panel full: applications, access requests, the next
    gathering's answers, rounds, a struggling circle and a report."""
    staff_home_rows(1)
    return {}


def staff_home_rows(rows: int) -> None:
    """What the staff home shows, ``rows`` of each (the query-count tests use it too). Names
    and details are marked ("Asker", "Needs-detail", "Reporter", ...) so a test can show
    the staff home never shows them."""
    types_fill()
    kinds = list(AccommodationType.objects.filter(provided_by_default=False)[:2])
    event = make_event(days_ahead=2, title="December gathering", capacity=40)
    make_rsvp(event=event, answer="maybe")
    make_rsvp(event=event, waitlisted=True)
    make_event(days_ahead=30, title="January gathering")
    today = timezone.localdate()
    running = publish(
        make_round(
            name="Autumn circles",
            signup_opens_on=today - dt.timedelta(days=90),
            signup_closes_on=today - dt.timedelta(days=70),
            starts_on=today - dt.timedelta(days=60),
            ends_on=today + dt.timedelta(days=60),
        )
    )
    for number in range(rows):
        applicant = make_user(name=f"Applicant {number}", membership_status="applicant")
        make_application(
            user=applicant,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=timezone.now() - dt.timedelta(days=12 + number),
            health_details=f"Health-detail-{number}",
            health_consent_at=timezone.now(),
        )
        make_rsvp(event=event, member=make_user(name=f"Attendee {number}"))
        for kind in kinds:
            make_accommodation_request(
                event=event,
                member=make_user(name=f"Asker {number} {kind.pk}"),
                kind=kind,
                details=f"Needs-detail-{number}",
                is_late=number == 0,
            )
        make_round(
            name=f"Winter circles {number + 1}",
            signup_opens_on=today - dt.timedelta(days=20),
            signup_closes_on=today - dt.timedelta(days=1),
        )
        members = [make_user(name=f"Circle member {number} {place}") for place in range(3)]
        circle = make_circle(running, members)
        for member in members:
            make_check_in(circle=circle, member=member, rating=2)
        CircleMembership.objects.filter(member=members[0]).update(wants_different=True)
        make_report(
            reporter=make_user(name=f"Reporter {number}"),
            about=make_user(name=f"Reported {number}"),
            reason=f"Report-reason-{number}",
        )
    first = AccommodationRequest.objects.order_by("pk").first()
    assert first is not None
    AccommodationRequest.objects.filter(pk=first.pk).update(status="confirmed")


def missing_page(viewer: User | None) -> URLKwargs:
    pages_fill()
    return {"slug": "no-such-page"}


def password_reset_key(viewer: User | None) -> URLKwargs:
    person = make_user()
    return {"uidb36": user_pk_to_url_str(person), "key": default_token_generator.make_token(person)}


def bad_password_reset_key(viewer: User | None) -> URLKwargs:
    person = make_user()
    return {"uidb36": user_pk_to_url_str(person), "key": "bad-key-that-was-never-issued"}


def welcome_link_token(viewer: User | None) -> URLKwargs:
    """A newly approved member's welcome link (no password yet, address not confirmed)."""
    person = make_user(name="Rosa Example")
    person.set_unusable_password()
    person.save()
    return {"token": welcome_link(person).rstrip("/").rsplit("/", 1)[1]}


def used_welcome_link_token(viewer: User | None) -> URLKwargs:
    kwargs = welcome_link_token(viewer)
    person = User.objects.get(name="Rosa Example")
    person.set_password(TEST_PASSWORD)
    person.save()
    return kwargs


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
    make_page_image(viewer, alt_text="Members talking in a video call, with live captions")
    make_page_image(viewer, alt_text="", is_decorative=True)
    return {}


def demo_emails(viewer: User | None) -> URLKwargs:
    demo_email(viewer)
    return {}


def demo_email(viewer: User | None) -> URLKwargs:
    first = make_demo_email(
        to_addresses="rosa@example.org",
        subject="Reset your password",
        text_body="Someone asked to reset the password of your account.\n\n"
        "To choose a new password, open http://localhost/accounts/password/reset/key/x/",
    )
    make_demo_email(
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
    application = make_application(
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


def application_status_token(viewer: User | None) -> URLKwargs:
    person = make_user(name="Rosa Example", membership_status=MembershipStatus.APPLICANT)
    application = _application(person, ApplicationStatus.SUBMITTED)
    return {"token": status_link(application).rstrip("/").rsplit("/", 1)[1]}


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
    make_email_wording(
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


def profile_part(section: str, *, filled: bool = True) -> Setup:
    """The page of one part of the viewer's profile (its ``section`` key)."""

    def setup(viewer: User | None) -> URLKwargs:
        if filled:
            own_profile_filled(viewer)
        else:
            membership_lists(viewer)
        return {"section": section}

    return setup


def member_named(name: str) -> User:
    person = make_user(name=name)
    profile_ensure(user=person)
    return person


def a_message_to_me(viewer: User | None) -> URLKwargs:
    """A direct conversation another member started with the viewer; its first post's pk."""
    assert viewer is not None
    profile_ensure(user=viewer)
    post = direct_write(
        sender=member_named("Sam Example"),
        others=[viewer],
        body="Hello! I saw you can talk about exam accommodations. Could we meet?",
    )
    return {"pk": post.pk}


def messages_both_ways(viewer: User | None) -> URLKwargs:
    """Two conversations of the viewer's: one they got, one with a group they started."""
    assert viewer is not None
    a_message_to_me(viewer)
    direct_write(
        sender=viewer,
        others=[member_named("Rosa Example"), member_named("Kim Example")],
        title="Study group",
        body="Shall we meet before the boards?",
    )
    return {}


def a_conversation_with_me(viewer: User | None) -> URLKwargs:
    """A direct conversation the viewer is in; its pk."""
    post = Post.objects.get(pk=a_message_to_me(viewer)["pk"])
    return {"pk": post.thread_id}


def a_report(viewer: User | None) -> URLKwargs:
    reporter = make_user(name="Rosa Example")
    about = make_user(name="Sam Example")
    report = report_create(
        reporter=reporter,
        client="192.0.2.1",
        about=about,
        post=None,
        reason="They kept asking about my diagnosis after I said no.",
    )
    return {"pk": report.pk}


def reports(viewer: User | None) -> URLKwargs:
    a_report(viewer)
    return {}


# Post actions (issue 14): a post, thread or space in a space everyone sees.


def a_post_of_others(viewer: User | None) -> URLKwargs:
    author = make_user(name="Sam Example")
    profile_ensure(user=author)
    post = make_post(
        thread=make_thread(title="Asking for a rest room at work"),
        author=author,
        body="I asked for a room to lie down in at lunch, and **it worked**.",
    )
    return {"pk": post.pk}


def make_author(person: User, kwargs: URLKwargs) -> None:
    Post.objects.filter(pk=kwargs["pk"]).update(author=person)


def my_post(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    kwargs = a_post_of_others(viewer)
    make_author(viewer, kwargs)
    return kwargs


def an_edited_post(viewer: User | None) -> URLKwargs:
    kwargs = a_post_of_others(viewer)
    post = Post.objects.get(pk=kwargs["pk"])
    post_edit(post=post, body="I asked for a room to rest in.", content_note="")
    post_edit(post=post, body="I asked for a quiet room, and it worked.", content_note="work")
    return kwargs


def a_post_with_reactions(viewer: User | None) -> URLKwargs:
    kwargs = a_post_of_others(viewer)
    post = Post.objects.get(pk=kwargs["pk"])
    for name, kind in [("Lee Example", Reacting.THANKS), ("Ana Example", Reacting.THANKS)]:
        person = make_user(name=name)
        Reaction.objects.create(post=post, person=person, kind=kind)
    Reaction.objects.create(post=post, person=make_user(name="Kim Example"), kind=Reacting.SUPPORT)
    return kwargs


def a_thread(viewer: User | None) -> URLKwargs:
    return {"pk": Post.objects.get(pk=a_post_of_others(viewer)["pk"]).thread_id}


def a_space_to_follow(viewer: User | None) -> URLKwargs:
    return {"slug": _space_named("Work and study", "work-and-study").slug}


def new_posts(viewer: User | None) -> URLKwargs:
    """Two threads with posts the viewer hasn't read, one of them followed."""
    assert viewer is not None
    a_post_of_others(viewer)
    followed = make_thread(space=make_space(name="Rest and pacing"), title="Pacing on bad days")
    make_post(thread=followed, body="What helps you on a bad day?")
    make_post(thread=followed, body="Lying down with the lights off.")
    Subscription.objects.create(person=viewer, thread=followed, level=FollowLevel.FOLLOW)
    return {}


def my_bookmarks(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    Bookmark.objects.create(person=viewer, post_id=a_post_of_others(viewer)["pk"])
    return {}


def _gathering(days_ahead: int = 9, **fields: Any) -> Event:
    event = make_event(
        days_ahead=days_ahead,
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
    make_agenda_segment(event=event, kind="speaker", minutes=30)
    make_speaker(event=event, name="Dr. Jordan Reyes", bio="Emergency physician.")
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
        make_rsvp(event=event, member=person, answer="going", answered_at=timezone.now())
    return {"pk": event.pk}


def a_gathering_with_resources(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    make_event_resource(
        event=event,
        kind="recording",
        title="Recording",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
        has_transcript=True,
    )
    make_event_resource(
        event=event,
        kind="slides",
        title="Slides",
        url="https://slides.example/1",
        audience="members",
    )
    return kwargs


def a_gathering_with_two_speakers(viewer: User | None) -> URLKwargs:
    event = _gathering()
    make_speaker(event=event, name="Sam Okafor", bio="Nurse practitioner.")
    return {"pk": event.pk}


def a_past_gathering_to_copy(viewer: User | None) -> URLKwargs:
    a_past_gathering(viewer)
    return {}


def add_a_speaker_row(visit: Visit) -> None:
    """Type a speaker's name and press "Add another speaker" (with JavaScript the row is
    added in place)."""
    visit.tab.locator("[name=speakers-0-name]").fill("Ada")
    visit.tab.locator("button:has-text('Add another speaker')").click()
    visit.tab.locator("[name=speakers-1-name]").wait_for()


def open_a_copy(visit: Visit) -> None:
    """Open the new-gathering form as a copy of the past gathering the setup made."""
    source = Event.objects.get(title="Disclosure in residency interviews")
    visit.tab.goto(f"{visit.url}?copy={source.pk}")


def a_past_gathering(viewer: User | None) -> URLKwargs:
    """A gathering that has taken place, with its recording and slides."""
    event = _gathering(days_ahead=-30, title="Disclosure in residency interviews")
    make_event_resource(
        event=event,
        kind="recording",
        title="Recording of the main room",
        url="https://video.example/1",
        audience="public",
        has_captions=True,
    )
    make_event_resource(event=event, kind="slides", title="Slides", url="https://slides.example/1")
    return {"pk": event.pk}


def an_answer_link(viewer: User | None) -> URLKwargs:
    """A member's e-mailed link to answer "going" to a gathering (with kinds of support)."""
    kwargs = a_gathering_with_kinds(viewer)
    member = make_user(name="Mei")
    profile_ensure(user=member)
    return {"token": answer_token(event_id=int(kwargs["pk"]), member_id=member.pk, answer="going")}


def a_broken_answer_link(viewer: User | None) -> URLKwargs:
    return {"token": "not-a-real-link"}


def a_gathering_with_rooms(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering(viewer)
    for name, topic in [("Exams", "Licensing and board exams"), ("Disclosure", "")]:
        make_breakout_room(
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
        make_breakout_assignment(room=room, member=person)
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
            round, person, offers=[topics[index % 4]], seeks=[topics[(index + 1) % 4]], hours=hours
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
    if viewer is not None:
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


def an_open_round_and_people(viewer: User | None) -> URLKwargs:
    """An open round, and members the viewer can find by name to keep apart from."""
    kwargs = an_open_round(viewer)
    for name in ("Sam Example", "Rosa Example", "Jo Example"):
        profile_ensure(user=make_user(name=name))
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
    round_published(round)  # what publishing does next: the circle's space, for one
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


def a_draft_with_people_left_out(viewer: User | None) -> URLKwargs:
    """A draft whose people left out each need one thing to join a circle: an hour, a place
    in a full circle; and one kept out by an avoid list, which the page never reveals."""
    today = timezone.localdate()
    round = make_round(
        name="Winter circles",
        signup_opens_on=today - dt.timedelta(days=20),
        signup_closes_on=today - dt.timedelta(days=1),
        starts_on=today + dt.timedelta(days=14),
        min_size=3,
        max_size=4,
    )
    evening = _round_people(round, [f"Member {letter}" for letter in "ABC"])
    morning = _round_people(round, [f"Member {letter}" for letter in "DEFG"], hours=MORNINGS)
    make_circle(round, evening)
    make_circle(round, morning)
    _round_people(round, ["Member H"], hours=[5 * 24 + 10])  # Saturday 10 am
    _round_people(round, ["Member I"], hours=MORNINGS)
    (avoider,) = _round_people(round, ["Member J"])
    preferences, _ = MatchingPreferences.objects.get_or_create(member=avoider)
    preferences.avoid.add(evening[0])
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.DONE,
        run_phase=RunPhase.DONE,
        run_percent=100,
        run_count=1,
        run_finished_at=timezone.now(),
        run_stats={"placed": 7, "unassigned": 3, "seconds": 1.2, "solver": "cp-sat"},
    )
    return {"pk": round.pk}


def a_round_being_matched(viewer: User | None) -> URLKwargs:
    round = make_round(name="Winter circles")
    _round_people(round, [f"Member {letter}" for letter in "ABCDE"])
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.RUNNING, run_phase=RunPhase.FINE_TUNING, run_percent=40, run_count=1
    )
    return {"pk": round.pk}


def a_run_taking_too_long(viewer: User | None) -> URLKwargs:
    """A run queued twenty minutes ago that never started: its worker stopped."""
    kwargs = a_round_being_matched(viewer)
    MatchingRound.objects.filter(pk=kwargs["pk"]).update(
        run_status=RunStatus.QUEUED,
        run_phase=RunPhase.WAITING,
        run_percent=0,
        run_started_at=timezone.now() - dt.timedelta(minutes=20),
    )
    return kwargs


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


def a_draft_while_signup_is_open(viewer: User | None) -> URLKwargs:
    """The draft of a_draft, its sign-up still open for ten days."""
    kwargs = a_draft(viewer)
    MatchingRound.objects.filter(pk=kwargs["pk"]).update(
        signup_closes_on=timezone.localdate() + dt.timedelta(days=10)
    )
    return kwargs


def a_draft_ready_to_publish(viewer: User | None) -> URLKwargs:
    """Sign-up closed early; two circles that keep every rule, and three people not
    placed."""
    round = make_round(name="Winter circles", signup_closed_at=timezone.now())
    make_circle(round, _round_people(round, [f"Member {letter}" for letter in "ABC"]))
    make_circle(round, _round_people(round, [f"Member {letter}" for letter in "DEFG"]))
    _round_people(round, ["Member H", "Member I", "Member J"], hours=[])
    return {"pk": round.pk}


def choose_change(person: str, circle: str) -> Step:
    """On the page to change a published round, choose whom to move and where, and check."""

    def step(visit: Visit) -> None:
        form = visit.tab.locator("main form")
        form.locator("[name=member]").select_option(label=person)
        form.locator("[name=to]").select_option(label=circle)
        with visit.tab.expect_navigation():
            form.locator("button[type=submit]").click()

    return step


def _published_move(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    round_id = int(kwargs["pk"])
    moving = CircleMembership.objects.filter(round_id=round_id).order_by("pk").first()
    assert moving is not None
    to = Circle.objects.filter(round_id=round_id).exclude(pk=moving.circle_id).first()
    assert to is not None
    return {"member": moving.member_id, "to": to.pk}


def a_calendar_feed(viewer: User | None) -> URLKwargs:
    assert viewer is not None
    calendar_feed_reset(user=viewer)
    return {}


def a_calendar_feed_and_gathering(viewer: User | None) -> URLKwargs:
    a_calendar_feed(viewer)
    return a_gathering(viewer)


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
    make_accommodation_request(event=event, member=viewer, kind=kind)
    return kwargs


def a_gathering_with_requests(viewer: User | None) -> URLKwargs:
    kwargs = a_gathering_with_kinds(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    kind = AccommodationType.objects.get(label="ASL interpretation")
    for number in range(2):
        make_accommodation_request(
            event=event, member=make_user(name=f"Asker {number}"), kind=kind, is_late=number == 0
        )
    return kwargs


def a_request(viewer: User | None) -> URLKwargs:
    a_gathering_with_requests(viewer)
    return {"pk": AccommodationRequest.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def a_gathering_to_check(viewer: User | None) -> URLKwargs:
    """The next gathering with requests (90 minutes: two interpreters needed): ASL confirmed
    with its interpreters named and the link sent, captions confirmed with nothing recorded
    yet, and ASL still waiting."""
    kwargs = a_gathering_with_kinds(viewer)
    event = Event.objects.get(pk=kwargs["pk"])
    asl = AccommodationType.objects.get(label="ASL interpretation")
    captions = AccommodationType.objects.get(label="CART captions in my breakout room")
    make_accommodation_request(
        event=event,
        member=make_user(name="Asker 0"),
        kind=asl,
        status="confirmed",
        provider_names="Ana Ruiz and Ben Cole",
        link_sent=True,
    )
    make_accommodation_request(
        event=event, member=make_user(name="Asker 1"), kind=captions, status="confirmed"
    )
    make_accommodation_request(event=event, member=make_user(name="Asker 2"), kind=asl)
    return kwargs


def a_request_with_history(viewer: User | None) -> URLKwargs:
    """A request a coordinator changed, with a question answered and one waiting."""
    kwargs = a_request(viewer)
    item = AccommodationRequest.objects.get(pk=kwargs["pk"])
    coordinator = make_user(name="Cora Coordinator", is_coordinator=True)
    request_confirm(request=item, actor=coordinator)
    first = question_ask(request=item, actor=coordinator, text="Which sign language?")
    question_answer(question=first, actor=item.member, text="ASL, please.")
    question_ask(request=item, actor=coordinator, text="Do you need it in breakout rooms?")
    return kwargs


def a_question_to_me(viewer: User | None) -> URLKwargs:
    """The member's request for a gathering, with a coordinator's question to answer."""
    assert viewer is not None
    kwargs = my_requests(viewer)
    item = AccommodationRequest.objects.get(member=viewer, event_id=kwargs["pk"])
    coordinator = make_user(name="Cora Coordinator", is_coordinator=True)
    question_ask(request=item, actor=coordinator, text="Which sign language?")
    return kwargs


def send_an_empty_answer(visit: Visit) -> None:
    submit("button:has-text('Send my answer')")(visit)


def confirm_the_waiting_request(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {
        "confirm": AccommodationRequest.objects.filter(event_id=kwargs["pk"])
        .exclude(status="confirmed")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    }


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


# mail-out: a member's link to stop conversation e-mails, as an e-mail carries it.


def an_unsubscribe_link(viewer: User | None) -> URLKwargs:
    return {"token": unsubscribe_token(person=make_user(), kind=AT_ONCE)}


def a_used_unsubscribe_link(viewer: User | None) -> URLKwargs:
    person = make_user()
    email_choice_save(person=person, rhythm=EmailRhythm.NOTHING, actor=person)
    return {"token": unsubscribe_token(person=person, kind=AT_ONCE)}


# Who may reach a URL: each role's answer to a GET (read by tests/test_role_matrix.py).

LOGIN = "login"  # a redirect to the sign-in page
OK = 200
NOT_FOUND = 404
Answers = dict[str, object]


def redirect_to(prefix: str) -> str:
    return f"redirect:{prefix}"


def everyone(answer: object = OK) -> Answers:
    return dict.fromkeys(ROLES, answer)


def anyone_signed_in(answer: object = OK) -> Answers:
    """Anyone signed in; visitors (and suspended people, whose sessions end) sign in first."""
    return {**everyone(answer), "anonymous": LOGIN, "suspended": LOGIN}


def only(*roles: str) -> Answers:
    """A staff page: the given roles see it, other signed-in people get 404."""
    return {**anyone_signed_in(NOT_FOUND), **dict.fromkeys(roles, OK)}


def members_only(answer: object = OK) -> Answers:
    """Approved members and allies (staff are members too); applicants get 404."""
    return {**anyone_signed_in(answer), "applicant": NOT_FOUND, "declined": NOT_FOUND}


ADMIN_ONLY = {
    **only("admin"),
    **dict.fromkeys(
        ["applicant", "declined", "member", "ally", "coordinator", "organizer"], NOT_FOUND
    ),
}

# What someone allowed to act really sends, given the URL's kwargs and the sender.
Payload = Callable[[URLKwargs, User | None], dict[str, object]]
# Gives a person their place in what the URL names (e.g. puts them in the circle).
LetIn = Callable[[User, URLKwargs], None]


def sends(data: dict[str, object]) -> Payload:
    """A payload that is the same whoever sends it."""
    return lambda kwargs, sender: data


# Moderation of conversations (issue 14).


def _space_named(name: str, slug: str, **fields: object) -> Space:
    """The space of that slug, made the first time (several pages' setups share it)."""
    return Space.objects.filter(slug=slug).first() or make_space(name=name, slug=slug, **fields)


def a_post_image(viewer: User | None) -> URLKwargs:
    """A picture in a post in a members-only space, by someone else."""
    post = Post.objects.get(pk=a_post_in_general(viewer)["pk"])
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "purple").save(buffer, format="PNG")
    attachment = Attachment(post=post, alt_text="A purple square.")
    attachment.image.save("square.png", ContentFile(buffer.getvalue()), save=True)
    return {"pk": attachment.pk}


def a_post_in_general(viewer: User | None) -> URLKwargs:
    """Another member's post in a space for all members and allies."""
    space = _space_named("General", "general")
    return {"pk": make_post(thread=make_thread(space=space), body="Tips for night shifts?").pk}


def a_held_post(viewer: User | None) -> URLKwargs:
    """A new member's first post, held for an organizer to read."""
    space = _space_named("General", "general")
    return {
        "pk": make_post(thread=make_thread(space=space), state=PostState.HELD, body="Hello all!").pk
    }


def a_thread_in_general(viewer: User | None) -> URLKwargs:
    _space_named("Off topic", "off-topic")
    return {"pk": Post.objects.get(pk=a_post_in_general(viewer)["pk"]).thread_id}


def posts_to_review(viewer: User | None) -> URLKwargs:
    a_held_post(viewer)
    return {}


# Setups for URLs whose pages need more than their screens make.


def a_message_between_others(viewer: User | None) -> URLKwargs:
    """An old message between two other members, made a post in their conversation."""
    sender, recipient = member_named("Sam Example"), member_named("Rosa Example")
    message = make_message(sender=sender, recipient=recipient, body="Hi")
    post = direct_write(sender=sender, others=[recipient], body="Hi")
    Post.objects.filter(pk=post.pk).update(legacy_message_id=message.pk)
    return {"pk": message.pk}


def receive_message(person: User, kwargs: URLKwargs) -> None:
    """Put ``person`` in the conversation the old message's post is in."""
    post = Post.objects.get(legacy_message_id=kwargs["pk"])
    ThreadParticipant.objects.create(thread_id=post.thread_id, person=person)


def a_direct_post_between_others(viewer: User | None) -> URLKwargs:
    """A post in a direct conversation between two other members; its pk."""
    post = direct_write(
        sender=member_named("Sam Example"), others=[member_named("Rosa Example")], body="Hi"
    )
    return {"pk": post.pk}


def join_post_thread(person: User, kwargs: URLKwargs) -> None:
    post = Post.objects.get(pk=kwargs["pk"])
    ThreadParticipant.objects.create(thread_id=post.thread_id, person=person)


def a_direct_conversation_between_others(viewer: User | None) -> URLKwargs:
    post = Post.objects.get(pk=a_direct_post_between_others(viewer)["pk"])
    return {"pk": post.thread_id}


def join_thread(person: User, kwargs: URLKwargs) -> None:
    ThreadParticipant.objects.create(thread_id=kwargs["pk"], person=person)


def members_to_choose(viewer: User | None) -> URLKwargs:
    """Other members to choose among (the page has no URL kwargs)."""
    member_profiles(viewer)
    return {}


def someone_to_write_to(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {"people": [member_named("Kim Example").pk], "body": "Hello, and welcome."}


def someone_to_add(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {"person": member_named("Kim Example").pk, "confirm": "on"}


def a_linked_resource(viewer: User | None) -> URLKwargs:
    """A gathering's resource that is a link, not a file: there is nothing to download."""
    kwargs = a_gathering_with_resources(viewer)
    resource = EventResource.objects.filter(event_id=kwargs["pk"]).order_by("pk").first()
    assert resource is not None
    return {"pk": kwargs["pk"], "resource_pk": resource.pk}


def a_speaker_without_photo(viewer: User | None) -> URLKwargs:
    """A gathering's guest speaker without a photo: nothing to serve."""
    kwargs = a_gathering(viewer)
    speaker = Speaker.objects.get(event_id=kwargs["pk"])
    return {"pk": kwargs["pk"], "speaker_pk": speaker.pk}


def a_missing_image(viewer: User | None) -> URLKwargs:
    return {"pk": 999_999, "name": "missing.png"}


def a_circle_of_others(viewer: User | None) -> URLKwargs:
    """A published circle of two other members."""
    round = make_round()
    people = [make_user(), make_user()]
    for person in people:
        make_entry(round, person)
    circle = make_circle(round, people)
    publish(round)
    return {"pk": circle.pk}


def join_circle(person: User, kwargs: URLKwargs) -> None:
    """Put ``person`` in the circle the URL names."""
    circle = Circle.objects.select_related("round").get(pk=kwargs["pk"])
    make_entry(circle.round, person)
    make_circle_membership(circle=circle, round=circle.round, member=person)


def enter_round(person: User, kwargs: URLKwargs) -> None:
    """Put ``person`` in the round the URL names."""
    make_entry(MatchingRound.objects.get(pk=kwargs["pk"]), person)


BY_EMAIL = "by-email@example.org"


def a_coming_gathering_and_a_member(viewer: User | None) -> URLKwargs:
    """A gathering, the kinds of support and a member, for a request that came by e-mail."""
    a_coming_gathering(viewer)
    if not User.objects.filter(email=BY_EMAIL).exists():
        make_user(email=BY_EMAIL)
    return {}


# Payloads: what a person allowed to post really sends.


def _asl_pk() -> int:
    return AccommodationType.objects.get(label="ASL interpretation").pk


def _event_form(title: str) -> Payload:
    return sends(
        {
            "title": title,
            "starts_local": "2026-07-01T19:00",
            "time_zone": "America/New_York",
            "duration_minutes": "90",
            "visibility": "public",
            "link_audience": "members",
            "reminders": "7, 1",
        }
    )


def _round_form(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    """The round's own dates under a new name (a new round if the URL names none)."""
    round = MatchingRound.objects.filter(pk=kwargs.get("pk", 0)).first()
    dates = (
        {
            name: getattr(round, name).isoformat()
            for name in ("signup_opens_on", "signup_closes_on", "starts_on", "ends_on")
        }
        if round
        else {
            "signup_opens_on": "2026-06-10",
            "signup_closes_on": "2026-06-24",
            "starts_on": "2026-07-01",
            "ends_on": "2026-12-01",
        }
    )
    return {
        "name": "Autumn circles",
        **dates,
        "min_size": "3",
        "max_size": "5",
        "meets": "monthly",
        "check_in_every_weeks": "4",
    }


def _next_meeting(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    """A week from now, in the sender's zone (their profile's)."""
    soon = timezone.localtime() + dt.timedelta(days=7)
    return {"starts_local": soon.strftime("%Y-%m-%dT%H:%M"), "link": "https://meet.example.org/c"}


def _profile_form(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {
        "display_name": "A new name",
        "time_zone": "America/Chicago",
        **{f"visibility_{name}": audience for name, audience in default_visibility().items()},
    }


def _own_address(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {"confirm_email": sender.email if sender else "nobody@example.org"}


def _page_form(slug: str) -> Payload:
    return sends(
        {
            "title": "Travel grants",
            "slug": slug,
            "body": "Help with the cost of **travel**.",
            "location": "none",
            "menu_order": "50",
            "is_published": "on",
        }
    )


def _image_upload(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    """A new file each time: an upload is read once."""
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    return {
        "image": SimpleUploadedFile("dot.png", png.getvalue(), content_type="image/png"),
        "alt_text": "A white square",
    }


def _record_form(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {
        "member_email": BY_EMAIL,
        "event": Event.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "kinds": [_asl_pk()],
    }


def _bulk_decision(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    return {
        "applications": list(Application.objects.values_list("pk", flat=True)),
        "decision": "approve",
    }


def _first_room(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    room = BreakoutRoom.objects.filter(event_id=kwargs["pk"]).order_by("pk").first()
    assert room is not None
    return {"first": room.pk}


def _lock_circle(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    circle = Circle.objects.filter(round_id=int(kwargs["pk"]), locked=False).order_by("pk").first()
    assert circle is not None
    return {"circle": circle.pk, "locked": "yes"}


def _draft_circles(kwargs: URLKwargs) -> list[Circle]:
    """The unlocked circles of a_draft: the second, then the third."""
    return list(Circle.objects.filter(round_id=int(kwargs["pk"]), locked=False).order_by("pk"))


def _draft_move(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    second, third = _draft_circles(kwargs)
    return {"people": list(third.memberships.values_list("member_id", flat=True)), "to": second.pk}


def _draft_swap(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    second, third = _draft_circles(kwargs)
    return {"people": [second.memberships.first().member_id, third.memberships.first().member_id]}  # type: ignore[union-attr]


def _draft_new_circle(kwargs: URLKwargs, sender: User | None) -> dict[str, object]:
    unplaced = RoundEntry.objects.filter(
        round_id=int(kwargs["pk"]), member__name__in=["Member J", "Member K"]
    )
    return {"people": list(unplaced.values_list("member_id", flat=True)), "name": "Night owls"}


def _tick_and_press(names: list[str], button: str, *, to: str = "", name: str = "") -> Step:
    """Tick people on the draft, choose where (or name a new circle), press the button."""

    def step(visit: Visit) -> None:
        for person in names:
            visit.tab.get_by_label(person, exact=True).check()
        if to:
            visit.tab.get_by_label("Move the ticked people to").select_option(label=to)
        if name:
            visit.tab.get_by_label("Name of a new circle").fill(name)
        visit.tab.get_by_role("button", name=button, exact=True).click()
        visit.tab.locator("#draft-live:not(:empty), #messages").first.wait_for()

    return step


# search (issue 14): what the site's search finds, for its screens.


def searchable_things(viewer: User | None) -> URLKwargs:
    """Public pages and gatherings about rest, and posts about it in a space for everyone
    and in one for organizers only (the member finds the first and never the second)."""
    search_rows(3)
    return {}


def many_searchable_things(viewer: User | None) -> URLKwargs:
    search_rows(30)
    return {}


def search_rows(rows: int) -> None:
    pages_fill()
    everyone_space = _space_named("General", "general")
    organizers_space = _space_named("Organizers", "organizers", audience="organizers")
    for number in range(rows):
        make_page(
            slug=f"rest-{number}",
            title=f"Rest and pacing, part {number + 1}",
            body="How to **rest** between shifts, and how to ask for a quiet room.",
        )
        make_event(days_ahead=5 + number, title=f"Rest in residency {number + 1}")
        make_post(
            thread=make_thread(space=everyone_space, title=f"Where do you rest? {number + 1}"),
            body="I rest in the chapel between clinics. Quiet, and nobody asks.",
            content_note="tiredness" if number == 0 else "",
        )
        make_post(
            thread=make_thread(space=organizers_space, title="Organizers' rest rota"),
            body="CANARY-ORGANIZERS rest rota.",
        )


@dataclass(frozen=True)
class SitePage:
    """One URL name of the site, in one place: who may reach it (``answers``, a role's
    answer to a GET; None only for Django's admin, whose many URLs share the one gate the
    role matrix tests on admin:index and its user list), what ``setup`` makes for it (the
    URL's kwargs), what a POST sends (``post``, and ``payload``: what a person allowed to
    act really sends, so a refused role's post is proven to change nothing), and its
    screens, the states the browser tests visit; or why it has none (``not_a_page``)."""

    url_name: str
    answers: Answers | None
    setup: Setup = no_kwargs
    post: dict[str, object] | None = None
    payload: Payload | None = None
    # The answers to a POST where they differ from a GET's (URLs that only take POST).
    post_answers: Answers | None = None
    # The person in each of these roles is let in (``let_in``) to what the URL names
    # before they ask; everyone else is an outsider.
    insiders: tuple[str, ...] = ()
    let_in: LetIn | None = None
    not_a_page: str = ""
    screens: list[Screen] = field(default_factory=list)


# An organizer told that what members share only with organizers is hidden from them.
HIDDEN_FROM_ORGANIZER = ".notice a[href*='reauthenticate/?next=']"

ERROR = ".error-summary"

PAGES: list[SitePage] = [
    # Public pages.
    SitePage(
        "pages:home",
        everyone(),
        screens=[
            Screen(setup=with_demo_pages),
            Screen(state="empty"),
            Screen("member", setup=with_demo_pages),
            Screen("admin", setup=with_demo_pages, proof=".staff-bar"),
        ],
    ),
    SitePage(
        "pages:detail",
        everyone(),
        setup=demo_page("join"),
        screens=[
            Screen(setup=demo_page("join")),
            *(
                Screen(state=slug, setup=demo_page(slug))
                for slug in (
                    "about",
                    "why-we-exist",
                    "what-we-offer",
                    "accessibility",
                    "code-of-conduct",
                    "privacy",
                )
            ),
            Screen(state="not-found", setup=missing_page, status=404),
            Screen("organizer", "unpublished", setup=unpublished_page, proof=".notice"),
        ],
    ),
    SitePage(
        "pages:member_home",
        anyone_signed_in(),
        screens=[
            Screen("member", setup=home_with_everything),
            Screen("member", "empty"),
            Screen("applicant", setup=own_application(ApplicationStatus.SUBMITTED)),
            Screen("admin", setup=with_demo_pages),
        ],
    ),
    SitePage(
        "pages:staff_home",
        only("coordinator", "organizer", "admin"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=staff_work, proof=".staff-count"),
            Screen("coordinator", "empty"),
            Screen("coordinator", "filled", setup=staff_work, proof=".staff-count"),
        ],
    ),
    SitePage(
        "core:display",
        everyone(),
        post={"theme": "dark", "text_size": "100", "font": "default", "motion": "system"},
        screens=[Screen(), Screen(state="error", act=tamper_radio("theme"), proof=ERROR)],
    ),
    # search (issue 14): the site's one search, open to everyone.
    SitePage(
        "core:search",
        everyone(),
        screens=[
            Screen(),
            Screen(
                state="results", setup=searchable_things, query="?q=rest", proof=".search-result"
            ),
            Screen(
                state="no-results", setup=searchable_things, query="?q=zebra", proof=".search-none"
            ),
            Screen("member"),
            Screen(
                "member",
                "results",
                setup=searchable_things,
                query="?q=rest",
                proof=".search-result",
            ),
            Screen(
                "member",
                "pages",
                setup=many_searchable_things,
                query="?q=rest&kind=posts&page=2",
                proof=".pagination",
            ),
            Screen(
                "member",
                "no-results",
                setup=searchable_things,
                query="?q=zebra&kind=posts",
                proof=".search-none",
            ),
        ],
    ),
    # Signing in and out (allauth). Signed-in people are sent on from the sign-in page.
    SitePage(
        "account_login",
        {
            **everyone(redirect_to("/home/")),
            **dict.fromkeys(["coordinator", "organizer", "admin"], redirect_to("/manage/")),
            "anonymous": OK,
            "suspended": OK,
        },
        screens=[
            Screen(),
            Screen(
                state="error",
                act=submit(login="nobody@example.org", password="not the password"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "account_reset_password",
        everyone(),
        screens=[Screen(), Screen(state="error", act=submit(email=""), proof=ERROR)],
    ),
    SitePage("account_reset_password_done", everyone(), screens=[Screen()]),
    SitePage(
        "account_reset_password_from_key",
        everyone(redirect_to("/accounts/password/reset/key/")),
        setup=password_reset_key,
        screens=[
            Screen(state="valid", setup=password_reset_key),
            Screen(state="invalid", setup=bad_password_reset_key),
            Screen(
                state="error",
                setup=password_reset_key,
                act=submit(password1="short", password2="different"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage("account_reset_password_from_key_done", everyone(), screens=[Screen()]),
    SitePage(
        "account_confirm_email",
        everyone(),
        setup=email_confirmation_key,
        screens=[
            Screen(state="valid", setup=email_confirmation_key),
            Screen(state="invalid", setup=bad_email_confirmation_key),
        ],
    ),
    SitePage("account_email_verification_sent", everyone(), screens=[Screen()]),
    SitePage(
        "account_signup",
        {
            **everyone(redirect_to("/home/")),
            **dict.fromkeys(["coordinator", "organizer", "admin"], redirect_to("/manage/")),
            "anonymous": OK,
            "suspended": OK,
        },
        screens=[Screen(state="closed")],
    ),
    SitePage("account_inactive", everyone(), screens=[Screen()]),
    SitePage(
        "account_reauthenticate",
        anyone_signed_in(),
        screens=[
            Screen("member"),
            Screen("member", "error", act=submit(password="not the password"), proof=ERROR),
        ],
    ),
    SitePage(
        "account_logout",
        {**anyone_signed_in(), "anonymous": redirect_to("/"), "suspended": redirect_to("/")},
        screens=[Screen("member")],
    ),
    SitePage(
        "mfa_authenticate",
        {
            **everyone(redirect_to("/home/")),
            **dict.fromkeys(["coordinator", "organizer", "admin"], redirect_to("/manage/")),
            "anonymous": LOGIN,
            "suspended": LOGIN,
        },
        screens=[
            Screen("admin", arrive=sign_in_through_form, signed_in=False),
            Screen(
                "admin",
                "error",
                arrive=sign_in_through_form,
                signed_in=False,
                act=submit(code="000000"),
                proof=ERROR,
            ),
        ],
    ),
    # Your account
    # The signed-in person's own account.
    SitePage("accounts:overview", anyone_signed_in(), screens=[Screen("member"), Screen("admin")]),
    # The welcome: the approval e-mail's one link, then the welcome checklist.
    SitePage(
        "accounts:welcome_start",
        everyone(),
        setup=welcome_link_token,
        post={},
        screens=[
            Screen(state="valid", setup=welcome_link_token),
            Screen(
                state="error",
                setup=welcome_link_token,
                act=submit(password1="a-long-password-1", password2="different"),
                proof=ERROR,
            ),
            Screen(state="used", setup=used_welcome_link_token, status=410),
            Screen(state="broken", setup=lambda viewer: {"token": "not-a-link"}, status=404),
        ],
    ),
    SitePage("accounts:welcome", members_only(), screens=[Screen("member"), Screen("ally")]),
    SitePage(
        "accounts:email_preferences",
        anyone_signed_in(),
        post={},
        payload=sends({"security": "on", "event_updates": "on", "member_messages": "on"}),
        screens=[Screen("member")],
    ),
    SitePage(
        "account_email",
        anyone_signed_in(),
        screens=[
            Screen("member"),
            Screen(
                "member",
                "error",
                act=submit("button[name=action_add]", email="not an address"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "account_change_password",
        anyone_signed_in(),
        screens=[
            Screen("member"),
            Screen(
                "member",
                "error",
                act=submit(oldpassword="wrong", password1="short", password2="other"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "account_set_password",
        anyone_signed_in(redirect_to("/accounts/password/change/")),
        screens=[Screen("member", setup=unusable_password)],
    ),
    SitePage("usersessions_list", anyone_signed_in(), screens=[Screen("member", proof="tbody tr")]),
    # Two-factor authentication
    SitePage(
        "mfa_index", anyone_signed_in(), screens=[Screen("member"), Screen("admin", "enabled")]
    ),
    # Changing how you sign in asks for your password again first.
    SitePage(
        "mfa_activate_totp",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        screens=[
            Screen("member"),
            Screen("member", "error", act=submit(code="000000"), proof=ERROR),
        ],
    ),
    # Only people with an authenticator have these; staff always do.
    SitePage(
        "mfa_deactivate_totp",
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        },
        screens=[Screen("member", setup=totp_on)],
    ),
    SitePage(
        "mfa_reauthenticate",
        {
            **anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
            "coordinator": OK,
            "organizer": OK,
            "admin": OK,
        },
        screens=[Screen("admin")],
    ),
    SitePage(
        "mfa_view_recovery_codes",
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        },
        screens=[Screen("admin")],
    ),
    SitePage(
        "mfa_generate_recovery_codes",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        screens=[Screen("admin")],
    ),
    SitePage(
        "mfa_list_webauthn",
        anyone_signed_in(),
        screens=[Screen("member", "empty"), Screen("member", "filled", setup=security_key_list)],
    ),
    SitePage(
        "mfa_add_webauthn",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        screens=[Screen("member")],
    ),
    SitePage(
        "mfa_edit_webauthn",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        setup=lambda viewer: {"pk": 999_999},
        screens=[Screen("member", setup=security_key)],
    ),
    SitePage(
        "mfa_remove_webauthn",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        setup=lambda viewer: {"pk": 999_999},
        screens=[Screen("member", setup=security_key)],
    ),
    # Staff pages.
    SitePage(
        "core:site_settings",
        only("admin"),
        post={},
        payload=sends(
            {
                "name": "DM3P",
                "long_name": "Disability in Medicine Mutual Mentorship Program",
                "tagline": "Mentorship among equals.",
                "contact_email": "team@example.org",
                "time_zone": "America/New_York",
            }
        ),
        screens=[
            Screen("admin"),
            Screen(
                "admin", "error", act=submit(name="", contact_email="not an address"), proof=ERROR
            ),
        ],
    ),
    SitePage(
        "core:audit_log",
        only("admin"),
        screens=[
            Screen("admin", "empty"),
            Screen("admin", "filled", setup=audit_entries, proof="table"),
        ],
    ),
    SitePage(
        "pages:manage",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=with_demo_pages, proof="table"),
        ],
    ),
    SitePage(
        "pages:new",
        only("organizer"),
        post={},
        payload=_page_form("travel"),
        screens=[
            Screen("organizer"),
            Screen("organizer", "error", act=submit(), proof=ERROR),
            Screen(
                "organizer",
                "preview",
                act=submit(
                    "button[name=preview]",
                    title="Gathering notes",
                    slug="gathering-notes",
                    body="## Before the gathering\n\n"
                    "Read the [code of conduct](/code-of-conduct/).",
                ),
                proof="#preview-title",
            ),
        ],
    ),
    SitePage(
        "pages:edit",
        only("organizer"),
        setup=demo_page("join"),
        post={},
        payload=_page_form("join"),
        screens=[Screen("organizer", setup=demo_page("join"))],
    ),
    SitePage(
        "pages:images",
        only("organizer"),
        post={},
        payload=_image_upload,
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "error", act=submit(), proof=ERROR),
            Screen("organizer", "filled", setup=page_images, proof=".card img"),
        ],
    ),
    # Membership: applying is public; reviewing is for organizers, roles for admins.
    SitePage(
        "members:apply",
        {
            **everyone(redirect_to("/home/")),
            "anonymous": OK,
            "suspended": OK,
        },
        post={},
        payload=sends({"name": "Rosa Silva", "email": "rosa@example.org", "save": "1"}),
        screens=[
            Screen(setup=membership_lists),
            Screen(
                state="error",
                setup=membership_lists,
                act=submit("button[name=submit]"),
                proof=ERROR,
            ),
            Screen("applicant", "draft", setup=own_application(ApplicationStatus.DRAFT)),
            Screen(
                "applicant",
                "more-info",
                setup=own_application(
                    ApplicationStatus.MORE_INFO,
                    info_request="Could you tell us which profession you train in?",
                ),
                proof=".notice",
            ),
        ],
    ),
    SitePage(
        "members:apply_status",
        everyone(NOT_FOUND),
        screens=[Screen("applicant", setup=own_application(ApplicationStatus.SUBMITTED))],
    ),
    SitePage(
        "members:apply_status_link",
        everyone(),
        setup=application_status_token,
        screens=[
            Screen(state="valid", setup=application_status_token),
            Screen(state="broken", setup=lambda viewer: {"token": "not-a-link"}, status=404),
        ],
    ),
    SitePage(
        "members:apply_link",
        everyone(),
        post={},
        screens=[
            Screen(),
            Screen(state="error", act=submit(), proof=ERROR),
            Screen(
                state="sent",
                act=submit(email="rosa@example.org"),
                proof="h1:has-text('Check your e-mail')",
            ),
        ],
    ),
    SitePage(
        "members:apply_resume",
        everyone(NOT_FOUND),
        setup=lambda viewer: {"token": "not-a-token"},
        screens=[
            Screen(
                state="expired", setup=lambda viewer: {"token": "a-link-that-expired"}, status=404
            )
        ],
    ),
    # Membership: organizers and admins
    SitePage(
        "members:review_queue",
        only("organizer"),
        setup=applications,
        post={},
        payload=_bulk_decision,
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=applications, proof="table"),
        ],
    ),
    SitePage(
        "members:review_application",
        only("organizer"),
        setup=application_to_review,
        post={},
        payload=sends({"decision": "approve", "message": ""}),
        screens=[
            Screen("organizer", setup=application_to_review),
            Screen(
                "organizer",
                "health shown",
                setup=application_to_review,
                query="?show=health",
                proof="#health + dd .hint",
            ),
            Screen(
                "organizer",
                "error",
                setup=application_to_review,
                act=submit('button:has-text("Record decision")'),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "members:community_settings",
        only("organizer"),
        post={},
        payload=sends({"retention_days": "90", "discord_invite_url": "", "linkedin_group_url": ""}),
        screens=[
            Screen("organizer"),
            Screen(
                "organizer",
                "error",
                act=submit(retention_days="3", discord_invite_url="discord"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "members:email_template",
        {**only("organizer"), "organizer": redirect_to("/manage/emails/application_approved/")},
        setup=lambda viewer: {"key": "application_approved"},
        not_a_page="the old address of a membership e-mail's editing page; "
        "redirects to core:email_wording",
    ),
    SitePage("core:email_wordings", only("organizer"), screens=[Screen("organizer")]),
    SitePage(
        "core:email_wording",
        only("organizer"),
        setup=lambda viewer: {"key": "application_approved"},
        post={},
        payload=sends(
            {"subject": "Welcome aboard", "body": "We are glad you are here: {set_password_link}"}
        ),
        screens=[
            Screen("organizer", setup=email_wording_key),
            Screen("organizer", "edited", setup=email_wording_edited),
            Screen(
                "organizer",
                "error",
                setup=email_wording_key,
                act=submit(subject="", body="Hello {nobody}"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "members:terms", only("organizer"), screens=[Screen("organizer", setup=membership_lists)]
    ),
    SitePage(
        "members:term_new",
        only("organizer"),
        post={},
        payload=sends({"kind": "topic", "label": "Burnout", "order": "100", "is_active": "on"}),
        screens=[Screen("organizer"), Screen("organizer", "error", act=submit(), proof=ERROR)],
    ),
    SitePage(
        "members:term_edit",
        only("organizer"),
        setup=a_term,
        post={},
        payload=sends({"kind": "stage", "label": "Fellowship", "order": "5", "is_active": "on"}),
        screens=[Screen("organizer", setup=a_term)],
    ),
    SitePage(
        "members:people", only("admin"), screens=[Screen("admin", setup=people, proof="table")]
    ),
    SitePage(
        "members:person_edit",
        only("admin"),
        setup=another_person_pk,
        post={},
        payload=sends({"membership_status": "member", "is_coordinator": "on"}),
        screens=[Screen("admin", setup=another_person_pk)],
    ),
    # Membership: profiles and the directory
    SitePage(
        "members:own_profile",
        members_only(),
        screens=[Screen("member"), Screen("member", "filled", setup=own_profile_filled)],
    ),
    SitePage(
        "members:edit_profile",
        members_only(),
        screens=[Screen("member", setup=own_profile_filled)],
    ),
    SitePage(
        "members:edit_profile_section",
        members_only(),
        setup=profile_part("about-you", filled=False),
        post={},
        payload=_profile_form,
        screens=[
            *[
                Screen("member", section, setup=profile_part(section))
                for section in ("about-you", "work", "where-and-when", "mentorship")
            ],
            Screen("member", "lived-experience", setup=profile_part("lived-experience")),
            Screen(
                "member",
                "error",
                setup=profile_part("about-you", filled=False),
                act=submit(linkedin_url="linkedin"),
                proof=ERROR,
            ),
            Screen(
                "member",
                "time-zone-error",
                setup=profile_part("where-and-when", filled=False),
                act=submit(time_zone="Mars/Olympus"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "members:preview_profile",
        members_only(),
        screens=[Screen("member", setup=own_profile_filled)],
    ),
    SitePage(
        "members:withdraw_consent",
        members_only(),
        payload=sends({}),
        screens=[Screen("member", setup=own_profile_filled)],
    ),
    SitePage(
        "members:directory",
        members_only(),
        screens=[
            Screen("member", "empty"),
            Screen("member", "filled", setup=other_members, proof=".card"),
            Screen(
                "organizer",
                "mfa-not-passed",
                setup=other_members,
                arrive=arrive_without_mfa_passed,
                proof=HIDDEN_FROM_ORGANIZER,
            ),
        ],
    ),
    SitePage(
        "members:member_profile",
        members_only(),
        setup=member_profiles,
        screens=[
            Screen("member", setup=member_profiles),
            Screen(
                "organizer",
                "mfa-not-passed",
                setup=member_profiles,
                arrive=arrive_without_mfa_passed,
                proof=HIDDEN_FROM_ORGANIZER,
            ),
        ],
    ),
    SitePage(
        "members:public_profile",
        everyone(NOT_FOUND),
        setup=member_profiles,
        screens=[Screen(setup=public_profile)],
    ),
    # Membership: your data, messages and reports
    SitePage(
        "members:my_data", anyone_signed_in(), screens=[Screen("member", setup=own_profile_filled)]
    ),
    SitePage(
        "members:delete_account",
        anyone_signed_in(),
        post={},
        payload=_own_address,
        screens=[
            Screen("member"),
            Screen(
                "member",
                "done",
                act=confirm_account_deletion,
                proof="h1:has-text('Your account is deleted')",
            ),
            Screen(
                "member", "error", act=submit(confirm_email="someone-else@example.org"), proof=ERROR
            ),
            # Auto spaces (issue 14): what happens to your posts, leaving them by default.
            Screen("member", "posts-choice", proof="input[value='leave']:checked"),
        ],
    ),
    SitePage(
        "conversations:contact",
        members_only(),
        setup=member_profiles,
        post={},
        payload=sends({"body": "Hello, and welcome."}),
        screens=[
            Screen("member", setup=member_profiles),
            Screen("member", "error", setup=member_profiles, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:report_member",
        members_only(),
        setup=member_profiles,
        post={},
        payload=sends({"reason": "Rude messages."}),
        screens=[
            Screen("member", setup=member_profiles),
            Screen("member", "error", setup=member_profiles, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:inbox",
        members_only(redirect_to("/conversations/direct/")),
        not_a_page="the old address of the messages; redirects to conversations:direct_list",
    ),
    SitePage(
        "conversations:message",
        {**anyone_signed_in(NOT_FOUND), "member": redirect_to("/conversations/threads/")},
        setup=a_message_between_others,
        insiders=("member",),
        let_in=receive_message,
        not_a_page="the old address of a message (in e-mails); redirects to its post on the "
        "thread page",
    ),
    SitePage(
        "conversations:report_message",
        {**anyone_signed_in(NOT_FOUND), "member": redirect_to("/conversations/posts/")},
        setup=a_message_between_others,
        insiders=("member",),
        let_in=receive_message,
        not_a_page="the old address of reporting a message; redirects to "
        "conversations:post_report for its post",
    ),
    # direct: conversations between two or more members.
    SitePage(
        "conversations:direct_list",
        members_only(),
        screens=[Screen("member", "empty"), Screen("member", "filled", setup=messages_both_ways)],
    ),
    SitePage(
        "conversations:direct_new",
        members_only(),
        post={},
        payload=someone_to_write_to,
        screens=[
            Screen("member", setup=members_to_choose),
            Screen("member", "error", setup=members_to_choose, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:direct_add",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_direct_conversation_between_others,
        post={},
        payload=someone_to_add,
        insiders=("member",),
        let_in=join_thread,
        screens=[
            Screen("member", setup=a_conversation_with_me),
            Screen("member", "error", setup=a_conversation_with_me, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:report_queue",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=reports, proof="table"),
        ],
    ),
    # mail-out: how often conversations e-mail you, and the link every such e-mail carries
    # to stop them (public: a mail program posts to it without cookies).
    SitePage(
        "conversations:email_choice",
        members_only(),
        post={},
        payload=sends({"rhythm": "weekly"}),
        screens=[
            Screen("member"),
            Screen("member", "error", act=tamper_radio("rhythm"), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:unsubscribe",
        everyone(),
        setup=an_unsubscribe_link,
        post={},
        screens=[
            Screen(setup=an_unsubscribe_link),
            Screen(
                state="done",
                setup=an_unsubscribe_link,
                act=submit(),
                proof="h1:has-text('any more')",
            ),
            Screen(state="already", setup=a_used_unsubscribe_link),
            Screen(state="broken", setup=lambda viewer: {"token": "not-a-link"}, status=404),
        ],
    ),
    SitePage(
        "conversations:report_detail",
        only("organizer"),
        setup=a_report,
        post={},
        payload=sends({"action": "note", "text": "Called them."}),
        screens=[
            Screen("organizer", setup=a_report),
            Screen(
                "organizer",
                "error",
                setup=a_report,
                act=submit("button:has-text('Close and tell the reporter')"),
                proof=ERROR,
            ),
        ],
    ),
    # Moderation of conversations (issue 14).
    # Any post, in a space or a direct conversation. The matrix asks about a direct post,
    # the narrower case: only those in the conversation may report it (a post in a space:
    # tests/conversations/test_moderation.py).
    SitePage(
        "conversations:post_report",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_direct_post_between_others,
        post={},
        payload=sends({"reason": "Rude about someone's illness."}),
        insiders=("member",),
        let_in=join_post_thread,
        screens=[
            Screen("member", setup=a_post_in_general),
            Screen("member", "error", setup=a_post_in_general, act=submit(), proof=ERROR),
            Screen("member", "direct", setup=a_message_to_me),
        ],
    ),
    SitePage(
        "conversations:post_moderate",
        only("organizer"),
        setup=a_post_in_general,
        payload=sends({"action": "hide", "reason": "Checking a report."}),
        screens=[
            Screen("organizer", setup=a_post_in_general),
            Screen("organizer", "held", setup=a_held_post),
            Screen("organizer", "error", setup=a_post_in_general, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:thread_moderate",
        only("organizer"),
        setup=a_thread_in_general,
        payload=sends({"action": "pin"}),
        screens=[
            Screen("organizer", setup=a_thread_in_general),
            Screen("organizer", "error", setup=a_thread_in_general, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:held_queue",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=posts_to_review, proof="main ul"),
        ],
    ),
    # Gatherings: listed publicly (the meeting link stays members-only), managed by organizers.
    SitePage(
        "events:list",
        everyone(),
        screens=[
            Screen(state="empty"),
            Screen(state="filled", setup=gatherings, proof=".card"),
            Screen("member", "filled", setup=gatherings, proof=".card"),
        ],
    ),
    # Accommodations
    SitePage(
        "events:detail",
        everyone(),
        setup=a_gathering,
        screens=[
            Screen(setup=a_gathering),
            Screen("member", setup=a_gathering, proof="form"),
            Screen("member", "with-resources", setup=a_gathering_with_resources),
            Screen("member", "past", setup=a_past_gathering, proof="#resources-title"),
            Screen(
                "member", "with-feed", setup=a_calendar_feed_and_gathering, proof="#feed-address"
            ),
            Screen("organizer", "with-requests", setup=a_gathering_with_requests),
            # Auto spaces (issue 14): the link to the gathering's own thread.
            Screen("member", "talk", setup=a_gathering, proof="#gathering-talk"),
        ],
    ),
    # Answering from an e-mail: the signed link is the proof, so it works signed out.
    SitePage(
        "events:answer_link",
        everyone(),
        setup=an_answer_link,
        post={},
        screens=[
            Screen(setup=an_answer_link, proof="main form button"),
            Screen(state="broken", setup=a_broken_answer_link, status=400),
        ],
    ),
    SitePage(
        "events:calendar",
        members_only(),
        post={},
        payload=sends({}),
        screens=[
            Screen("member", "empty"),
            Screen("member", "filled", setup=a_calendar_feed, proof="#feed-address"),
        ],
    ),
    SitePage(
        "events:manage",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=gatherings, proof="table"),
        ],
    ),
    SitePage(
        "events:series_new",
        only("organizer"),
        post={},
        payload=sends(
            {
                "title": "Monthly gathering",
                "week_of_month": "2",
                "weekday": "1",
                "start_time": "19:00",
                "time_zone": "America/New_York",
                "duration_minutes": "90",
                "visibility": "public",
                "months": "3",
            }
        ),
        screens=[Screen("organizer"), Screen("organizer", "error", act=submit(), proof=ERROR)],
    ),
    SitePage(
        "events:new",
        only("organizer"),
        post={},
        payload=_event_form("New gathering"),
        screens=[
            Screen("organizer"),
            Screen(
                "organizer",
                "error",
                act=submit("button:has-text('Save gathering')"),
                proof=ERROR,
            ),
            Screen(
                "organizer",
                "time-checked",
                act=submit("button:has-text('Check the time')", starts_local="2027-01-12T19:00"),
                proof="#start-in-words strong",
            ),
            Screen(
                "organizer",
                "speaker-added",
                act=add_a_speaker_row,
                proof="[name=speakers-1-name]",
            ),
            Screen(
                "organizer",
                "copy",
                setup=a_past_gathering_to_copy,
                arrive=open_a_copy,
                proof="[name=speakers-0-name][value='Dr. Jordan Reyes']",
            ),
        ],
    ),
    SitePage(
        "events:edit",
        only("organizer"),
        setup=a_gathering,
        post={},
        payload=_event_form("Renamed gathering"),
        screens=[
            Screen("organizer", setup=a_gathering),
            Screen(
                "organizer",
                "two-speakers",
                setup=a_gathering_with_two_speakers,
                proof="[name=speakers-1-name]",
            ),
            Screen(
                "organizer",
                "error",
                setup=a_gathering_with_two_speakers,
                act=submit("button:has-text('Save gathering')", **{"speakers-1-name": ""}),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "events:resources",
        only("organizer"),
        setup=a_gathering,
        post={},
        payload=sends(
            {
                "kind": "link",
                "title": "Slides",
                "url": "https://example.org/slides",
                "audience": "members",
            }
        ),
        screens=[
            Screen("organizer", setup=a_gathering_with_resources),
            Screen(
                "organizer",
                "error",
                setup=a_gathering,
                act=submit("button:has-text('Add resource')"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "events:programme",
        {**only("organizer"), "organizer": redirect_to("/manage/events/")},
        setup=a_gathering,
        not_a_page="the old address of a gathering's speakers and agenda; "
        "redirects to events:edit, where they are now",
    ),
    SitePage(
        "events:attendees",
        only("organizer"),
        setup=a_gathering,
        screens=[
            Screen("organizer", "empty", setup=a_gathering),
            Screen("organizer", "filled", setup=a_gathering_with_answers, proof="table"),
            Screen("organizer", "support", setup=a_gathering_to_check, proof=".support-counts"),
        ],
    ),
    # Breakout rooms
    SitePage(
        "circles:breakouts",
        only("organizer"),
        setup=a_gathering_with_rooms,
        post={},
        payload=sends({"action": "add", "name": "Residency"}),
        screens=[
            Screen("organizer", "empty", setup=a_gathering),
            Screen("organizer", "filled", setup=rooms_with_people, proof="table"),
            Screen(
                "organizer",
                "moved",
                setup=rooms_with_people,
                act=submit("button:has-text('Move Attendee 0 (Exams)')"),
                proof="caption:has-text('Disclosure')",
            ),
            Screen(
                "organizer",
                "error",
                setup=a_gathering,
                act=submit("button:has-text('Add room')"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "circles:choose",
        members_only(),
        setup=a_gathering_with_rooms,
        post={},
        payload=_first_room,
        screens=[Screen("member", setup=a_gathering_with_rooms)],
    ),
    # Circles: matching rounds
    # Circles: members join rounds; a circle is seen only by its own members (the member
    # role is put in it; everyone else, members included, gets 404); organizers match.
    SitePage(
        "circles:mine",
        members_only(),
        screens=[
            Screen("member", "empty"),
            Screen(
                "member",
                "filled",
                setup=an_open_round_and_my_circle,
                proof="a:has-text('See your circle')",
            ),
        ],
    ),
    SitePage(
        "circles:join",
        members_only(),
        setup=an_open_round,
        post={},
        payload=sends(
            {
                "availability_1": ["evening"],
                "time_zone": "America/New_York",
                "profession_preference": "mixed",
            }
        ),
        screens=[
            Screen("member", setup=an_open_round),
            Screen(
                "member",
                "joined",
                setup=a_joined_round,
                proof="a:has-text('Leave Winter circles')",
            ),
            Screen(
                "member",
                "choosing",
                setup=an_open_round_and_people,
                act=submit("button:has-text('Find people')", avoid_search="Example"),
                proof="input[name=avoid_add]",
            ),
            Screen(
                "member",
                "error",
                setup=an_open_round,
                act=submit("button:has-text('Find people')", avoid_search="Nobody Called This"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "circles:leave",
        {**members_only(redirect_to("/circles/")), "member": OK},
        setup=an_open_round,
        post={},
        payload=sends({}),
        insiders=("member",),
        let_in=enter_round,
        screens=[Screen("member", setup=a_joined_round)],
    ),
    SitePage(
        "circles:preferences",
        members_only(),
        post={},
        payload=sends({"profession_preference": "similar"}),
        screens=[
            Screen("member", "filled", setup=my_matching_preferences),
            Screen(
                "member",
                "error",
                setup=my_matching_preferences,
                act=submit("button:has-text('Find people')", avoid_search="Nobody Called This"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "circles:circle",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_circle_of_others,
        post={},
        payload=sends({"action": "add-note", "text": "See you on Tuesday."}),
        insiders=("member",),
        let_in=join_circle,
        screens=[
            Screen("member", setup=my_circle, proof="a:has-text('Check in (one minute)')"),
            # Auto spaces (issue 14): the link to the circle's own conversations.
            Screen("member", "conversations", setup=my_circle, proof="#circle-conversations"),
            Screen(
                "member",
                "error",
                setup=my_circle,
                act=submit("button:has-text('Add note')"),
                proof=ERROR,
            ),
            Screen(
                "organizer",
                "mfa-not-passed",
                setup=my_circle,
                arrive=arrive_without_mfa_passed,
                proof=HIDDEN_FROM_ORGANIZER,
            ),
        ],
    ),
    SitePage(
        "circles:rename",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_circle_of_others,
        post={},
        payload=sends({"name": "Night owls"}),
        insiders=("member",),
        let_in=join_circle,
        screens=[
            Screen("member", setup=my_circle),
            Screen("member", "error", setup=my_circle, act=submit(name=""), proof=ERROR),
        ],
    ),
    SitePage(
        "circles:meeting",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_circle_of_others,
        post={},
        payload=_next_meeting,
        insiders=("member",),
        let_in=join_circle,
        screens=[
            Screen("member", setup=my_circle),
            Screen(
                "member",
                "error",
                setup=my_circle,
                act=submit(starts_local="", link="http://meet.example.org/circle"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "circles:check_in",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_circle_of_others,
        post={},
        payload=sends({"rating": "4", "comment": ""}),
        insiders=("member",),
        let_in=join_circle,
        screens=[
            Screen("member", setup=my_circle),
            Screen("member", "error", setup=my_circle, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "circles:rounds",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=rounds_listed, proof="table"),
        ],
    ),
    SitePage(
        "circles:round_new",
        only("organizer"),
        post={},
        payload=_round_form,
        screens=[Screen("organizer"), Screen("organizer", "error", act=submit(), proof=ERROR)],
    ),
    SitePage(
        "circles:round",
        only("organizer"),
        setup=a_draft,
        post={},
        payload=sends({"action": "run"}),
        screens=[
            Screen("organizer", "draft", setup=a_draft, proof=".notice--warning"),
            Screen(
                "organizer",
                "moved",
                setup=a_draft,
                act=_tick_and_press(
                    ["Member H", "Member I"], "Move ticked people", to="Circle 2 (3 people)"
                ),
                proof="#draft-live.notice--success",
            ),
            Screen(
                "organizer",
                "new-circle",
                setup=a_draft,
                act=_tick_and_press(
                    ["Member J", "Member K"],
                    "Start a new circle with the ticked people",
                    name="Night owls",
                ),
                proof="h3:has-text('Night owls')",
            ),
            Screen(
                "organizer",
                "change-refused",
                setup=a_draft,
                act=_tick_and_press([], "Move ticked people"),
                proof="#draft-live.notice--error",
            ),
            Screen(
                "organizer",
                "not-placed",
                setup=a_draft_with_people_left_out,
                proof="li:has-text('would let them join')",
            ),
            Screen("organizer", "running", setup=a_round_being_matched, proof="progress"),
            Screen("organizer", "run slow", setup=a_run_taking_too_long, proof=".notice--warning"),
            Screen(
                "organizer",
                "published",
                setup=a_published_round,
                proof="a:has-text('How the circles are going')",
            ),
        ],
    ),
    SitePage(
        "circles:round_edit",
        only("organizer"),
        setup=a_draft,
        post={},
        payload=_round_form,
        screens=[Screen("organizer", setup=a_draft)],
    ),
    *(
        SitePage(
            f"circles:{name}",
            {**only("organizer"), "organizer": 405},
            setup=a_draft,
            payload=payload,
            post_answers=only("organizer"),
            not_a_page=f"POST only: {what} on a round's draft, then redirects to the draft",
        )
        for name, payload, what in [
            ("draft_move", _draft_move, "moves the people ticked"),
            ("draft_swap", _draft_swap, "swaps the two people ticked"),
            ("draft_new_circle", _draft_new_circle, "starts a circle of the people ticked"),
            ("draft_lock", _lock_circle, "locks or unlocks a circle"),
        ]
    ),
    SitePage(
        "circles:round_health",
        only("organizer"),
        setup=a_draft,
        screens=[
            Screen("organizer", setup=a_published_round, proof="h2:has-text('Comments shared')")
        ],
    ),
    SitePage(
        "circles:round_close_signup",
        only("organizer"),
        setup=a_draft_while_signup_is_open,
        post={},
        payload=sends({}),
        screens=[Screen("organizer", setup=a_draft_while_signup_is_open)],
    ),
    SitePage(
        "circles:round_publish",
        only("organizer"),
        setup=a_draft_ready_to_publish,
        post={},
        payload=sends({}),
        screens=[
            Screen(
                "organizer",
                "ready",
                setup=a_draft_ready_to_publish,
                proof="main button.button--large",
            ),
            Screen(
                "organizer",
                "sign-up open",
                setup=a_draft_while_signup_is_open,
                proof="a:has-text('Close sign-up now')",
            ),
        ],
    ),
    SitePage(
        "circles:round_change",
        only("organizer"),
        setup=a_published_round,
        post={},
        payload=_published_move,
        screens=[
            Screen("organizer", "choose", setup=a_published_round, proof="select[name=member]"),
            Screen("organizer", "error", setup=a_published_round, act=submit(), proof=ERROR),
            Screen(
                "organizer",
                "confirm",
                setup=a_published_round,
                act=choose_change("Member A (Circle 1)", "Circle 2"),
                proof="h1:has-text('Move Member A to Circle 2?')",
            ),
        ],
    ),
    # Accommodations: members ask; coordinators (and admins) work the queue.
    SitePage(
        "accommodations:for_event",
        members_only(),
        setup=a_gathering_with_kinds,
        post={},
        payload=lambda kwargs, sender: {"kinds": [_asl_pk()]},
        screens=[
            Screen("member", setup=a_gathering_with_kinds),
            Screen("member", "filled", setup=my_requests, proof="table"),
            Screen("member", "question", setup=a_question_to_me, proof="#questions-title"),
            Screen(
                "member",
                "question-error",
                setup=a_question_to_me,
                act=send_an_empty_answer,
                proof=ERROR,
            ),
            Screen(
                "member",
                "error",
                setup=a_gathering_with_kinds,
                act=choose_something_else,
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "accommodations:for_event_by_link",
        everyone(),
        setup=an_answer_link,
        post={},
        screens=[
            Screen(setup=an_answer_link, proof="main form input[type=checkbox]"),
            Screen(state="broken", setup=a_broken_answer_link, status=400),
        ],
    ),
    SitePage(
        "accommodations:standing_needs",
        members_only(),
        setup=with_kinds,
        post={},
        payload=lambda kwargs, sender: {"kinds": [_asl_pk()], "details": ""},
        screens=[Screen("member", setup=with_kinds)],
    ),
    SitePage(
        "accommodations:queue",
        only("coordinator", "admin"),
        screens=[
            Screen("coordinator", "empty"),
            Screen("coordinator", "filled", setup=requests_in_the_queue, proof="table"),
        ],
    ),
    SitePage(
        "accommodations:detail",
        only("coordinator", "admin"),
        setup=a_request,
        post={},
        payload=sends({"status": "arranging", "provider_notes": "Booked.", "owner": ""}),
        screens=[
            Screen("coordinator", setup=a_request),
            Screen("coordinator", "error", setup=a_request, act=refuse_without_reason, proof=ERROR),
            Screen("coordinator", "history", setup=a_request_with_history, proof="#history-title"),
            Screen(
                "coordinator",
                "question-error",
                setup=a_request,
                act=submit("button:has-text('Ask the member')"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "accommodations:event_summary",
        only("coordinator", "admin"),
        setup=a_gathering_to_check,
        post={},
        payload=confirm_the_waiting_request,
        screens=[
            Screen("coordinator", "empty", setup=a_gathering_with_kinds),
            Screen("coordinator", "filled", setup=a_gathering_with_requests, proof="table"),
            Screen("coordinator", "check-list", setup=a_gathering_to_check, proof=".checklist"),
        ],
    ),
    SitePage(
        "accommodations:record",
        only("coordinator", "admin"),
        setup=a_coming_gathering_and_a_member,
        post={},
        payload=_record_form,
        screens=[
            Screen("coordinator", setup=a_coming_gathering),
            Screen(
                "coordinator",
                "error",
                setup=a_coming_gathering,
                act=submit("button:has-text('Record the request')"),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "accommodations:kinds",
        only("organizer"),
        screens=[Screen("organizer", "filled", setup=with_kinds, proof="table")],
    ),
    SitePage(
        "accommodations:kind_new",
        only("organizer"),
        post={},
        payload=sends(
            {"label": "Tactile interpreting", "lead_days": "21", "order": "5", "is_active": "on"}
        ),
        screens=[
            Screen("organizer"),
            Screen("organizer", "error", act=submit("button:has-text('Save')"), proof=ERROR),
        ],
    ),
    SitePage(
        "accommodations:kind_edit",
        only("organizer"),
        setup=a_kind,
        post={},
        payload=sends(
            {"label": "Rest breaks", "lead_days": "3", "order": "100", "is_active": "on"}
        ),
        screens=[Screen("organizer", setup=a_kind)],
    ),
    # Django's admin (admins only); see ADMIN_TEMPLATES for the pages sharing these templates.
    # Django's admin: admins only; its many URLs share one gate (tested on these).
    SitePage(
        "admin:index",
        {**ADMIN_ONLY, "anonymous": LOGIN, "suspended": LOGIN},
        screens=[Screen("admin")],
    ),
    SitePage(
        "admin:app_list",
        None,
        screens=[Screen("admin", setup=lambda viewer: {"app_label": "accounts"})],
    ),
    SitePage(
        "admin:accounts_user_changelist",
        {**ADMIN_ONLY, "anonymous": LOGIN, "suspended": LOGIN},
        screens=[Screen("admin", proof="#result_list")],
    ),
    SitePage(
        "admin:accounts_user_change",
        None,
        screens=[
            Screen("admin", setup=another_person),
            Screen(
                "admin",
                "error",
                setup=another_person,
                act=submit("input[name=_save]", email="not an address"),
                proof=".errornote",
            ),
        ],
    ),
    # Nobody holds a delete permission, so delete pages answer with the site's 403 page.
    SitePage(
        "admin:accounts_user_delete",
        None,
        screens=[Screen("admin", "forbidden", setup=another_person, status=403)],
    ),
    SitePage("admin:accounts_user_history", None, screens=[Screen("admin", setup=another_person)]),
    SitePage("admin:password_change", None, screens=[Screen("admin")]),
    SitePage("admin:password_change_done", None, screens=[Screen("admin")]),
    SitePage(
        "pages:image",
        everyone(NOT_FOUND),
        setup=a_missing_image,
        not_a_page="serves an uploaded image file (shown on pages:images[organizer-filled])",
    ),
    SitePage(
        "account_confirm_login_code",
        {
            **everyone(redirect_to("/home/")),
            **dict.fromkeys(["coordinator", "organizer", "admin"], redirect_to("/manage/")),
            "anonymous": LOGIN,
            "suspended": LOGIN,
        },
        not_a_page="sign-in by e-mailed code is switched off "
        "(ACCOUNT_LOGIN_BY_CODE_ENABLED); without a pending code it redirects to sign in",
    ),
    SitePage(
        "mfa_login_webauthn",
        {
            **everyone(redirect_to("/home/")),
            **dict.fromkeys(["coordinator", "organizer", "admin"], redirect_to("/manage/")),
            "anonymous": LOGIN,
            "suspended": LOGIN,
        },
        not_a_page="the passkey sign-in endpoint the sign-in page's script POSTs to; "
        "a plain GET redirects to sign in",
    ),
    SitePage(
        "mfa_reauthenticate_webauthn",
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
        not_a_page="confirming it's you with a security key needs a real "
        "registered credential; it shares account/base_reauthenticate.html with "
        "account_reauthenticate and mfa_reauthenticate",
    ),
    SitePage(
        "mfa_download_recovery_codes",
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        },
        not_a_page="downloads the recovery codes as a text file",
    ),
    SitePage(
        "conversations:block",
        anyone_signed_in(405),
        setup=member_profiles,
        payload=sends({"block": "1"}),
        post_answers=members_only(),
        not_a_page="POST only: blocks or unblocks a member, then redirects to their profile",
    ),
    # Mail-in.
    SitePage(
        "conversations:inbound_mail",
        everyone(NOT_FOUND),
        not_a_page="where a mail service POSTs replies by e-mail, with a shared secret; "
        "without the secret setting (as in the tests) the address doesn't exist",
    ),
    SitePage(
        "members:my_data_json",
        anyone_signed_in(),
        not_a_page="downloads the member's data as a JSON file",
    ),
    SitePage(
        "members:photo",
        everyone(NOT_FOUND),
        setup=member_profiles,
        not_a_page="serves a member's photo file",
    ),
    SitePage(
        "conversations:post_image",
        members_only(),
        setup=a_post_image,
        not_a_page="serves a picture in a post, to those who may read the post",
    ),
    SitePage(
        "events:ics",
        everyone(),
        setup=a_gathering,
        not_a_page="downloads one gathering as an .ics calendar file",
    ),
    SitePage(
        "events:public_feed",
        everyone(),
        not_a_page="the calendar feed of public gatherings (text/calendar)",
    ),
    SitePage(
        "events:private_feed",
        everyone(NOT_FOUND),
        setup=lambda viewer: {"token": "not-a-token"},
        not_a_page="a member's own calendar feed (text/calendar)",
    ),
    SitePage(
        "events:rsvp",
        anyone_signed_in(405),
        setup=a_gathering,
        payload=sends({"answer": "going"}),
        post_answers=members_only(),
        not_a_page="POST only: saves an answer, then redirects to the gathering",
    ),
    SitePage(
        "events:resource_file",
        everyone(NOT_FOUND),
        setup=a_linked_resource,
        not_a_page="downloads a gathering's slides or other file",
    ),
    SitePage(
        "events:attendees_csv",
        only("organizer"),
        setup=a_gathering,
        not_a_page="downloads the attendee list as CSV",
    ),
    SitePage(
        "events:speaker_photo",
        everyone(NOT_FOUND),
        setup=a_speaker_without_photo,
        not_a_page="serves a guest speaker's photo (shown on events:detail)",
    ),
    SitePage(
        "circles:zoom_file",
        only("organizer"),
        setup=a_gathering_with_rooms,
        not_a_page="downloads Zoom's breakout-room pre-assignment file (CSV)",
    ),
    # Post actions (issue 14).
    SitePage(
        "conversations:new_since",
        members_only(),
        screens=[Screen("member", "empty"), Screen("member", "filled", setup=new_posts)],
    ),
    SitePage(
        "conversations:bookmarks",
        members_only(),
        screens=[Screen("member", "empty"), Screen("member", "filled", setup=my_bookmarks)],
    ),
    SitePage(
        "conversations:post_edit",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_post_of_others,
        post={},
        payload=sends({"body": "I asked for a quiet room.", "content_note": ""}),
        insiders=("member",),
        let_in=make_author,
        screens=[
            Screen("member", setup=my_post),
            Screen(
                "member",
                "error",
                setup=my_post,
                act=submit("button:has-text('Save changes')", body=""),
                proof=ERROR,
            ),
        ],
    ),
    SitePage(
        "conversations:post_delete",
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        setup=a_post_of_others,
        post={},
        payload=sends({}),
        insiders=("member",),
        let_in=make_author,
        screens=[Screen("member", setup=my_post, proof="h1:has-text('Delete your post')")],
    ),
    SitePage(
        "conversations:post_history",
        only("organizer"),
        setup=an_edited_post,
        screens=[Screen("organizer", setup=an_edited_post, proof="ol")],
    ),
    SitePage(
        "conversations:post_reactions",
        members_only(),
        setup=a_post_of_others,
        screens=[
            Screen("member", "empty", setup=a_post_of_others),
            Screen("member", "filled", setup=a_post_with_reactions, proof="h2"),
        ],
    ),
    SitePage(
        "conversations:post_react",
        anyone_signed_in(405),
        setup=a_post_of_others,
        payload=sends({"kind": "thanks"}),
        post_answers=members_only(),
        not_a_page="POST only: adds or takes back a reaction, then goes back to the post",
    ),
    SitePage(
        "conversations:post_bookmark",
        anyone_signed_in(405),
        setup=a_post_of_others,
        payload=sends({"bookmark": "1"}),
        post_answers=members_only(),
        not_a_page="POST only: bookmarks a post or removes the bookmark, then goes back",
    ),
    SitePage(
        "conversations:thread_follow",
        anyone_signed_in(405),
        setup=a_thread,
        payload=sends({"level": "follow"}),
        post_answers=members_only(),
        not_a_page="POST only: follows or mutes a thread, then goes back to it",
    ),
    SitePage(
        "conversations:space_follow",
        anyone_signed_in(405),
        setup=a_space_to_follow,
        payload=sends({"level": "follow"}),
        post_answers=members_only(),
        not_a_page="POST only: follows or mutes a space, then goes back to it",
    ),
    SitePage(
        "admin:login",
        None,
        not_a_page="redirects to the site's sign-in page (secure_admin_login in config/urls.py)",
    ),
    SitePage("admin:logout", None, not_a_page="POST only: signs out and redirects"),
    SitePage("admin:jsi18n", None, not_a_page="the admin's JavaScript translation catalogue"),
    SitePage("admin:autocomplete", None, not_a_page="JSON for the admin's autocomplete widgets"),
    SitePage("admin:view_on_site", None, not_a_page="redirects to the object's page on the site"),
]

# forum: the conversation pages (spaces, threads, posts) and organizers' topic spaces.


def a_space(viewer: User | None) -> URLKwargs:
    """A space for all members and allies, with no threads yet."""
    space = Space.objects.filter(slug="general").first() or make_space(
        name="General", slug="general", description="Anything about the programme."
    )
    return {"slug": space.slug}


def _writer(name: str) -> User:
    writer = make_user(name=name)
    profile_ensure(user=writer)
    Profile.objects.filter(user=writer).update(display_name=name)
    return writer


def a_thread_with_posts(viewer: User | None) -> URLKwargs:
    """A thread of three posts by two other members, one a quoted reply with a content
    note; the viewer has read none of them."""
    space = Space.objects.get(slug=a_space(viewer)["slug"])
    ana, ben = _writer("Ana Ruiz"), _writer("Ben Ode")
    thread = thread_start(
        space=space,
        author=ana,
        title="Asking for a rest room on call",
        body="Has anyone asked for a room to lie down during long on-call shifts?",
    )
    first = thread.posts.get()
    post_add(
        thread=thread,
        author=ben,
        body="Ana Ruiz wrote:\n\n> Has anyone asked?\n\nYes, through occupational health.",
        reply_to=first,
    )
    post_add(
        thread=thread,
        author=ana,
        body="It took a long time and I was unwell meanwhile.",
        content_note="a hospital stay",
    )
    return {"pk": thread.pk}


def spaces_with_threads(viewer: User | None) -> URLKwargs:
    a_thread_with_posts(viewer)
    _space_named("Off topic", "off-topic", description="Books, pets and rest.")
    return {}


def a_space_with_threads(viewer: User | None) -> URLKwargs:
    a_thread_with_posts(viewer)
    return a_space(viewer)


def a_post(viewer: User | None) -> URLKwargs:
    thread = Thread.objects.get(pk=a_thread_with_posts(viewer)["pk"])
    return {"pk": thread.posts.order_by("pk").last().pk}  # type: ignore[union-attr]


def a_topic_space(viewer: User | None) -> URLKwargs:
    return {"pk": Space.objects.get(slug=a_space(viewer)["slug"]).pk}


PAGES += [
    SitePage(
        "conversations:spaces",
        members_only(),
        screens=[
            Screen("member", "empty"),
            Screen("member", "filled", setup=spaces_with_threads, proof=".space-list"),
            Screen("organizer", "filled", setup=spaces_with_threads, proof=".space-list"),
        ],
    ),
    SitePage(
        "conversations:space",
        members_only(),
        setup=a_space,
        screens=[
            Screen("member", "empty", setup=a_space),
            Screen("member", "filled", setup=a_space_with_threads, proof=".thread-list"),
            Screen("organizer", "filled", setup=a_space_with_threads, proof=".thread-list"),
        ],
    ),
    SitePage(
        "conversations:thread_new",
        members_only(),
        setup=a_space,
        post={},
        payload=sends({"title": "Night shifts", "body": "How do you rest?"}),
        screens=[
            Screen("member", setup=a_space),
            Screen("member", "error", setup=a_space, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:thread",
        members_only(),
        setup=a_thread_with_posts,
        screens=[
            Screen("member", "filled", setup=a_thread_with_posts, proof="article"),
            Screen("organizer", "filled", setup=a_thread_with_posts, proof="article"),
        ],
    ),
    SitePage(
        "conversations:reply",
        members_only(),
        setup=a_thread_with_posts,
        post={},
        payload=sends({"body": "Thank you, that helps."}),
        screens=[
            Screen("member", setup=a_thread_with_posts),
            Screen("member", "error", setup=a_thread_with_posts, act=submit(), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:thread_after",
        members_only(),
        setup=a_thread_with_posts,
        not_a_page="the posts after a given one, for an open thread page to add (a fragment)",
    ),
    SitePage(
        "conversations:thread_names",
        members_only(),
        setup=a_thread_with_posts,
        not_a_page="JSON: names to mention while writing in a thread",
    ),
    SitePage(
        "conversations:space_names",
        members_only(),
        setup=a_space,
        not_a_page="JSON: names to mention while starting a thread in a space",
    ),
    SitePage(
        "conversations:post",
        members_only(redirect_to("/conversations/threads/")),
        setup=a_post,
        not_a_page="redirects to the post on its page of its thread",
    ),
    SitePage(
        "conversations:space_manage_list",
        only("organizer"),
        screens=[
            Screen("organizer", "empty"),
            Screen("organizer", "filled", setup=spaces_with_threads, proof="table"),
        ],
    ),
    SitePage(
        "conversations:space_add",
        only("organizer"),
        post={},
        payload=sends(
            {"name": "Parents", "slug": "parents", "audience": "everyone", "position": "5"}
        ),
        screens=[
            Screen("organizer"),
            Screen("organizer", "error", act=submit("button:has-text('Save')"), proof=ERROR),
        ],
    ),
    SitePage(
        "conversations:space_edit",
        only("organizer"),
        setup=a_topic_space,
        post={},
        payload=sends(
            {"name": "General", "slug": "general", "audience": "members", "position": "1"}
        ),
        screens=[Screen("organizer", setup=a_topic_space)],
    ),
]

if settings.DEMO_MODE:
    PAGES += [
        SitePage(
            "demo:mail_list",
            everyone(),
            screens=[
                Screen(state="empty"),
                Screen(state="filled", setup=demo_emails, proof="table"),
            ],
        ),
        SitePage(
            "demo:mail_detail", everyone(), setup=demo_email, screens=[Screen(setup=demo_email)]
        ),
    ]

PAGE_BY_NAME: dict[str, SitePage] = {page.url_name: page for page in PAGES}

# Every screen of every page, for the browser tests.
SCREENS: list[Screen] = [
    replace(screen, url_name=page.url_name) for page in PAGES for screen in page.screens
]

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
