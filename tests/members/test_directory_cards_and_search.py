"""The directory: cards with a picture or initials, free-text search over names and the
fields each member lets the viewer see (never a hidden one), and demo members who agree
with themselves."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from dm3p.accounts.models import User
from dm3p.core.hooks import DemoOptions
from dm3p.core.models import AuditEntry
from dm3p.core.templatetags.avatars import initials
from dm3p.members.defaults import STARTING_TERMS, terms_fill
from dm3p.members.demo import PERSONAS, demo_profiles
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile, Term
from dm3p.members.profile_fields import default_visibility
from tests.factories import make_user
from tests.factories.members import make_profile, make_term
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def member(name: str, **fields: object) -> User:
    user = make_user(name=name)
    visibility = {**default_visibility(), **fields.pop("visibility", {})}  # type: ignore[dict-item]
    terms = {key: fields.pop(key) for key in list(fields) if isinstance(fields[key], list)}
    profile = make_profile(user=user, display_name=name, visibility=visibility, **fields)
    for key, chosen in terms.items():
        getattr(profile, key).set(chosen)
    return user


def found(client: Client, query: str) -> list[str]:
    """The names on the directory's cards for the search ``query`` (as typed in the box)."""
    page = parse(client.get("/members/", {"q": query}))
    return [card.one("h3").text() for card in page.all("li", class_="member-card")]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Rosa María Silva", "RS"), ("Mei", "M"), ("  ", "?"), ("Dr. (Sam) Okafor", "DO")],
)
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


def test_card_shows_name_pronouns_profession_stage_and_offers() -> None:
    occupational = make_term(kind=TermKind.PROFESSION, label="Occupational therapist")
    fellow = make_term(kind=TermKind.STAGE, label="Fellow")
    topic = make_term(kind=TermKind.TOPIC, label="Fatigue and energy management")
    member(
        "Ana Lima",
        pronouns="she/her",
        specialty="Hand therapy",
        stage=fellow,
        professions=[occupational],
        topics_offered=[topic],
    )
    page = parse(signed_in(make_user()).get("/members/"))
    card = page.one("li", class_="member-card")
    assert card.one("h3").text() == "Ana Lima"
    assert card.one(class_="member-card__pronouns").text() == "she/her"
    facts = [(row.one("dt").text(), row.one("dd").text()) for row in card.one("dl").all("div")]
    assert facts == [
        ("Profession", "Occupational therapist, Hand therapy"),
        ("Stage", "Fellow"),
        ("Can share experience about", "Fatigue and energy management"),
    ]
    avatar = card.one(class_="avatar")
    assert (avatar.attrs.get("aria-hidden"), avatar.one(class_="avatar__initials").text()) == (
        "true",
        "AL",
    )
    assert card.all("img") == []


@pytest.mark.parametrize(("audience", "photo_shown"), [("members", True), ("organizers", False)])
def test_card_shows_the_photo_only_to_whom_it_is_allowed(audience: str, photo_shown: bool) -> None:
    owner = member("Ana Lima", photo_alt_text="Smiling", visibility={"photo": audience})
    profile = Profile.objects.get(user=owner)
    profile.photo.save("me.png", png())
    card = parse(signed_in(make_user()).get("/members/")).one("li", class_="member-card")
    images = card.all("img")
    if photo_shown:
        assert [(img.attrs["src"], img.attrs["alt"]) for img in images] == [
            (f"/members/{owner.pk}/photo/", "")
        ]
        assert card.all(class_="avatar__initials") == []
    else:
        assert images == []
        assert card.one(class_="avatar__initials").text() == "AL"


def test_search_finds_by_name_and_by_fields_the_viewer_sees() -> None:
    deaf = make_term(kind=TermKind.CONDITION, label="Deaf or hard of hearing")
    pharmacist = make_term(kind=TermKind.PROFESSION, label="Pharmacist")
    member("Rosa Silva", region="Boston")
    member("Sam Okafor", professions=[pharmacist], specialty="Hospital pharmacy")
    member(
        "Ines Duarte",
        health_consent_at="2026-01-01T00:00:00Z",
        lived_experience_categories=[deaf],
        visibility={"lived_experience_categories": "members"},
    )
    client = signed_in(make_user())
    assert found(client, "rosa") == ["Rosa Silva"]
    assert found(client, "boston") == ["Rosa Silva"]
    assert found(client, "pharmac") == ["Sam Okafor"]
    assert found(client, "hospital pharmacist") == ["Sam Okafor"]
    assert found(client, "deaf") == ["Ines Duarte"]
    assert found(client, "nobody-has-this") == []


def test_search_never_finds_anyone_through_a_field_hidden_from_the_viewer() -> None:
    deaf = make_term(kind=TermKind.CONDITION, label="Deaf or hard of hearing")
    common = {"health_consent_at": "2026-01-01T00:00:00Z", "lived_experience_categories": [deaf]}
    member("Shares It", **common, visibility={"lived_experience_categories": "members"})
    member("Keeps It Private", **common)  # "Only me", as health starts
    member("Tells Organizers", **common, visibility={"lived_experience_categories": "organizers"})
    member(
        "Private Region",
        region="Deafsmith County",
        visibility={"region": "only_me"},
        lived_experience="Deaf since birth.",  # free text: encrypted, never searched
        health_consent_at="2026-01-01T00:00:00Z",
    )
    member("Hidden Bio", bio="I am deaf.", visibility={"bio": "organizers"})
    viewer = make_user()
    assert found(signed_in(viewer), "deaf") == ["Shares It"]
    assert found(signed_in(viewer), "hearing") == ["Shares It"]
    organizer = make_user(is_organizer=True)
    assert found(signed_in(organizer), "deaf") == [
        "Hidden Bio",
        "Shares It",
        "Tells Organizers",
    ]
    assert found(signed_in(organizer, mfa_passed=False), "deaf") == ["Shares It"]


def test_finding_someone_by_their_kind_of_illness_is_recorded_for_them() -> None:
    deaf = make_term(kind=TermKind.CONDITION, label="Deaf or hard of hearing")
    owner = member(
        "Shares It",
        health_consent_at="2026-01-01T00:00:00Z",
        lived_experience_categories=[deaf],
        visibility={"lived_experience_categories": "members"},
    )
    viewer = make_user()
    found(signed_in(viewer), "Shares")  # found by name: nothing about health shown
    assert AuditEntry.objects.filter(action="profile.view_sensitive").count() == 0
    found(signed_in(viewer), "deaf")
    entry = AuditEntry.objects.get(action="profile.view_sensitive")
    assert (entry.actor_id, entry.subject_user_id, entry.fields) == (
        viewer.pk,
        owner.pk,
        ["lived_experience_categories"],
    )


def test_filters_fold_away_unless_in_use() -> None:
    client = signed_in(make_user())
    details = parse(client.get("/members/")).one("details", class_="directory-filters")
    assert "open" not in details.attrs
    details = parse(client.get("/members/", {"region": "Ohio"})).one(
        "details", class_="directory-filters"
    )
    assert "open" in details.attrs


@pytest.mark.parametrize("query", ["", "?q=example", "?q=deaf+example&region=o"])
def test_directory_query_count_is_fixed_with_one_or_many_members(query: str) -> None:
    deaf = make_term(kind=TermKind.CONDITION, label="Deaf or hard of hearing")
    topic = make_term(kind=TermKind.TOPIC, label="Fatigue")
    client = signed_in(make_user())
    shared = {
        "region": "Ohio",
        "health_consent_at": "2026-01-01T00:00:00Z",
        "lived_experience_categories": [deaf],
        "topics_offered": [topic],
        "visibility": {"lived_experience_categories": "members"},
    }
    member("Example 0", **shared)
    with_one = queries_for_page(client, f"/members/{query}")
    for number in range(1, 30):
        member(f"Example {number}", **shared)
    assert queries_for_page(client, f"/members/{query}") == with_one


def demo_members(count: int) -> list[Profile]:
    for kind in STARTING_TERMS:
        terms_fill(kind)
    for number in range(count):
        make_user(name=f"Demo Member {number}")
    demo_profiles(DemoOptions(password="unused"))
    return list(Profile.objects.prefetch_related("professions", "lived_experience_categories"))


def test_demo_members_agree_with_themselves() -> None:
    profiles = demo_members(60)
    personas = {persona.bio: persona for persona in PERSONAS}
    assert len(profiles) == 60
    for profile in profiles:
        persona = personas[profile.bio]
        assert [term.label for term in profile.professions.all()] == [persona.profession]
        assert profile.specialty == persona.specialty
        assert [term.label for term in profile.lived_experience_categories.all()] == (
            [persona.condition] if persona.condition else []
        )
        assert profile.lived_experience == (persona.lived_experience or None)
        assert (profile.health_consent_at is not None) is bool(persona.condition)
    labels = {
        label
        for kind in (TermKind.PROFESSION, TermKind.CONDITION)
        for label in STARTING_TERMS[kind]
    }
    assert {p.profession for p in PERSONAS} | {
        p.condition for p in PERSONAS if p.condition
    } <= labels
    topics = set(STARTING_TERMS[TermKind.TOPIC])
    assert {topic for persona in PERSONAS for topic in persona.topics} <= topics


def test_demo_members_who_have_been_through_the_same_find_each_other() -> None:
    demo_members(60)
    client = signed_in(make_user())
    for condition in ["Deaf or hard of hearing", "Chronic illness", "Mobility disability"]:
        names = found(client, condition)
        assert len(names) >= 3, condition
    assert Term.objects.filter(kind=TermKind.CONDITION).count() == len(
        STARTING_TERMS[TermKind.CONDITION]
    )
