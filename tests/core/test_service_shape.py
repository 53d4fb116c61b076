"""The shared shape of services and extension points: typed answers, one way to refuse,
one registry for hooks."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from dm3p.core.hooks import Hook
from dm3p.core.models import AuditEntry, SiteSettings
from dm3p.core.refusals import BulkOutcome, ServiceRefusal, refusal_show
from dm3p.core.services import SiteSettingsAnswers, site_settings_update
from tests.factories import make_user


def greeting() -> str:
    return "hello"


def test_a_hook_keeps_one_entry_per_key_and_replaces_in_place() -> None:
    hook: Hook[object] = Hook("test.things", key=lambda entry: str(entry).split(":")[0])
    hook.register("a:first")
    hook.register("b:only")
    hook.register("a:second")
    assert list(hook) == ["a:second", "b:only"]
    hook.unregister("a:anything")
    assert list(hook) == ["b:only"]


def test_a_hook_knows_functions_by_their_name_so_registering_twice_is_harmless() -> None:
    hook: Hook[object] = Hook("test.functions")
    assert hook.register(greeting) is greeting
    hook.register(greeting)
    assert len(hook) == 1


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_refusal_about_a_field_is_shown_beside_it_and_others_at_the_top() -> None:
    form = NameForm({"name": "Ada"})
    assert form.is_valid()
    refusal_show(ServiceRefusal("That name is taken.", field="name"), form=form)
    refusal_show(ServiceRefusal("Sign-up has closed.", field="not_on_this_form"), form=form)
    assert form.errors["name"] == ["That name is taken."]
    assert form.non_field_errors() == ["Sign-up has closed."]


@pytest.mark.django_db
def test_a_refusal_without_a_form_becomes_a_message_and_bulk_outcomes_say_what_happened(
    rf: RequestFactory,
) -> None:
    request = rf.post("/")
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    outcome = BulkOutcome()
    outcome.done += 2
    outcome.refuse("Sam", ServiceRefusal("Already decided."))
    outcome.show(request, done_text="Decision recorded for {count}.")
    refusal_show(ServiceRefusal("Nothing was chosen."), request=request)
    assert [str(message) for message in get_messages(request)] == [
        "Decision recorded for 2.",
        "Not changed: Sam. Already decided.",
        "Nothing was chosen.",
    ]


@pytest.mark.django_db
def test_answers_are_compared_with_the_stored_row_and_model_rules_refuse_by_field() -> None:
    admin = make_user(is_admin=True)
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    answers = SiteSettingsAnswers(
        name="PeerMed",
        long_name=site.long_name,
        tagline=site.tagline,
        contact_email="a@b.org",
        time_zone=site.time_zone,
    )
    site_settings_update(actor=admin, answers=answers)
    assert AuditEntry.objects.get(action="site_settings.update").fields == [
        "contact_email",
        "name",
    ]
    too_long = SiteSettingsAnswers(
        name="x" * 500, long_name="", tagline="", contact_email="a@b.org", time_zone="UTC"
    )
    with pytest.raises(ServiceRefusal) as refused:
        site_settings_update(actor=admin, answers=too_long)
    assert refused.value.field in {"name", "long_name"}
    assert SiteSettings.objects.get(pk=1).name == "PeerMed"
