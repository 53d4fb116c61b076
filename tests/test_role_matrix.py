"""Every URL, as every role: who gets the page, who is sent to sign in, who gets a 404.

The answers, setups and payloads are the page registry's (tests/site_pages.py): each
SitePage gives the expected answer per role (shorthands there build the common shapes).
A URL pattern without answers there fails the suite, so a new page can't skip the matrix.
Pages only some people may see (their own circle) name the roles let in, and how.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dm3p.circles.models import Circle
from tests.clock import ORDINARY
from tests.factories import ROLES, make_user, user_for_role
from tests.factories.circles import make_round, publish
from tests.helpers import Capture, database_state, signed_in, url_names
from tests.site_pages import (
    LOGIN,
    NOT_FOUND,
    OK,
    PAGES,
    Answers,
    SitePage,
    URLKwargs,
    a_draft,
    everyone,
    join_circle,
    member_profiles,
    members_only,
    redirect_to,
    unpublished_page,
)

pytestmark = pytest.mark.clock(ORDINARY)

# Every URL the matrix asks about, by name: those with answers in the page registry.
MATRIX: dict[str, SitePage] = {page.url_name: page for page in PAGES if page.answers is not None}


def _answers(page: SitePage) -> Answers:
    assert page.answers is not None
    return page.answers


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


def _client_for(role: str, row: SitePage | None = None, kwargs: URLKwargs | None = None) -> Client:
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
    kwargs = row.setup(None)
    url = reverse(url_name, kwargs=kwargs)
    answers = {role: _answer(_client_for(role, row, kwargs).get(url)) for role in ROLES}
    wrong = {
        role: (_answers(row)[role], answers[role])
        for role in ROLES
        if not _matches(_answers(row)[role], answers[role])
    }
    assert wrong == {}, f"{url}: role -> (expected, got)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", sorted(name for name, row in MATRIX.items() if row.post is not None)
)
def test_role_matrix_post(url_name: str) -> None:
    """Forms: whoever may not see the page may not post to it either."""
    row = MATRIX[url_name]
    kwargs = row.setup(None)
    url = reverse(url_name, kwargs=kwargs)
    for role in ROLES:
        answer = _answer(_client_for(role, row, kwargs).post(url, row.post or {}))
        expected = _answers(row)[role]
        if expected == OK:
            assert answer == OK or str(answer).startswith("redirect:"), (role, answer)
        else:
            assert _matches(expected, answer), (role, expected, answer)


def _post_answers(row: SitePage) -> dict[str, object]:
    return row.post_answers or _answers(row)


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
    kwargs = row.setup(None)
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
    kwargs = row.setup(None)
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
    public = sorted(name for name, row in MATRIX.items() if _answers(row)["anonymous"] != LOGIN)
    assert public == sorted(PUBLIC_URL_NAMES)


PUBLIC_URL_NAMES = [
    "accommodations:for_event_by_link",
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
    "accounts:welcome_start",
    "conversations:unsubscribe",
    "conversations:inbound_mail",
    "core:display",
    "core:search",
    "demo:mail_detail",
    "demo:mail_list",
    "events:answer_link",
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
    "members:apply_status_link",
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
        response = Client().get(reverse(name, kwargs=row.setup(None)))
        assert _answer(response) == LOGIN, name


@pytest.mark.django_db
def test_unpublished_page_is_not_found_except_for_organizers() -> None:
    url = reverse("pages:detail", kwargs=unpublished_page(None))
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
    url = reverse("conversations:block", kwargs=member_profiles(None))
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
    circle = Circle.objects.filter(round_id=int(a_draft(None)["pk"])).order_by("pk").first()
    assert circle is not None
    member = user_for_role("member")
    assert member is not None
    join_circle(member, {"pk": circle.pk})
    client = signed_in(member)
    for name in ("circles:circle", "circles:check_in"):
        assert _answer(client.get(reverse(name, kwargs={"pk": circle.pk}))) == NOT_FOUND
