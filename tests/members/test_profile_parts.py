"""The profile is changed one part at a time: each part has its own page, a save changes
that part only, and bad input is refused with the input kept."""

import pytest

from dm3p.accounts.models import User
from dm3p.core.time_zones import time_zone_from_text
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile
from dm3p.members.profile_fields import default_visibility
from tests.factories import make_user
from tests.factories.members import make_profile, make_term
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import error_summary, field_error, heading, parse

pytestmark = pytest.mark.django_db

AS_THEY_WERE = {f"visibility_{name}": audience for name, audience in default_visibility().items()}
PARTS = ["about-you", "work", "where-and-when", "mentorship", "lived-experience"]


def filled_member() -> User:
    user = make_user(name="Mei Tanaka")
    profile = make_profile(
        user=user,
        display_name="Mei Tanaka",
        pronouns="she/her",
        bio="Hospitalist.",
        specialty="Internal medicine",
        region="Chicago",
        time_zone="America/Chicago",
        availability=[17, 18],
        lived_experience="Multiple sclerosis.",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility={**default_visibility(), "bio": "organizers"},
    )
    profile.topics_offered.set([make_term(kind=TermKind.TOPIC, label="Fatigue")])
    return user


def stored(user: User) -> dict[str, object]:
    profile = Profile.objects.get(user=user)
    return {
        "display_name": profile.display_name,
        "pronouns": profile.pronouns,
        "bio": profile.bio,
        "specialty": profile.specialty,
        "region": profile.region,
        "time_zone": profile.time_zone,
        "availability": profile.availability,
        "lived_experience": profile.lived_experience,
        "consent": profile.health_consent_at is not None,
        "topics": [term.label for term in profile.topics_offered.all()],
        "visibility": profile.visibility,
    }


def test_contents_page_links_every_part_with_who_sees_each_answer() -> None:
    user = filled_member()
    response = signed_in(user).get("/profile/edit/")
    html = response.content.decode()
    assert heading(response) == "Edit your profile"
    for part in PARTS:
        assert f'href="/profile/edit/{part}/"' in html
    assert "<dt>About me</dt><dd>Organizers</dd>" in html
    assert "<dt>My disability or chronic illness</dt><dd>Only me</dd>" in html


def test_contents_page_only_shows_and_never_saves() -> None:
    assert signed_in(make_user()).post("/profile/edit/", {"bio": "x"}).status_code == 405


@pytest.mark.parametrize("part", PARTS)
def test_each_part_page_shows_only_its_own_fields(part: str) -> None:
    response = signed_in(filled_member()).get(f"/profile/edit/{part}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert ('name="bio"' in html) is (part == "about-you")
    assert ('name="time_zone"' in html) is (part == "where-and-when")
    assert ('name="lived_experience"' in html) is (part == "lived-experience")


def test_unknown_part_is_not_found() -> None:
    assert signed_in(make_user()).get("/profile/edit/secrets/").status_code == 404


def test_saving_one_part_keeps_every_other_part() -> None:
    user = filled_member()
    before = stored(user)
    response = signed_in(user).post(
        "/profile/edit/work/",
        {"specialty": "Geriatrics", **{f"visibility_{n}": "members" for n in default_visibility()}},
    )
    assert response["Location"] == "/profile/edit/"
    after = stored(user)
    assert after["specialty"] == "Geriatrics"
    # Nothing outside "work" changed: not the bio's audience, nor health, nor topics.
    expected = {**before, "specialty": "Geriatrics"}
    expected["visibility"] = {
        **before["visibility"],  # type: ignore[dict-item]
        **dict.fromkeys(("professions", "specialty", "stage", "institution"), "members"),
    }
    assert after == expected


def test_saving_where_and_when_keeps_health_information_and_consent() -> None:
    user = filled_member()
    signed_in(user).post(
        "/profile/edit/where-and-when/",
        {**AS_THEY_WERE, "region": "Denver", "time_zone": "Denver"},
    )
    after = stored(user)
    assert (after["region"], after["time_zone"], after["lived_experience"], after["consent"]) == (
        "Denver",
        "America/Denver",
        "Multiple sclerosis.",
        True,
    )
    assert after["availability"] == []  # no day ticked in this part's own form: cleared


def test_errors_keep_what_was_typed_and_save_nothing() -> None:
    user = filled_member()
    before = stored(user)
    response = signed_in(user).post(
        "/profile/edit/about-you/",
        {"display_name": "Mei T.", "bio": "Changed my words.", "linkedin_url": "linkedin"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Error: About you" in html
    assert 'value="Mei T."' in html
    assert "Changed my words.</textarea>" in html
    assert 'value="linkedin"' in html
    assert stored(user) == before


def test_time_zone_suggests_common_zones_first() -> None:
    html = signed_in(make_user()).get("/profile/edit/where-and-when/").content.decode()
    suggestions = html[html.index("<datalist") :]
    first = suggestions.index('value="America/New_York"')
    assert first < suggestions.index('value="America/Chicago"')
    assert suggestions.index('value="America/Chicago"') < suggestions.index(
        'value="Africa/Abidjan"'
    )
    assert "Eastern Time (US and Canada), New York</option>" in suggestions
    assert 'list="id_time_zone_suggestions"' in html


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("America/Chicago", "America/Chicago"),
        ("america/los_angeles", "America/Los_Angeles"),
        ("Chicago", "America/Chicago"),
        ("eastern time (us and canada)", "America/New_York"),
        ("Eastern Time", "America/New_York"),
        ("Pacific time", "America/Los_Angeles"),
        ("Eastern Time (US and Canada), New York", "America/New_York"),
        ("Los Angeles", "America/Los_Angeles"),
        ("Mars/Olympus", None),
        ("", None),
    ],
)
def test_time_zone_from_what_people_type(typed: str, zone: str | None) -> None:
    assert time_zone_from_text(typed) == zone


def test_a_valid_time_zone_is_saved() -> None:
    user = filled_member()
    signed_in(user).post(
        "/profile/edit/where-and-when/", {**AS_THEY_WERE, "time_zone": "Pacific Time"}
    )
    assert stored(user)["time_zone"] == "America/Los_Angeles"


def test_an_unknown_time_zone_is_refused_with_a_message_keeping_the_input() -> None:
    user = filled_member()
    response = signed_in(user).post(
        "/profile/edit/where-and-when/", {**AS_THEY_WERE, "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    message = (
        "We don't know the time zone “Mars/Olympus”. Type the city you live in or the nearest "
        "big city, such as “Chicago”, or choose one of the suggestions."
    )
    assert field_error(response, "time_zone") == message
    assert error_summary(parse(response)) == [f"Time zone: {message}"]
    assert parse(response).one("input", name="time_zone").attrs["value"] == "Mars/Olympus"
    assert stored(user)["time_zone"] == "America/Chicago"


def test_part_pages_query_count_is_fixed() -> None:
    few = filled_member()
    many = make_user(name="Many Topics")
    profile = make_profile(user=many, display_name="Many", visibility=default_visibility())
    profile.topics_offered.set(
        [make_term(kind=TermKind.TOPIC, label=f"Topic {number}") for number in range(12)]
    )
    for part in ["", *[f"{part}/" for part in PARTS]]:
        url = f"/profile/edit/{part}"
        assert queries_for_page(signed_in(few), url) == queries_for_page(signed_in(many), url)
