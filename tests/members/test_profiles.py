import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from PIL import Image

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.enums import TermKind
from dm3p.members.models import Application, Profile, Term
from dm3p.members.profile_fields import default_visibility
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.factories.members import make_application, make_profile, make_term
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import heading, page_shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics() -> dict[str, Term]:
    return {
        "exams": make_term(kind=TermKind.TOPIC, label="Exam accommodations"),
        "fatigue": make_term(kind=TermKind.TOPIC, label="Fatigue"),
        "physician": make_term(kind=TermKind.PROFESSION, label="Physician"),
    }


def member_with_profile(name: str, **profile: object) -> User:
    user = make_user(name=name)
    visibility = {**default_visibility(), **profile.pop("visibility", {})}  # type: ignore[dict-item]
    topics = profile.pop("topics_offered", [])
    created = make_profile(user=user, display_name=name, visibility=visibility, **profile)
    created.topics_offered.set(topics)  # type: ignore[arg-type]
    return user


def profile_form(**changes: object) -> dict[str, object]:
    """Everything the edit form sends, with the default audiences."""
    data: dict[str, object] = {"display_name": "Mei", "time_zone": "America/Chicago"}
    data.update({f"visibility_{name}": audience for name, audience in default_visibility().items()})
    data.update(changes)
    return data


def test_new_profile_starts_from_the_application_and_sensitive_fields_are_private() -> None:
    user = make_user(name="Rosa Silva")
    make_application(user=user, pronouns="she/her", specialty="Pediatrics")
    profile = profile_ensure(user=user)
    assert (profile.display_name, profile.pronouns, profile.specialty) == (
        "Rosa Silva",
        "she/her",
        "Pediatrics",
    )
    assert profile.visibility["lived_experience"] == "only_me"
    assert profile.visibility["lived_experience_years"] == "only_me"


def test_edit_profile_saves_fields_visibility_and_availability(topics: dict[str, Term]) -> None:
    user = make_user()
    client = signed_in(user)
    for section in ("about-you", "where-and-when", "mentorship"):
        response = client.post(
            f"/profile/edit/{section}/",
            profile_form(
                bio="Hospitalist with MS.",
                topics_offered=[topics["exams"].pk],
                availability_0=["evening"],
                visibility_bio="organizers",
            ),
        )
        assert response["Location"] == "/profile/edit/"
    profile = Profile.objects.get(user=user)
    assert (profile.bio, profile.time_zone, profile.visibility["bio"]) == (
        "Hospitalist with MS.",
        "America/Chicago",
        "organizers",
    )
    assert profile.availability == [17, 18, 19, 20, 21]
    assert list(profile.topics_offered.all()) == [topics["exams"]]


def test_health_information_needs_consent_and_is_encrypted() -> None:
    user = make_user()
    client = signed_in(user)
    response = client.post(
        "/profile/edit/lived-experience/", profile_form(lived_experience="Lupus.")
    )
    assert "Tick this box to let the site keep what you wrote about your health" in (
        response.content.decode()
    )
    client.post(
        "/profile/edit/lived-experience/",
        profile_form(lived_experience="Lupus.", health_consent="on"),
    )
    profile = Profile.objects.get(user=user)
    assert profile.lived_experience == "Lupus."
    assert profile.health_consent_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT lived_experience FROM members_profile")
        assert "Lupus" not in cursor.fetchone()[0]


def test_sensitive_field_can_never_be_public() -> None:
    client = signed_in(make_user())
    response = client.post(
        "/profile/edit/lived-experience/", profile_form(visibility_lived_experience="public")
    )
    assert "Select a valid choice. public is not one of the available choices." in (
        response.content.decode()
    )


def test_withdrawing_consent_deletes_health_information_everywhere() -> None:
    user = member_with_profile(
        "Mei",
        lived_experience="Crohn's.",
        lived_experience_years="1_5",
        health_consent_at="2026-01-01T00:00:00Z",
    )
    make_application(user=user, health_details="Crohn's.", health_consent_at="2026-01-01T00:00:00Z")
    response = signed_in(user).post("/profile/health-consent/")
    assert response["Location"] == "/profile/"
    profile = Profile.objects.get(user=user)
    assert (
        profile.lived_experience,
        profile.lived_experience_years,
        profile.health_consent_at,
    ) == (None, "", None)
    assert Application.objects.get(user=user).health_details is None


@pytest.mark.parametrize(
    ("audience", "seen_by"),
    [
        ("only_me", {"owner"}),
        ("organizers", {"owner", "organizer"}),
        ("members", {"owner", "organizer", "member"}),
    ],
)
def test_field_shown_only_to_its_audience(audience: str, seen_by: set[str]) -> None:
    owner = member_with_profile("Owner", bio="MARKER-BIO", visibility={"bio": audience})
    viewers = {
        "owner": owner,
        "organizer": make_user(is_organizer=True),
        "member": make_user(),
    }
    saw = {
        name
        for name, viewer in viewers.items()
        if "MARKER-BIO" in signed_in(viewer).get(f"/members/{owner.pk}/").content.decode()
    }
    assert saw == seen_by


def test_preview_shows_exactly_what_each_audience_sees() -> None:
    owner = member_with_profile(
        "Owner",
        bio="FOR-MEMBERS",
        institution="FOR-ORGANIZERS",
        lived_experience="ONLY-ME-TEXT",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility={"bio": "members", "institution": "organizers"},
    )
    client = signed_in(owner)
    as_members = client.get("/profile/preview/?as=members").content.decode()
    as_organizers = client.get("/profile/preview/?as=organizers").content.decode()
    assert ("FOR-MEMBERS" in as_members, "FOR-ORGANIZERS" in as_members) == (True, False)
    assert ("FOR-MEMBERS" in as_organizers, "FOR-ORGANIZERS" in as_organizers) == (True, True)
    assert "ONLY-ME-TEXT" not in as_members + as_organizers
    assert "ONLY-ME-TEXT" in client.get("/profile/").content.decode()


def test_organizer_reading_health_information_is_audited_and_the_member_sees_it() -> None:
    owner = member_with_profile(
        "Owner",
        lived_experience="Epilepsy.",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility={"lived_experience": "organizers"},
    )
    organizer = make_user(is_organizer=True, name="Olu Organizer")
    assert "Epilepsy." in signed_in(organizer).get(f"/members/{owner.pk}/").content.decode()
    entry = AuditEntry.objects.get(action="profile.view_sensitive")
    assert (entry.actor_id, entry.subject_user_id, entry.fields) == (
        organizer.pk,
        owner.pk,
        ["lived_experience"],
    )
    own_page = signed_in(owner).get("/profile/").content.decode()
    assert "Olu Organizer" in own_page
    assert "Epilepsy." not in str(list(AuditEntry.objects.values()))


def test_non_members_have_no_profiles_and_no_directory() -> None:
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    make_profile(user=applicant, display_name="Applicant", visibility=default_visibility())
    member = signed_in(make_user())
    assert member.get(f"/members/{applicant.pk}/").status_code == 404
    assert signed_in(applicant).get("/members/").status_code == 404


def test_directory_finds_people_by_topic_they_show(topics: dict[str, Term]) -> None:
    member_with_profile("Shows Topic", topics_offered=[topics["exams"]])
    member_with_profile(
        "Hides Topic", topics_offered=[topics["exams"]], visibility={"topics_offered": "only_me"}
    )
    member_with_profile("Other Topic", topics_offered=[topics["fatigue"]])
    html = signed_in(make_user()).get(f"/members/?topic={topics['exams'].pk}").content.decode()
    assert "Shows Topic" in html
    assert "Hides Topic" not in html
    assert "Other Topic" not in html


def test_directory_filters_never_reveal_hidden_fields() -> None:
    member_with_profile("Hidden Region", region="Boise", visibility={"region": "organizers"})
    viewer_html = page_shown(signed_in(make_user()).get("/members/?region=boise"), "Members")
    organizer_html = signed_in(make_user(is_organizer=True)).get("/members/?region=boise")
    assert "Hidden Region" not in viewer_html
    assert heading(organizer_html) == "Members"
    assert "Hidden Region" in organizer_html.content.decode()


def test_directory_query_count_is_fixed(topics: dict[str, Term]) -> None:
    client = signed_in(make_user())
    member_with_profile("First", topics_offered=[topics["exams"]])
    with_one = queries_for_page(client, "/members/")
    for number in range(40):
        member_with_profile(f"Member {number}", topics_offered=[topics["exams"], topics["fatigue"]])
    assert queries_for_page(client, "/members/") == with_one


def test_member_profile_query_count_is_fixed(topics: dict[str, Term]) -> None:
    client = signed_in(make_user())
    few = member_with_profile("Few", topics_offered=[topics["exams"]])
    many = member_with_profile("Many", topics_offered=list(topics.values()))
    assert queries_for_page(client, f"/members/{few.pk}/") == queries_for_page(
        client, f"/members/{many.pk}/"
    )


def photo_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_photo_needs_alt_text_and_is_served_per_visibility() -> None:
    owner = make_user()
    client = signed_in(owner)
    response = client.post("/profile/edit/about-you/", profile_form(photo=photo_upload()))
    assert "Describe your photo, or remove it." in response.content.decode()
    client.post(
        "/profile/edit/about-you/",
        profile_form(
            photo=photo_upload(), photo_alt_text="Me smiling", visibility_photo="organizers"
        ),
    )
    assert Profile.objects.get(user=owner).photo
    assert signed_in(make_user()).get(f"/members/{owner.pk}/photo/").status_code == 404
    organizer_view = signed_in(make_user(is_organizer=True)).get(f"/members/{owner.pk}/photo/")
    assert organizer_view.status_code == 200
    assert b"".join(organizer_view.streaming_content)[:4] == b"\x89PNG"  # type: ignore[attr-defined]
    organizer_view.close()


def test_public_profile_shows_only_public_fields(client: Client) -> None:
    owner = member_with_profile(
        "Public Person", bio="PUBLIC-BIO", specialty="MEMBERS-ONLY", visibility={"bio": "public"}
    )
    html = client.get(f"/people/{owner.pk}/").content.decode()
    assert "PUBLIC-BIO" in html
    assert "MEMBERS-ONLY" not in html
    private = member_with_profile("Private Person", bio="x")
    assert client.get(f"/people/{private.pk}/").status_code == 404


def test_lived_experience_categories_are_sensitive_and_need_consent() -> None:
    category = make_term(kind=TermKind.CONDITION, label="Chronic illness")
    user = make_user()
    client = signed_in(user)
    response = client.post(
        "/profile/edit/lived-experience/", profile_form(lived_experience_categories=[category.pk])
    )
    assert "Tick this box to let the site keep what you wrote about your health" in (
        response.content.decode()
    )
    client.post(
        "/profile/edit/lived-experience/",
        profile_form(lived_experience_categories=[category.pk], health_consent="on"),
    )
    profile = Profile.objects.get(user=user)
    assert list(profile.lived_experience_categories.all()) == [category]
    assert profile.visibility["lived_experience_categories"] == "only_me"
    client.post("/profile/health-consent/")
    assert list(profile.lived_experience_categories.all()) == []


def test_directory_condition_filter_respects_each_members_choice() -> None:
    category = make_term(kind=TermKind.CONDITION, label="Deaf or hard of hearing")
    sharing = member_with_profile(
        "Shares It",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility={"lived_experience_categories": "members"},
    )
    private = member_with_profile("Keeps It Private", health_consent_at="2026-01-01T00:00:00Z")
    for user in (sharing, private):
        Profile.objects.get(user=user).lived_experience_categories.set([category])
    html = signed_in(make_user()).get(f"/members/?condition={category.pk}").content.decode()
    assert "Shares It" in html
    assert "Keeps It Private" not in html


def test_directory_time_zone_filter() -> None:
    member_with_profile("In Chicago", time_zone="America/Chicago")
    member_with_profile("In Denver", time_zone="America/Denver")
    html = signed_in(make_user()).get("/members/?time_zone=America/Denver").content.decode()
    assert "In Denver" in html
    assert "In Chicago" not in html


@pytest.mark.parametrize(("audience", "member_sees"), [("only_me", False), ("members", True)])
def test_lived_experience_categories_follow_their_audience(
    audience: str, member_sees: bool
) -> None:
    category = make_term(kind=TermKind.CONDITION, label="Chronic pain or fatigue")
    owner = member_with_profile(
        "Owner",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility={"lived_experience_categories": audience},
    )
    Profile.objects.get(user=owner).lived_experience_categories.set([category])
    html = signed_in(make_user()).get(f"/members/{owner.pk}/").content.decode()
    assert ("Chronic pain or fatigue" in html) is member_sees
