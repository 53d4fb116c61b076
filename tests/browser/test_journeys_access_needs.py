"""A member saves their access needs with the keyboard alone, in a browser with JavaScript
turned off: each kind they tick brings its own details box, and saving the page again as it
is changes nothing."""

import pytest
from playwright.sync_api import BrowserContext

from dm3p.accommodations.models import StandingNeed
from dm3p.members.services import profile_ensure
from tests.browser.browsing import ConsoleWatch, focused, press_tab_until, sign_in
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_gives_each_need_its_own_details_without_javascript(
    context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    asl = make_accommodation_type(label="ASL interpretation", lead_days=14, order=1)
    other = make_accommodation_type(
        label="Other sign language",
        needs_details=True,
        description="Tell us which sign language.",
        order=2,
    )
    member = make_user(name="Mei")
    profile_ensure(user=member)
    no_script = context.browser.new_context(  # type: ignore[union-attr]
        base_url=base_url, java_script_enabled=False
    )
    try:
        sign_in(no_script, member, base_url)
        tab = no_script.new_page()
        console.attach(tab)
        tab.goto(f"{base_url}/profile/access-needs/")
        asl_box = tab.get_by_role("textbox", name="Details for ASL interpretation (optional)")
        other_box = tab.get_by_role("textbox", name="Details for Other sign language")
        assert (asl_box.is_visible(), other_box.is_visible()) == (False, False)

        press_tab_until(tab, 'checkbox "ASL interpretation"')
        tab.keyboard.press("Space")
        tab.keyboard.press("Tab")
        assert focused(tab) == 'textbox "Details for ASL interpretation (optional)"'
        tab.keyboard.type("Medical vocabulary")
        tab.keyboard.press("Tab")
        assert focused(tab) == 'checkbox "Other sign language"'
        tab.keyboard.press("Space")
        tab.keyboard.press("Tab")
        assert focused(tab) == 'textbox "Details for Other sign language"'
        tab.keyboard.type("BSL")
        press_tab_until(tab, 'button "Save my access needs"')
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert sorted(StandingNeed.objects.values_list("kind__label", "details")) == [
            ("ASL interpretation", "Medical vocabulary"),
            ("Other sign language", "BSL"),
        ]

        tab.goto(f"{base_url}/profile/access-needs/")
        assert (asl_box.input_value(), other_box.input_value()) == ("Medical vocabulary", "BSL")
        stored = sorted(StandingNeed.objects.values_list("kind_id", "details"))
        with tab.expect_navigation():
            tab.get_by_role("button", name="Save my access needs").click()
        assert "Nothing to save: your access needs are as they were." in tab.inner_text("main")
        assert sorted(StandingNeed.objects.values_list("kind_id", "details")) == stored
        assert sorted(stored) == sorted([(asl.pk, "Medical vocabulary"), (other.pk, "BSL")])
    finally:
        no_script.close()
    console.assert_clean("saving access needs without JavaScript")
