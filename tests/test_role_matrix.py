"""Every URL, as every role: who gets the page, who is sent to sign in, who gets a 404.

A URL pattern without a row here fails the suite, so a new page can't skip the matrix.
Each row gives the expected answer per role; shorthands build the common shapes. Pages
only some people may see (their own circle) name the roles let in, and how.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutRoom, Circle, CircleMembership, MatchingRound
from dm3p.core.models import DemoEmail
from dm3p.events.models import Event, EventResource, Speaker
from dm3p.members.models import Application, Message, Report, Term
from dm3p.members.profile_fields import default_visibility
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import ROLES, make_page, make_user, user_for_role
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.events import make_event
from tests.helpers import Capture, database_state, signed_in, url_names

pytestmark = pytest.mark.clock(ORDINARY)

LOGIN = "login"  # a redirect to the sign-in page
OK = 200
NOT_FOUND = 404


def redirect_to(prefix: str) -> str:
    return f"redirect:{prefix}"


def everyone(answer: object = OK) -> dict[str, object]:
    return dict.fromkeys(ROLES, answer)


def anyone_signed_in(answer: object = OK) -> dict[str, object]:
    """Anyone signed in; visitors (and suspended people, whose sessions end) sign in first."""
    return {**everyone(answer), "anonymous": LOGIN, "suspended": LOGIN}


def only(*roles: str) -> dict[str, object]:
    """A staff page: the given roles see it, other signed-in people get 404."""
    return {**anyone_signed_in(NOT_FOUND), **dict.fromkeys(roles, OK)}


def members_only(answer: object = OK) -> dict[str, object]:
    """Approved members and allies (staff are members too); applicants get 404."""
    return {**anyone_signed_in(answer), "applicant": NOT_FOUND, "declined": NOT_FOUND}


@dataclass(frozen=True)
class Row:
    expected: dict[str, object]
    kwargs: Callable[[], dict[str, object]] = dict
    post: dict[str, object] | None = field(default=None)
    # The person in each of these roles is given their place in what the URL names (e.g.
    # put in the circle) by ``let_in`` before they ask; everyone else is an outsider.
    insiders: tuple[str, ...] = ()
    let_in: Callable[[User, dict[str, object]], None] | None = None
    # What someone allowed to act really sends (given the URL's kwargs and the sender), so a
    # refused role's post is proven to change nothing; see test_role_matrix_real_payload_*.
    payload: "Payload | None" = None
    # The answers to a POST where they differ from a GET's (URLs that only take POST).
    post_expected: dict[str, object] | None = None


Payload = Callable[[dict[str, object], User | None], dict[str, object]]


def sends(data: dict[str, object]) -> Payload:
    """A payload that is the same whoever sends it."""
    return lambda kwargs, sender: data


def _page_kwargs() -> dict[str, object]:
    return {"slug": make_page(slug="join").slug}


def _unpublished_kwargs() -> dict[str, object]:
    return {"slug": make_page(slug="draft", is_published=False).slug}


def _reset_key_kwargs() -> dict[str, object]:
    user = make_user()
    return {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}


def _confirm_key_kwargs() -> dict[str, object]:
    user = make_user()
    address = EmailAddress.objects.create(user=user, email="new@example.org", verified=False)
    return {"key": EmailConfirmationHMAC(address).key}


def _demo_mail_kwargs() -> dict[str, object]:
    email = DemoEmail.objects.create(to_addresses="a@example.org", subject="Hi", text_body="Hi")
    return {"pk": email.pk}


def _application_kwargs() -> dict[str, object]:
    applicant = make_user(membership_status="applicant")
    return {"pk": Application.objects.create(user=applicant, status="submitted").pk}


def _member_kwargs() -> dict[str, object]:
    return {"user_id": profile_ensure(user=make_user(name="Listed Member")).user_id}


def _message_kwargs() -> dict[str, object]:
    """A message between two other members."""
    sender, recipient = make_user(), make_user()
    return {"pk": Message.objects.create(sender=sender, recipient=recipient, body="Hi").pk}


def _report_kwargs() -> dict[str, object]:
    return {"pk": Report.objects.create(reporter=make_user(), about=make_user(), reason="x").pk}


def _event_kwargs() -> dict[str, object]:
    event = make_event(minutes=60, title="Gathering")
    return {"pk": event.pk}


def _linked_resource_kwargs() -> dict[str, object]:
    """A resource that is a link, not a file: there is nothing to download."""
    event = Event.objects.get(pk=_event_kwargs()["pk"])  # type: ignore[misc]
    resource = EventResource.objects.create(
        event=event, kind="link", title="Link", url="https://example.org/", audience="public"
    )
    return {"pk": event.pk, "resource_pk": resource.pk}


def _event_with_rooms_kwargs() -> dict[str, object]:
    kwargs = _event_kwargs()
    BreakoutRoom.objects.create(event_id=int(str(kwargs["pk"])), name="Exams")
    return kwargs


def _open_round_kwargs() -> dict[str, object]:
    return {"pk": make_round().pk}


def _draft_round_kwargs() -> dict[str, object]:
    """A round with two people in a draft circle."""
    round = make_round()
    people = [make_user(), make_user()]
    for person in people:
        make_entry(round, person)
    make_circle(round, people)
    return {"pk": round.pk}


def _published_circle_kwargs() -> dict[str, object]:
    """A published circle of two other members."""
    round = make_round()
    people = [make_user(), make_user()]
    for person in people:
        make_entry(round, person)
    circle = make_circle(round, people)
    publish(round)
    return {"pk": circle.pk}


def _join_circle(person: User, kwargs: dict[str, object]) -> None:
    """Put ``person`` in the circle the URL names."""
    circle = Circle.objects.select_related("round").get(pk=int(str(kwargs["pk"])))
    make_entry(circle.round, person)
    CircleMembership.objects.create(circle=circle, round=circle.round, member=person)


def _speaker_kwargs() -> dict[str, object]:
    """A speaker without a photo: nothing to serve."""
    event = Event.objects.get(pk=_event_kwargs()["pk"])  # type: ignore[misc]
    return {"pk": event.pk, "speaker_pk": Speaker.objects.create(event=event, name="S").pk}


def _request_kwargs() -> dict[str, object]:
    kind = AccommodationType.objects.create(label="ASL interpretation")
    event = make_event(minutes=60, title="Gathering")
    request = AccommodationRequest.objects.create(event=event, member=make_user(), kind=kind)
    return {"pk": request.pk}


def _term_kwargs() -> dict[str, object]:
    return {"pk": Term.objects.create(kind="stage", label="Fellow").pk}


def _image_kwargs() -> dict[str, object]:
    return {"pk": 999_999, "name": "missing.png"}


def _a_kind_kwargs() -> dict[str, object]:
    """A kind of support to ask for (the URL itself takes no arguments)."""
    AccommodationType.objects.get_or_create(label="ASL interpretation")
    return {}


def _event_with_a_kind_kwargs() -> dict[str, object]:
    return {**_event_kwargs(), **_a_kind_kwargs()}


def _record_kwargs() -> dict[str, object]:
    """A gathering, a kind of support and a member, for a request that came by e-mail."""
    _event_kwargs()
    if not User.objects.filter(email="by-email@example.org").exists():
        make_user(email="by-email@example.org")
    return _a_kind_kwargs()


def _submitted_kwargs() -> dict[str, object]:
    """An application waiting in the queue (the URL itself takes no arguments)."""
    _application_kwargs()
    return {}


def _receive_message(person: User, kwargs: dict[str, object]) -> None:
    """Make ``person`` the recipient of the message the URL names."""
    Message.objects.filter(pk=int(str(kwargs["pk"]))).update(recipient=person)


def _kind_pk() -> int:
    return AccommodationType.objects.order_by("pk").values_list("pk", flat=True)[0]


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


def _round_form(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    """The round's own dates under a new name (a new round if the URL names none)."""
    round = MatchingRound.objects.filter(pk=int(str(kwargs.get("pk", 0)))).first()
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


def _profile_form(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {
        "display_name": "A new name",
        "time_zone": "America/Chicago",
        **{f"visibility_{name}": audience for name, audience in default_visibility().items()},
    }


def _own_address(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {"confirm_email": sender.email if sender else "nobody@example.org"}


def _programme_form(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "0",
        "segments-0-title": "Welcome",
        "segments-0-kind": "large_group",
        "segments-0-minutes": "15",
        "segments-0-order": "0",
        "segments-0-event": str(kwargs["pk"]),
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
    }


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


def _image_upload(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    """A new file each time: an upload is read once."""
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    return {
        "image": SimpleUploadedFile("dot.png", png.getvalue(), content_type="image/png"),
        "alt_text": "A white square",
    }


def _record_form(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {
        "member_email": "by-email@example.org",
        "event": Event.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "kinds": [_kind_pk()],
    }


def _bulk_decision(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {"applications": [Application.objects.get().pk], "decision": "approve"}


def _first_room(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {"first": BreakoutRoom.objects.get(event_id=int(str(kwargs["pk"]))).pk}


def _lock_circle(kwargs: dict[str, object], sender: User | None) -> dict[str, object]:
    return {"action": "lock", "circle": Circle.objects.get(round_id=int(str(kwargs["pk"]))).pk}


ADMIN_ONLY = {
    **only("admin"),
    **dict.fromkeys(
        ["applicant", "declined", "member", "ally", "coordinator", "organizer"], NOT_FOUND
    ),
}

MATRIX: dict[str, Row] = {
    # Public pages.
    "pages:home": Row(everyone()),
    "pages:detail": Row(everyone(), _page_kwargs),
    "pages:image": Row(everyone(NOT_FOUND), _image_kwargs),
    "core:display": Row(
        everyone(),
        post={"theme": "dark", "text_size": "100", "font": "default", "motion": "system"},
    ),
    "demo:mail_list": Row(everyone()),
    "demo:mail_detail": Row(everyone(), _demo_mail_kwargs),
    # Signing in and out (allauth). Signed-in people are sent on from the sign-in page.
    "account_login": Row({**everyone(redirect_to("/account/")), "anonymous": OK, "suspended": OK}),
    "account_signup": Row({**everyone(redirect_to("/account/")), "anonymous": OK, "suspended": OK}),
    "account_logout": Row(
        {**anyone_signed_in(), "anonymous": redirect_to("/"), "suspended": redirect_to("/")}
    ),
    "account_inactive": Row(everyone()),
    "account_email_verification_sent": Row(everyone()),
    "account_confirm_email": Row(everyone(), _confirm_key_kwargs),
    "account_reset_password": Row(everyone()),
    "account_reset_password_done": Row(everyone()),
    "account_reset_password_from_key": Row(
        everyone(redirect_to("/accounts/password/reset/key/")), _reset_key_kwargs
    ),
    "account_reset_password_from_key_done": Row(everyone()),
    "account_confirm_login_code": Row(
        {**everyone(redirect_to("/account/")), "anonymous": LOGIN, "suspended": LOGIN}
    ),
    "mfa_authenticate": Row(
        {**everyone(redirect_to("/account/")), "anonymous": LOGIN, "suspended": LOGIN}
    ),
    "mfa_login_webauthn": Row(
        {**everyone(redirect_to("/account/")), "anonymous": LOGIN, "suspended": LOGIN}
    ),
    # The signed-in person's own account.
    "accounts:overview": Row(anyone_signed_in()),
    "accounts:email_preferences": Row(
        anyone_signed_in(),
        post={},
        payload=sends({"security": "on", "event_updates": "on", "member_messages": "on"}),
    ),
    "account_reauthenticate": Row(anyone_signed_in()),
    "account_email": Row(anyone_signed_in()),
    "account_change_password": Row(anyone_signed_in()),
    "account_set_password": Row(anyone_signed_in(redirect_to("/accounts/password/change/"))),
    "usersessions_list": Row(anyone_signed_in()),
    "mfa_index": Row(anyone_signed_in()),
    "mfa_list_webauthn": Row(anyone_signed_in()),
    # Changing how you sign in asks for your password again first.
    "mfa_activate_totp": Row(anyone_signed_in(redirect_to("/accounts/reauthenticate/"))),
    "mfa_generate_recovery_codes": Row(anyone_signed_in(redirect_to("/accounts/reauthenticate/"))),
    "mfa_add_webauthn": Row(anyone_signed_in(redirect_to("/accounts/reauthenticate/"))),
    "mfa_reauthenticate_webauthn": Row(anyone_signed_in(redirect_to("/accounts/reauthenticate/"))),
    "mfa_reauthenticate": Row(
        {
            **anyone_signed_in(redirect_to("/accounts/reauthenticate/")),
            "coordinator": OK,
            "organizer": OK,
            "admin": OK,
        }
    ),
    # Only people with an authenticator have these; staff always do.
    "mfa_deactivate_totp": Row(
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        }
    ),
    "mfa_view_recovery_codes": Row(
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        }
    ),
    "mfa_download_recovery_codes": Row(
        {
            **anyone_signed_in(NOT_FOUND),
            **dict.fromkeys(
                ["coordinator", "organizer", "admin"], redirect_to("/accounts/reauthenticate/")
            ),
        }
    ),
    "mfa_edit_webauthn": Row(
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")), lambda: {"pk": 999_999}
    ),
    "mfa_remove_webauthn": Row(
        anyone_signed_in(redirect_to("/accounts/reauthenticate/")), lambda: {"pk": 999_999}
    ),
    # Staff pages.
    "core:site_settings": Row(
        only("admin"),
        post={},
        payload=sends(
            {
                "name": "DM3P",
                "long_name": "Disability in Medicine Mutual Mentorship Program",
                "tagline": "Mentorship among equals.",
                "contact_email": "team@example.org",
            }
        ),
    ),
    "core:audit_log": Row(only("admin")),
    "pages:manage": Row(only("organizer")),
    "pages:new": Row(only("organizer"), post={}, payload=_page_form("travel")),
    "pages:edit": Row(only("organizer"), _page_kwargs, post={}, payload=_page_form("join")),
    "pages:images": Row(only("organizer"), post={}, payload=_image_upload),
    # Membership: applying is public; reviewing is for organizers, roles for admins.
    "members:apply": Row(
        {**everyone(redirect_to("/account/")), "anonymous": OK, "suspended": OK},
        post={},
        payload=sends({"name": "Rosa Silva", "email": "rosa@example.org", "save": "1"}),
    ),
    "members:apply_status": Row(everyone(NOT_FOUND)),
    "members:apply_link": Row(everyone(), post={}),
    "members:apply_resume": Row(everyone(NOT_FOUND), lambda: {"token": "not-a-token"}),
    "members:own_profile": Row(members_only()),
    "members:edit_profile": Row(members_only(), post={}, payload=_profile_form),
    "members:preview_profile": Row(members_only()),
    "members:withdraw_consent": Row(members_only(), payload=sends({})),
    "members:directory": Row(members_only()),
    "members:contact": Row(
        members_only(), _member_kwargs, post={}, payload=sends({"body": "Hello, and welcome."})
    ),
    "members:block": Row(
        anyone_signed_in(405),
        _member_kwargs,
        payload=sends({"block": "1"}),
        post_expected=members_only(),
    ),
    "members:report_member": Row(
        members_only(), _member_kwargs, post={}, payload=sends({"reason": "Rude messages."})
    ),
    "members:inbox": Row(members_only()),
    "members:message": Row(anyone_signed_in(NOT_FOUND), _message_kwargs),
    "members:report_message": Row(
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        _message_kwargs,
        insiders=("member",),
        let_in=_receive_message,
        payload=sends({"reason": "Harassment."}),
    ),
    "members:report_queue": Row(only("organizer")),
    "members:report_detail": Row(
        only("organizer"),
        _report_kwargs,
        post={},
        payload=sends({"action": "note", "text": "Called them."}),
    ),
    "members:my_data": Row(anyone_signed_in()),
    "members:my_data_json": Row(anyone_signed_in()),
    "members:delete_account": Row(anyone_signed_in(), post={}, payload=_own_address),
    "members:member_profile": Row(members_only(), _member_kwargs),
    "members:photo": Row(everyone(NOT_FOUND), _member_kwargs),
    "members:public_profile": Row(everyone(NOT_FOUND), _member_kwargs),
    "members:review_queue": Row(
        only("organizer"), _submitted_kwargs, post={}, payload=_bulk_decision
    ),
    "members:review_application": Row(
        only("organizer"),
        _application_kwargs,
        post={},
        payload=sends({"decision": "approve", "message": ""}),
    ),
    "members:community_settings": Row(
        only("organizer"),
        post={},
        payload=sends({"retention_days": "90", "discord_invite_url": "", "linkedin_group_url": ""}),
    ),
    "members:email_template": Row(
        only("organizer"),
        lambda: {"key": "application_approved"},
        post={},
        payload=sends({"subject": "Welcome aboard", "body": "We are glad you are here."}),
    ),
    "members:terms": Row(only("organizer")),
    "members:term_new": Row(
        only("organizer"),
        post={},
        payload=sends({"kind": "topic", "label": "Burnout", "order": "100", "is_active": "on"}),
    ),
    "members:term_edit": Row(
        only("organizer"),
        _term_kwargs,
        post={},
        payload=sends({"kind": "stage", "label": "Fellowship", "order": "5", "is_active": "on"}),
    ),
    "members:people": Row(only("admin")),
    "members:person_edit": Row(
        only("admin"),
        lambda: {"pk": make_user().pk},
        post={},
        payload=sends({"membership_status": "member", "is_coordinator": "on"}),
    ),
    # Gatherings: listed publicly (the meeting link stays members-only), managed by organizers.
    "events:list": Row(everyone()),
    "events:detail": Row(everyone(), _event_kwargs),
    "events:ics": Row(everyone(), _event_kwargs),
    "events:public_feed": Row(everyone()),
    "events:private_feed": Row(everyone(NOT_FOUND), lambda: {"token": "not-a-token"}),
    "events:rsvp": Row(
        anyone_signed_in(405),
        _event_kwargs,
        payload=sends({"answer": "going"}),
        post_expected=members_only(),
    ),
    "events:calendar": Row(members_only(), post={}, payload=sends({})),
    "events:manage": Row(only("organizer")),
    "events:series_new": Row(
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
    ),
    "events:new": Row(only("organizer"), post={}, payload=_event_form("New gathering")),
    "events:edit": Row(
        only("organizer"), _event_kwargs, post={}, payload=_event_form("Renamed gathering")
    ),
    "events:programme": Row(only("organizer"), _event_kwargs, post={}, payload=_programme_form),
    "events:resources": Row(
        only("organizer"),
        _event_kwargs,
        post={},
        payload=sends(
            {
                "kind": "link",
                "title": "Slides",
                "url": "https://example.org/slides",
                "audience": "members",
            }
        ),
    ),
    "events:resource_file": Row(everyone(NOT_FOUND), _linked_resource_kwargs),
    "events:attendees": Row(only("organizer"), _event_kwargs),
    "events:attendees_csv": Row(only("organizer"), _event_kwargs),
    # Accommodations: members ask; coordinators (and admins) work the queue.
    "accommodations:for_event": Row(
        members_only(),
        _event_with_a_kind_kwargs,
        post={},
        payload=lambda kwargs, sender: {"kinds": [_kind_pk()]},
    ),
    "accommodations:standing_needs": Row(
        members_only(),
        _a_kind_kwargs,
        post={},
        payload=lambda kwargs, sender: {"kinds": [_kind_pk()], "details": ""},
    ),
    "accommodations:queue": Row(only("coordinator", "admin")),
    "accommodations:kinds": Row(only("organizer")),
    "accommodations:kind_new": Row(
        only("organizer"),
        post={},
        payload=sends(
            {"label": "Tactile interpreting", "lead_days": "21", "order": "5", "is_active": "on"}
        ),
    ),
    "accommodations:kind_edit": Row(
        only("organizer"),
        lambda: {"pk": AccommodationType.objects.create(label="Breaks").pk},
        post={},
        payload=sends(
            {"label": "Rest breaks", "lead_days": "3", "order": "100", "is_active": "on"}
        ),
    ),
    "events:speaker_photo": Row(everyone(NOT_FOUND), _speaker_kwargs),
    "circles:choose": Row(members_only(), _event_with_rooms_kwargs, post={}, payload=_first_room),
    "circles:breakouts": Row(
        only("organizer"),
        _event_with_rooms_kwargs,
        post={},
        payload=sends({"action": "add", "name": "Residency"}),
    ),
    "circles:zoom_file": Row(only("organizer"), _event_with_rooms_kwargs),
    # Circles: members join rounds; a circle is seen only by its own members (the member
    # role is put in it; everyone else, members included, gets 404); organizers match.
    "circles:mine": Row(members_only()),
    "circles:join": Row(
        members_only(),
        _open_round_kwargs,
        post={},
        payload=sends(
            {
                "availability_1": ["evening"],
                "time_zone": "America/New_York",
                "profession_preference": "mixed",
                "avoid_add": "",
            }
        ),
    ),
    "circles:preferences": Row(
        members_only(),
        post={},
        payload=sends({"profession_preference": "similar", "avoid_add": ""}),
    ),
    "circles:circle": Row(
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        _published_circle_kwargs,
        post={},
        insiders=("member",),
        let_in=_join_circle,
        payload=sends({"action": "add-note", "text": "See you on Tuesday."}),
    ),
    "circles:check_in": Row(
        {**anyone_signed_in(NOT_FOUND), "member": OK},
        _published_circle_kwargs,
        post={},
        insiders=("member",),
        let_in=_join_circle,
        payload=sends({"rating": "4", "comment": ""}),
    ),
    "circles:rounds": Row(only("organizer")),
    "circles:round_new": Row(only("organizer"), post={}, payload=_round_form),
    "circles:round": Row(only("organizer"), _draft_round_kwargs, post={}, payload=_lock_circle),
    "circles:round_edit": Row(only("organizer"), _draft_round_kwargs, post={}, payload=_round_form),
    "circles:round_health": Row(only("organizer"), _draft_round_kwargs),
    "accommodations:record": Row(
        only("coordinator", "admin"), _record_kwargs, post={}, payload=_record_form
    ),
    "accommodations:detail": Row(
        only("coordinator", "admin"),
        _request_kwargs,
        post={},
        payload=sends({"status": "arranging", "provider_notes": "Booked.", "owner": ""}),
    ),
    # Django's admin: admins only; its many URLs share one gate (tested on these).
    "admin:index": Row({**ADMIN_ONLY, "anonymous": LOGIN, "suspended": LOGIN}),
    "admin:accounts_user_changelist": Row({**ADMIN_ONLY, "anonymous": LOGIN, "suspended": LOGIN}),
}

# The rest of the admin's URLs are generated per model and share the gate above.
ADMIN_NAMESPACE = "admin:"


def test_role_matrix_covers_every_url() -> None:
    missing = sorted(
        name for name in url_names() if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE)
    )
    assert missing == [], f"Add these URLs to the role matrix: {missing}"
    unknown = sorted(set(MATRIX) - url_names())
    assert unknown == [], f"The role matrix names URLs that don't exist: {unknown}"


def _answer(response: object) -> object:
    status = response.status_code  # type: ignore[attr-defined]
    if status in (301, 302):
        location: str = response["Location"]  # type: ignore[index]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return LOGIN
        return f"redirect:{location}"
    return status


def _matches(expected: object, actual: object) -> bool:
    if isinstance(expected, str) and expected.startswith("redirect:"):
        return isinstance(actual, str) and actual.startswith(expected)
    return expected == actual


def _client_for(
    role: str, row: Row | None = None, kwargs: dict[str, object] | None = None
) -> Client:
    """A client signed in as a new person in ``role``, let in first if the row says so."""
    client = Client()
    user = user_for_role(role)
    if user is not None:
        if row is not None and role in row.insiders:
            assert row.let_in is not None
            assert kwargs is not None
            row.let_in(user, kwargs)
        # Without the two-factor step, so pages that ask to confirm it's you ask everyone.
        client = signed_in(user, mfa_passed=False)
        client.user = user  # type: ignore[attr-defined]
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_role_matrix_get(url_name: str) -> None:
    row = MATRIX[url_name]
    kwargs = row.kwargs()
    url = reverse(url_name, kwargs=kwargs)
    answers = {role: _answer(_client_for(role, row, kwargs).get(url)) for role in ROLES}
    wrong = {
        role: (row.expected[role], answers[role])
        for role in ROLES
        if not _matches(row.expected[role], answers[role])
    }
    assert wrong == {}, f"{url}: role -> (expected, got)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", sorted(name for name, row in MATRIX.items() if row.post is not None)
)
def test_role_matrix_post(url_name: str) -> None:
    """Forms: whoever may not see the page may not post to it either."""
    row = MATRIX[url_name]
    kwargs = row.kwargs()
    url = reverse(url_name, kwargs=kwargs)
    for role in ROLES:
        answer = _answer(_client_for(role, row, kwargs).post(url, row.post or {}))
        expected = row.expected[role]
        if expected == OK:
            assert answer == OK or str(answer).startswith("redirect:"), (role, answer)
        else:
            assert _matches(expected, answer), (role, expected, answer)


def _post_answers(row: Row) -> dict[str, object]:
    return row.post_expected or row.expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", sorted(name for name, row in MATRIX.items() if row.payload is not None)
)
def test_role_matrix_real_payload_changes_nothing_for_those_refused(
    url_name: str, django_capture_on_commit_callbacks: Capture
) -> None:
    """Each role that may not act sends what a person allowed would, is refused as the
    matrix says, and nothing changes: no row, no e-mail, no work queued."""
    row = MATRIX[url_name]
    assert row.payload is not None
    kwargs = row.kwargs()
    url = reverse(url_name, kwargs=kwargs)
    expected = _post_answers(row)
    refused = [role for role in ROLES if expected[role] != OK]
    assert refused, "Every role may act here: the payload proves nothing."
    for role in refused:
        client = _client_for(role, row, kwargs)
        data = row.payload(kwargs, getattr(client, "user", None))
        before = database_state()
        with django_capture_on_commit_callbacks() as queued:
            answer = _answer(client.post(url, data))
        assert _matches(expected[role], answer), (role, expected[role], answer)
        changed = {label for label, value in database_state().items() if before[label] != value}
        assert (changed, len(queued)) == (set(), 0), role


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", sorted(name for name, row in MATRIX.items() if row.payload is not None)
)
def test_role_matrix_real_payload_works_for_someone_allowed(url_name: str) -> None:
    """The payload above is real: a person allowed to act sends it, is sent on (or shown
    the outcome, never the form again with mistakes), and something changes."""
    row = MATRIX[url_name]
    assert row.payload is not None
    kwargs = row.kwargs()
    url = reverse(url_name, kwargs=kwargs)
    allowed = [role for role in ROLES if _post_answers(row)[role] == OK]
    role = "member" if "member" in allowed else allowed[0]
    client = _client_for(role, row, kwargs)
    before = database_state()
    response = client.post(url, row.payload(kwargs, getattr(client, "user", None)))
    answer = _answer(response)
    assert str(answer).startswith("redirect:") or answer == OK, (role, answer)
    assert "<title>Error:" not in response.content.decode(), role
    assert database_state() != before, role


def test_public_urls_are_exactly_the_listed_ones() -> None:
    """Every page needs sign-in unless a visitor is meant to see it."""
    public = sorted(name for name, row in MATRIX.items() if row.expected["anonymous"] != LOGIN)
    assert public == sorted(PUBLIC_URL_NAMES)


PUBLIC_URL_NAMES = [
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_login",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_signup",
    "core:display",
    "demo:mail_detail",
    "demo:mail_list",
    "events:detail",
    "events:ics",
    "events:list",
    "events:private_feed",
    "events:public_feed",
    "events:resource_file",
    "events:speaker_photo",
    "members:apply",
    "members:apply_link",
    "members:apply_resume",
    "members:apply_status",
    "members:photo",
    "members:public_profile",
    "pages:detail",
    "pages:home",
    "pages:image",
]


@pytest.mark.django_db
def test_every_unlisted_url_sends_visitors_to_sign_in() -> None:
    """Walks all URL patterns (admin's included) as a visitor."""
    for name in sorted(url_names()):
        if name in PUBLIC_URL_NAMES:
            continue
        row = MATRIX.get(name)
        if row is None:
            continue  # admin URLs with arguments: covered by the admin's single gate
        response = Client().get(reverse(name, kwargs=row.kwargs()))
        assert _answer(response) == LOGIN, name


@pytest.mark.django_db
def test_unpublished_page_is_not_found_except_for_organizers() -> None:
    url = reverse("pages:detail", kwargs=_unpublished_kwargs())
    answers = {role: _answer(_client_for(role).get(url)) for role in ROLES}
    assert answers == {**everyone(NOT_FOUND), "organizer": OK}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/manage/applications/99999999999999999999/",
        "/manage/people/99999999999999999999/",
        "/images/99999999999999999999/x.png",
        "/demo/mail/99999999999999999999/",
    ],
)
def test_ids_too_large_for_the_database_are_not_found(path: str) -> None:
    client = signed_in(make_user(is_organizer=True, is_admin=True), mfa_passed=False)
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_blocking_is_for_members_only() -> None:
    url = reverse("members:block", kwargs=_member_kwargs())
    expected = members_only(redirect_to("/members/"))
    wrong = {
        role: (expected[role], answer)
        for role in ROLES
        if not _matches(
            expected[role], answer := _answer(_client_for(role).post(url, {"block": "1"}))
        )
    }
    assert wrong == {}


@pytest.mark.django_db
def test_joining_a_round_is_not_found_outside_its_sign_up() -> None:
    today = timezone.localdate()
    closed = make_round(
        signup_opens_on=today - dt.timedelta(days=20), signup_closes_on=today - dt.timedelta(days=1)
    )
    published = publish(make_round())
    for round in (closed, published):
        url = reverse("circles:join", kwargs={"pk": round.pk})
        assert _answer(_client_for("member").get(url)) == NOT_FOUND
        assert _answer(_client_for("member").post(url, {"action": "withdraw"})) == NOT_FOUND


@pytest.mark.django_db
def test_a_circle_is_not_found_by_its_own_members_until_it_is_published() -> None:
    circle = Circle.objects.get(round_id=int(str(_draft_round_kwargs()["pk"])))
    member = user_for_role("member")
    assert member is not None
    _join_circle(member, {"pk": circle.pk})
    client = signed_in(member)
    for name in ("circles:circle", "circles:check_in"):
        assert _answer(client.get(reverse(name, kwargs={"pk": circle.pk}))) == NOT_FOUND
