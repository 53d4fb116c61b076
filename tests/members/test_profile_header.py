"""A profile page's picture is the avatar component: the photo, described in the member's
own words, only for a viewer the member lets see it; initials otherwise."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dm3p.members.models import Profile
from dm3p.members.profile_fields import default_visibility
from tests.factories import make_user
from tests.factories.members import make_profile
from tests.helpers import signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def ana_with_photo(audience: str) -> Profile:
    user = make_user(name="Ana Lima")
    visibility = {**default_visibility(), "photo": audience}
    profile = make_profile(
        user=user, display_name="Ana Lima", photo_alt_text="Smiling", visibility=visibility
    )
    profile.photo.save("me.png", png())
    return profile


@pytest.mark.parametrize(("audience", "photo_shown"), [("members", True), ("organizers", False)])
def test_member_page_shows_the_photo_only_to_whom_it_is_allowed(
    audience: str, photo_shown: bool
) -> None:
    profile = ana_with_photo(audience)
    page = parse(signed_in(make_user()).get(f"/members/{profile.user_id}/"))
    avatar = page.one(class_="avatar--large")
    if photo_shown:
        [img] = avatar.all("img")
        assert (img.attrs["src"], img.attrs["alt"]) == (
            f"/members/{profile.user_id}/photo/",
            "Smiling",
        )
        assert "aria-hidden" not in avatar.attrs
    else:
        assert avatar.all("img") == []
        assert avatar.one(class_="avatar__initials").text() == "AL"
        assert avatar.attrs["aria-hidden"] == "true"
    assert page.all(class_="profile-photo") == []


def test_own_profile_shows_the_owner_their_photo() -> None:
    profile = ana_with_photo("organizers")
    page = parse(signed_in(profile.user).get("/profile/"))
    [img] = page.one(class_="avatar--large").all("img")
    assert img.attrs["alt"] == "Smiling"


def test_member_page_names_the_time_zone_as_people_say_it() -> None:
    user = make_user(name="Ana Lima")
    make_profile(user=user, display_name="Ana Lima", time_zone="America/New_York")
    text = parse(signed_in(make_user()).get(f"/members/{user.pk}/")).one("main").text()
    assert "Eastern Time (US and Canada), New York" in text
    assert "America/New_York" not in text
