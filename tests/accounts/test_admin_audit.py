"""Changes to people made in Django admin go through the site's services and are audited."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def admin_client() -> tuple[Client, User]:
    admin_user = make_user(is_admin=True)
    return signed_in(admin_user), admin_user


def test_django_admin_name_change_is_audited() -> None:
    client, admin_user = admin_client()
    person = make_user(email="mei@example.org", name="Mei")
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/", {"email": "mei@example.org", "name": "Mei L"}
    )
    assert response["Location"] == "/admin/accounts/user/"
    person.refresh_from_db()
    assert person.name == "Mei L"
    entry = AuditEntry.objects.get(action="person.details")
    assert (entry.actor_id, entry.subject_user_id, entry.fields) == (
        admin_user.pk,
        person.pk,
        ["name"],
    )


def test_django_admin_address_change_is_audited_and_must_be_confirmed() -> None:
    client, admin_user = admin_client()
    person = make_user(email="mei@example.org", name="Mei")
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/", {"email": "Mei.L@Example.org", "name": "Mei"}
    )
    assert response["Location"] == "/admin/accounts/user/"
    person.refresh_from_db()
    assert person.email == "mei.l@example.org"
    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == [
        ("mei.l@example.org", False)
    ]
    entry = AuditEntry.objects.get(action="person.details")
    assert (entry.actor_id, entry.subject_user_id, entry.fields) == (
        admin_user.pk,
        person.pk,
        ["email"],
    )


def test_django_admin_save_without_changes_records_no_changed_fields() -> None:
    client, _ = admin_client()
    person = make_user(email="mei@example.org", name="Mei")
    client.post(
        f"/admin/accounts/user/{person.pk}/change/", {"email": "mei@example.org", "name": "Mei"}
    )
    assert list(AuditEntry.objects.filter(action="person.details").values_list("fields")) == [([],)]
