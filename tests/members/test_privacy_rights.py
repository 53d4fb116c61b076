import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.models import Application, Profile
from dm3p.members.personal_data import personal_data_entries, personal_data_exempt
from dm3p.members.profile_fields import default_visibility
from tests.factories import make_user
from tests.factories.core import make_audit_entry
from tests.factories.members import make_application, make_profile
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def member_with_everything() -> User:
    user = make_user(email="mei@example.org", name="Mei")
    make_application(
        user=user,
        status="approved",
        hopes_to_get="HOPES-MARKER",
        health_details="HEALTH-MARKER",
        health_consent_at="2026-01-01T00:00:00Z",
    )
    make_profile(
        user=user,
        display_name="Mei",
        bio="BIO-MARKER",
        lived_experience="LIVED-MARKER",
        health_consent_at="2026-01-01T00:00:00Z",
        visibility=default_visibility(),
    )
    return user


def test_every_model_pointing_at_a_person_is_in_the_personal_data_registry() -> None:
    covered = {entry.model._meta.label_lower for entry in personal_data_entries()} | set(
        personal_data_exempt()
    )
    pointing = {
        model._meta.label_lower
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
        and field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
        and field.concrete
    } | {settings.AUTH_USER_MODEL.lower()}
    assert sorted(pointing - covered) == []


def test_data_export_has_everything_about_the_member_as_json_and_a_page() -> None:
    user = member_with_everything()
    client = signed_in(user)
    response = client.get("/profile/data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-dm3p-data.json"'
    data = json.loads(response.content)
    assert data["Account"][0]["email"] == "mei@example.org"
    assert data["Application"][0]["hopes_to_get"] == "HOPES-MARKER"
    assert data["Application"][0]["health_details"] == "HEALTH-MARKER"
    assert data["Profile"][0]["lived_experience"] == "LIVED-MARKER"
    page = client.get("/profile/data/").content.decode()
    assert "BIO-MARKER" in page
    assert "LIVED-MARKER" in page


def test_data_export_contains_no_one_else() -> None:
    member_with_everything()
    other = make_user(email="other@example.org")
    client = signed_in(other)
    response = client.get("/profile/data.json")
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    export = response.content.decode()
    assert "other@example.org" in export
    assert "MARKER" not in export


def test_delete_account_needs_the_address_typed() -> None:
    user = member_with_everything()
    client = signed_in(user)
    response = client.post("/profile/delete/", {"confirm_email": "someone@example.org"})
    assert "That is not the e-mail address of this account." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_erases_the_person_and_keeps_records_others_rely_on() -> None:
    user = member_with_everything()
    organizer = make_user(is_organizer=True)
    make_audit_entry(actor=organizer, subject_user=user, action="profile.view_sensitive")
    client = signed_in(user)
    response = client.post("/profile/delete/", {"confirm_email": "MEI@example.org"})
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert Application.objects.count() == Profile.objects.count() == 0
    kept = AuditEntry.objects.get(action="profile.view_sensitive")
    assert (kept.actor_id, kept.subject_user_id) == (organizer.pk, None)
    assert client.get("/account/")["Location"].startswith("/accounts/login/")
