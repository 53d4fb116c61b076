import pytest
from django.test import Client

from dm3p.core.models import DisplayPreference
from tests.factories import TEST_PASSWORD, make_user
from tests.factories.core import make_display_preference
from tests.helpers import signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

CHOICES = {"theme": "contrast", "text_size": "150", "font": "dyslexia", "motion": "reduce"}


def html_attributes(client: Client, path: str = "/display/") -> dict[str, str]:
    attrs = parse(client.get(path)).one("html").attrs
    return {
        name.removeprefix("data-"): value
        for name, value in attrs.items()
        if name.startswith("data-")
    }


def test_display_defaults_follow_the_device(client: Client) -> None:
    assert html_attributes(client) == {
        "theme": "system",
        "text-size": "100",
        "font": "default",
        "motion": "system",
    }


def test_display_visitor_choice_is_kept_in_a_cookie(client: Client) -> None:
    response = client.post("/display/", CHOICES)
    assert response.status_code == 302
    assert html_attributes(client, "/") == {
        "theme": "contrast",
        "text-size": "150",
        "font": "dyslexia",
        "motion": "reduce",
    }
    assert DisplayPreference.objects.count() == 0


def test_display_signed_in_choice_is_saved_to_the_account() -> None:
    user = make_user()
    client = signed_in(user)
    client.post("/display/", CHOICES)
    saved = DisplayPreference.objects.get(user=user)
    assert (saved.theme, saved.text_size, saved.font, saved.motion) == (
        "contrast",
        "150",
        "dyslexia",
        "reduce",
    )


def test_display_saved_choice_follows_the_person_to_a_new_browser() -> None:
    user = make_user()
    make_display_preference(user=user, theme="dark", text_size="200")
    browser = Client()
    browser.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert html_attributes(browser, "/")["theme"] == "dark"
    assert html_attributes(browser, "/")["text-size"] == "200"


def test_display_bad_value_gets_message_and_keeps_other_choices(client: Client) -> None:
    response = client.post("/display/", {**CHOICES, "theme": "neon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. neon is not one of the available choices." in html
    assert 'value="150" required id="id_text_size_2" checked' in html


def test_display_tampered_cookie_is_ignored(client: Client) -> None:
    client.cookies["dm3p_display"] = "not-signed"
    assert html_attributes(client)["theme"] == "system"


def test_display_redirects_back_only_to_this_site(client: Client) -> None:
    assert client.post("/display/", {**CHOICES, "next": "/join/"})["Location"] == "/join/"
    assert (
        client.post("/display/", {**CHOICES, "next": "https://evil.example/"})["Location"]
        == "/display/"
    )
