"""Core journeys of membership with the keyboard alone (ACCESSIBILITY.md, journeys 1, 9, 10):
apply, save half-way and come back from the e-mailed link; set up the account from the
welcome link; choose who sees your lived experience and preview it; download your data."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import BrowserContext
from playwright.sync_api import Page as Tab

from dm3p.accounts.services import welcome_link
from dm3p.members.enums import ApplicationStatus, TermKind
from dm3p.members.models import Application, Profile
from dm3p.members.services import profile_ensure
from tests.browser.browsing import ConsoleWatch, focused, press_tab_until, sign_in
from tests.emails import emails_to, link_in
from tests.factories import make_user
from tests.factories.members import make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_into(tab: Tab, field: str, text: str) -> None:
    press_tab_until(tab, field)
    tab.keyboard.type(text)


def press_space_on(tab: Tab, field: str) -> None:
    press_tab_until(tab, field)
    tab.keyboard.press("Space")


def test_visitor_applies_saves_half_way_and_finishes_from_the_emailed_link(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    make_term(kind=TermKind.PROFESSION, label="Pharmacist")
    make_term(kind=TermKind.STAGE, label="Early career")
    tab.goto(base_url)
    press_tab_until(tab, 'link "Apply to join"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    type_into(tab, 'textbox "Your name"', "Rosa Silva")
    tab.keyboard.press("Tab")
    assert focused(tab) == 'textbox "Your e-mail address"'
    tab.keyboard.type("rosa@example.org")
    press_tab_until(tab, 'button "Save and e-mail me a link to finish later"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.locator("h1").inner_text() == "Check your e-mail"

    [email] = emails_to("rosa@example.org")
    link = link_in(str(email.body), "/apply/resume/")

    later = context.browser.new_context(base_url=base_url)  # type: ignore[union-attr]
    try:
        _finish_from_the_link(later, base_url, link, console)
    finally:
        later.close()
    console.assert_clean("applying")


def _finish_from_the_link(
    later: BrowserContext, base_url: str, link: str, console: ConsoleWatch
) -> None:
    resumed = later.new_page()
    console.attach(resumed)
    resumed.goto(f"{base_url}{link}")
    assert resumed.url == f"{base_url}{reverse('members:apply')}"
    press_space_on(resumed, 'checkbox "Pharmacist"')
    press_tab_until(resumed, 'radio "Early career"')
    resumed.keyboard.press("Space")
    press_tab_until(resumed, 'radio "A person with a disability or chronic illness"')
    resumed.keyboard.press("Space")
    type_into(resumed, 'textbox "What do you hope to get from the program? (optional)"', "Peers.")
    press_space_on(resumed, 'checkbox "I have read the code of conduct and agree to follow it"')
    press_tab_until(resumed, 'button "Send my application"')
    with resumed.expect_navigation():
        resumed.keyboard.press("Enter")
    assert resumed.locator("h1").inner_text() == "Your application"
    assert "Waiting for review" in resumed.locator("main").inner_text()
    application = Application.objects.get(user__email="rosa@example.org")
    assert application.status == ApplicationStatus.SUBMITTED
    assert [term.label for term in application.professions.all()] == ["Pharmacist"]


def test_member_chooses_who_sees_their_lived_experience_and_previews_it(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    member = make_user(name="Mei")
    profile = profile_ensure(user=member)
    profile.lived_experience = "Living with lupus since 2015."
    profile.health_consent_at = profile.updated_at
    profile.save()
    sign_in(context, member, base_url)
    tab.goto(f"{base_url}{reverse('members:edit_profile')}")
    press_tab_until(tab, 'link "Change this part: Your lived experience"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'combobox "Who can see: my disability or chronic illness"', limit=40)
    tab.keyboard.press("ArrowDown")  # from "Only me" to "Organizers"
    tab.keyboard.press("ArrowDown")  # to "My circle"
    press_tab_until(tab, 'button "Save this part"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert Profile.objects.get(user=member).visibility["lived_experience"] == "my_circle"
    assert "Saved: your lived experience." in tab.locator("main").inner_text()

    press_tab_until(tab, 'link "Preview your profile as others see it"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'combobox "Preview as"')
    tab.keyboard.press("End")  # the widest audience last
    tab.keyboard.press("ArrowUp")  # "All members"
    tab.keyboard.press("ArrowUp")  # "My circle"
    press_tab_until(tab, 'button "Show preview"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.locator("h1").inner_text() == ("Your profile as seen by the people in your circle")
    assert "Living with lupus since 2015." in tab.locator("main").inner_text()
    console.assert_clean("choosing who sees a field")


def test_member_downloads_their_data_with_the_keyboard(
    tab: Tab, context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    member = make_user(name="Mei", email="mei@example.org")
    profile_ensure(user=member)
    sign_in(context, member, base_url)
    tab.goto(f"{base_url}{reverse('members:my_data')}")
    press_tab_until(tab, 'link "Download it as a file (JSON)"')
    with tab.expect_download() as download_info:
        tab.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "my-dm3p-data.json"
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["Account"][0]["email"] == "mei@example.org"
    console.assert_clean("downloading data")


def test_new_member_sets_up_their_account_from_the_welcome_link_with_the_keyboard(
    tab: Tab, base_url: str, console: ConsoleWatch
) -> None:
    """The approval e-mail's one link: choose a password, and land signed in on the
    welcome list (no "Change Password", no second e-mail, no signing in again)."""
    newcomer = make_user(name="Noor")
    newcomer.set_unusable_password()
    newcomer.save()
    link = welcome_link(newcomer).removeprefix(settings.SITE_URL)
    tab.goto(f"{base_url}{link}")
    assert tab.locator("h1").inner_text() == "Welcome, Noor"
    type_into(tab, 'textbox "Choose a password"', "four words to remember")
    type_into(tab, 'textbox "Type the same password again"', "four words to remember")
    press_tab_until(tab, 'button "Save my password and sign in"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == f"{base_url}{reverse('accounts:welcome')}"
    assert "Your access needs" in tab.locator("main").inner_text()
    console.assert_clean("setting up an account from the welcome link")
