"""An e-mail address that a spreadsheet would run as a formula is refused wherever an
address enters the site (it would go into Zoom's breakout file and attendee lists)."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client

from dm3p.accounts.models import User
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.helpers import signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

FORMULA_ADDRESS = "=1+2@example.org"
MESSAGE = (
    "An e-mail address can&#x27;t start with =, +, - or @. Check the address and type it again."
)


def test_user_model_refuses_an_address_starting_with_a_formula() -> None:
    with pytest.raises(ValidationError) as refused:
        User(email=FORMULA_ADDRESS).full_clean(exclude=["password"])
    assert refused.value.message_dict["email"] == [
        "An e-mail address can't start with =, +, - or @. Check the address and type it again."
    ]
    with pytest.raises(ValidationError):
        User.objects.create_user("+sum@example.org")
    assert User.objects.count() == 0


@pytest.mark.parametrize("address", ["=1+2@example.org", "+1@example.org", "-1@example.org"])
def test_apply_refuses_an_address_starting_with_a_formula(client: Client, address: str) -> None:
    response = client.post("/apply/", {"name": "Rosa", "email": address, "send_link": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert MESSAGE in html
    assert parse(html).one("input", name="email").attrs["value"] == address
    assert User.objects.count() == 0


def test_adding_an_address_refuses_one_starting_with_a_formula() -> None:
    member = make_user(email="mei@example.org")
    response = signed_in(member).post(
        "/accounts/email/", {"action_add": "", "email": FORMULA_ADDRESS}
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    addresses = EmailAddress.objects.filter(user=member).values_list("email", flat=True)
    assert list(addresses) == ["mei@example.org"]


def test_zoom_address_on_the_profile_refuses_one_starting_with_a_formula() -> None:
    member = make_user()
    profile_ensure(user=member)
    response = signed_in(member).post(
        "/profile/edit/where-and-when/", {"zoom_email": FORMULA_ADDRESS}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert MESSAGE in html
    assert f'value="{FORMULA_ADDRESS}"' in html
    assert Profile.objects.get(user=member).zoom_email == ""


def test_django_admin_refuses_an_address_starting_with_a_formula() -> None:
    person = make_user(email="mei@example.org", name="Mei")
    response = signed_in(make_user(is_admin=True)).post(
        f"/admin/accounts/user/{person.pk}/change/", {"email": FORMULA_ADDRESS, "name": "Mei"}
    )
    assert response.status_code == 200
    assert "can&#x27;t start with =, +, - or @" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "mei@example.org"
