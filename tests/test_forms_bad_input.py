"""Generated input thrown at every form: a clear answer, never a server error, nothing saved
when the input is refused."""

import pytest
from django.core.cache import cache
from django.db.models import Model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.accounts.models import User
from dm3p.circles.models import (
    CheckIn,
    Circle,
    CircleMembership,
    CircleNote,
    MatchingPreferences,
    MatchingRound,
    RoundEntry,
)
from dm3p.conversations.models import Post, Report
from dm3p.core.models import (
    AuditEntry,
    DisplayPreference,
    EmailOptOut,
    EmailWording,
    SiteSettings,
)
from dm3p.events.models import Event, EventSeries, Rsvp
from dm3p.members.models import (
    Application,
    CommunitySettings,
    Profile,
    Term,
)
from dm3p.members.services import profile_ensure
from dm3p.pages.models import Page, PageImage
from tests.clock import ORDINARY
from tests.factories import make_page, make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.events import make_event
from tests.factories.members import make_application, make_term
from tests.helpers import signed_in

pytestmark = pytest.mark.clock(ORDINARY)

# Field values: ordinary text, odd Unicode, control characters (NUL included), long strings.
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "<script>", "a" * 5000, "\x00"]),
    st.lists(st.text(max_size=10), max_size=3),
)


def form_data(fields: list[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from(fields), values, max_size=len(fields))


FORMS: dict[str, tuple[str, list[str], str, type[Model]]] = {
    # name: (url, fields, role that uses it, model that must not change on refusal)
    "display": (
        "/display/",
        ["theme", "text_size", "font", "motion", "next"],
        "member",
        DisplayPreference,
    ),
    "site_settings": (
        "/manage/site/",
        ["name", "long_name", "tagline", "contact_email", "time_zone"],
        "admin",
        SiteSettings,
    ),
    "page_new": (
        "/manage/pages/new/",
        ["title", "slug", "body", "location", "menu_order", "is_published", "preview"],
        "organizer",
        Page,
    ),
    "page_edit": (
        "/manage/pages/fuzz/",
        ["title", "slug", "body", "location", "menu_order", "is_published"],
        "organizer",
        Page,
    ),
    "page_images": (
        "/manage/pages/images/",
        ["image", "alt_text", "is_decorative"],
        "organizer",
        PageImage,
    ),
    "review_decision": (
        "/manage/applications/fuzz/",
        ["decision", "message"],
        "organizer",
        AuditEntry,
    ),
    "review_bulk": ("/manage/applications/", ["applications", "decision"], "organizer", AuditEntry),
    "community_settings": (
        "/manage/membership/",
        ["discord_invite_url", "linkedin_group_url", "retention_days"],
        "organizer",
        CommunitySettings,
    ),
    "email_wording": (
        "/manage/emails/application_approved/",
        ["subject", "body"],
        "organizer",
        EmailWording,
    ),
    "term_new": ("/manage/lists/new/", ["kind", "label", "order", "is_active"], "organizer", Term),
    "person_roles": (
        "/manage/people/fuzz/",
        ["membership_status", "is_coordinator", "is_organizer", "is_admin"],
        "admin",
        AuditEntry,
    ),
    "profile_about_you": (
        "/profile/edit/about-you/",
        [
            "display_name",
            "pronouns",
            "photo",
            "photo_alt_text",
            "bio",
            "linkedin_url",
            "visibility_bio",
        ],
        "member",
        Profile,
    ),
    "profile_work": (
        "/profile/edit/work/",
        ["professions", "stage", "specialty"],
        "member",
        Profile,
    ),
    "profile_where_and_when": (
        "/profile/edit/where-and-when/",
        ["time_zone", "availability_0", "zoom_email", "region"],
        "member",
        Profile,
    ),
    "profile_mentorship": (
        "/profile/edit/mentorship/",
        ["topics_offered", "modes"],
        "member",
        Profile,
    ),
    "profile_lived_experience": (
        "/profile/edit/lived-experience/",
        [
            "health_consent",
            "lived_experience",
            "lived_experience_years",
            "visibility_lived_experience",
        ],
        "member",
        Profile,
    ),
    "contact": ("/members/other/contact/", ["body"], "member", Post),
    "direct_new": ("/conversations/direct/new/", ["people", "title", "body"], "member", Post),
    "report": ("/members/other/report/", ["reason"], "member", Report),
    "delete_account": ("/profile/delete/", ["confirm_email"], "member", Profile),
    "series_new": (
        "/manage/events/series/new/",
        [
            "title",
            "week_of_month",
            "weekday",
            "start_time",
            "time_zone",
            "duration_minutes",
            "visibility",
            "capacity",
            "months",
        ],
        "organizer",
        EventSeries,
    ),
    "event_new": (
        "/manage/events/new/",
        [
            "title",
            "starts_local",
            "duration_minutes",
            "time_zone",
            "visibility",
            "capacity",
            "meeting_url",
            "link_audience",
            "reminders",
            "cancelled",
            "action",
            "speakers-TOTAL_FORMS",
            "speakers-INITIAL_FORMS",
            "speakers-0-name",
            "segments-TOTAL_FORMS",
            "segments-INITIAL_FORMS",
            "segments-0-minutes",
            "segments-0-kind",
        ],
        "organizer",
        Event,
    ),
    "access_kind": (
        "/manage/access/kinds/new/",
        ["label", "lead_days", "order", "is_active"],
        "organizer",
        AccommodationType,
    ),
    "access_request": (
        "/events/EVENT/access/",
        ["kinds", "details_KIND"],
        "member",
        AccommodationRequest,
    ),
    "standing_needs": (
        "/profile/access-needs/",
        ["kinds", "details_KIND"],
        "member",
        StandingNeed,
    ),
    "rsvp": ("/events/EVENT/rsvp/", ["answer"], "member", Rsvp),
    "email_preferences": ("/account/emails/", ["security", "x"], "member", EmailOptOut),
    "round_new": (
        "/manage/circles/new/",
        [
            "name",
            "description",
            "signup_opens_on",
            "signup_closes_on",
            "starts_on",
            "ends_on",
            "min_size",
            "max_size",
            "meets",
            "check_in_every_weeks",
        ],
        "organizer",
        MatchingRound,
    ),
    "round_join": (
        "/circles/rounds/ROUND/",
        [
            "topics_offered",
            "topics_sought",
            "modes",
            "time_zone",
            "availability_0",
            "availability_6",
            "profession_preference",
            "avoid_keep",
            "avoid_search",
            "avoid_add",
        ],
        "member",
        RoundEntry,
    ),
    "matching_preferences": (
        "/profile/matching/",
        ["profession_preference", "avoid_keep", "avoid_search", "avoid_add"],
        "member",
        MatchingPreferences,
    ),
    "circle_check_in": (
        "/circles/CIRCLE/check-in/",
        ["rating", "comment", "share_comment", "pause", "wants_different"],
        "member",
        CheckIn,
    ),
    "circle_note": ("/circles/CIRCLE/", ["text"], "member", CircleNote),
    "circle_name": ("/circles/CIRCLE/name/", ["name"], "member", Circle),
    "circle_meeting": ("/circles/CIRCLE/meeting/", ["starts_local", "link"], "member", Circle),
    "round_move": (
        "/manage/circles/DRAFT/draft/move/",
        ["people", "to"],
        "organizer",
        CircleMembership,
    ),
    "round_swap": ("/manage/circles/DRAFT/draft/swap/", ["people"], "organizer", CircleMembership),
    "round_new_circle": (
        "/manage/circles/DRAFT/draft/new-circle/",
        ["people", "name"],
        "organizer",
        Circle,
    ),
    "round_lock": ("/manage/circles/DRAFT/draft/lock/", ["circle", "locked"], "organizer", Circle),
}

# Fields that say which of a page's forms is sent, always sent with the generated ones.
WHICH_FORM: dict[str, dict[str, str]] = {
    "circle_note": {"action": "add-note"},
}

ROLE_FIELDS = {
    "member": {},
    "admin": {"is_admin": True},
    "organizer": {"is_organizer": True},
}


@pytest.mark.django_db
@pytest.mark.parametrize("form", sorted(FORMS))
def test_form_bad_input_never_breaks(form: str) -> None:
    url, fields, role, model = FORMS[form]
    user = make_user(**ROLE_FIELDS[role])
    client = signed_in(user)
    profile_ensure(user=user)
    other = make_user()
    profile_ensure(user=other)
    url = url.replace("/other/", f"/{other.pk}/")
    event = make_event(days_ahead=30, minutes=60, title="Gathering")
    kind = make_accommodation_type(label="ASL interpretation")
    fields = [name.replace("KIND", str(kind.pk)) for name in fields]
    url = url.replace("EVENT", str(event.pk))
    make_page(slug="fuzz")
    applicant = make_user(membership_status="applicant")
    fuzz_id = str(make_application(user=applicant, status="submitted").pk)
    if "fuzz" in url and "pages" not in url:
        url = url.replace("fuzz", str(applicant.pk) if "people" in url else fuzz_id)
    url = _with_circles(url, user, other)

    @given(data=form_data(fields))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    def post(data: dict[str, object]) -> None:
        cache.clear()  # keep the rate limits out of the way
        before = model._default_manager.count()
        response = client.post(url, {**data, **WHICH_FORM.get(form, {})})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            html = response.content.decode()
            assert "There is a problem" in html or "Preview (not saved yet)" in html
            assert model._default_manager.count() == before

    post()


def _with_circles(url: str, user: User, other: User) -> str:
    """A round open for sign-up (ROUND), a published circle of ``user`` and ``other``
    (CIRCLE), and a draft round with both in a circle (DRAFT)."""
    if not {"ROUND", "CIRCLE", "DRAFT"} & set(url.split("/")):
        return url
    open_round = make_round()
    running = make_round(name="Running")
    draft = make_round(name="Draft")
    for round in (running, draft):
        for person in (user, other):
            make_entry(round, person)
    circle = make_circle(running, [user, other])
    publish(running)
    make_circle(draft, [user])
    make_circle(draft, [other])
    for name, pk in [("ROUND", open_round.pk), ("CIRCLE", circle.pk), ("DRAFT", draft.pk)]:
        url = url.replace(f"/{name}/", f"/{pk}/")
    return url


APPLICATION_FIELDS = [
    "name",
    "email",
    "pronouns",
    "professions",
    "profession_other",
    "stage",
    "specialty",
    "institution",
    "joins_as",
    "hopes_to_get",
    "hopes_to_give",
    "heard_about",
    "health_consent",
    "health_details",
    "code_of_conduct",
    "submit",
    "save",
    "send_link",
]


@pytest.mark.django_db
def test_application_bad_input_never_breaks() -> None:
    make_term(kind="stage", label="Student")

    @given(data=form_data(APPLICATION_FIELDS))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def post(data: dict[str, object]) -> None:
        cache.clear()  # keep the rate limit out of the way
        before = Application.objects.count()
        response = Client().post("/apply/", data)
        assert response.status_code in (200, 302), response.status_code
        html = response.content.decode()
        if response.status_code == 200 and "There is a problem" in html:
            assert Application.objects.count() == before

    post()


ANONYMOUS_FORMS: dict[str, tuple[str, list[str]]] = {
    "login": ("/accounts/login/", ["login", "password", "remember"]),
    "password_reset": ("/accounts/password/reset/", ["email"]),
    "application_link": ("/apply/link/", ["email"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("form", sorted(ANONYMOUS_FORMS))
def test_account_form_bad_input_never_breaks(form: str) -> None:
    url, fields = ANONYMOUS_FORMS[form]

    @given(data=form_data(fields))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def post(data: dict[str, object]) -> None:
        cache.clear()  # keep the rate limit out of the way
        response = Client().post(url, data)
        assert response.status_code in (200, 302), response.status_code

    post()


@pytest.mark.django_db
def test_change_password_bad_input_never_breaks() -> None:
    client = signed_in(make_user())
    fields = ["oldpassword", "password1", "password2"]

    @given(data=form_data(fields))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def post(data: dict[str, object]) -> None:
        cache.clear()
        response = client.post("/accounts/password/change/", data)
        assert response.status_code in (200, 302), response.status_code

    post()
