import pytest

from dm3p.members.hooks import PROFILE_SECTIONS, ProfileSection
from dm3p.members.models import Profile
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs_section() -> object:
    section = PROFILE_SECTIONS.register(
        ProfileSection(
            key="test-needs",
            title="Standing needs",
            template_name="members/_section_rows.html",
            data=lambda profile: {"rows": [("Interpreting", f"ASL, for {profile.display_name}")]},
            edit_url_name="members:edit_profile",
        )
    )
    yield section
    PROFILE_SECTIONS.unregister(section)


def test_profile_section_from_a_later_app_shows_on_the_own_profile(needs_section: object) -> None:
    user = make_user(name="Mei")
    client = signed_in(user)
    html = client.get("/profile/").content.decode()
    assert '<h2 id="section-test-needs">Standing needs</h2>' in html
    assert "<dt>Interpreting</dt><dd>ASL, for Mei</dd>" in html
    assert '<a href="/profile/edit/">Change standing needs</a>' in html
    assert Profile.objects.filter(user=user).count() == 1


def test_profile_section_from_a_later_app_is_listed_among_the_parts_to_edit(
    needs_section: object,
) -> None:
    html = signed_in(make_user(name="Mei")).get("/profile/edit/").content.decode()
    assert "<h2>Standing needs</h2>" in html
    assert (
        '<a class="button button--secondary" href="/profile/edit/">Change this part'
        '<span class="visually-hidden">: Standing needs</span></a>'
    ) in html
