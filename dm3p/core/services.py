import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string

from dm3p.core.display import DisplayChoices
from dm3p.core.emails import email_kind_get
from dm3p.core.models import (
    AuditEntry,
    DisplayPreference,
    EmailOptOut,
    OutboundEmail,
    SiteSettings,
)
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.selectors import site_settings_get
from dm3p.core.typing import Person

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def _audit_entry(
    *,
    actor: Person | None,
    action: str,
    subject_user: Person | None,
    target: models.Model | None,
    fields: Iterable[str],
) -> AuditEntry:
    """An audit entry, not yet stored: who did what, to whom, to which object, which fields."""
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_user=subject_user,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        fields=sorted(fields),
    )


def audit_record(
    *,
    actor: Person | None,
    action: str,
    subject_user: Person | None = None,
    target: models.Model | None = None,
    fields: Iterable[str] = (),
) -> AuditEntry:
    """Record an action. Pass field names only, never their values."""
    entry = _audit_entry(
        actor=actor, action=action, subject_user=subject_user, target=target, fields=fields
    )
    entry.save(force_insert=True)
    return entry


def audit_record_many(
    *,
    actor: Person | None,
    action: str,
    items: Iterable[tuple[Person | None, models.Model | None, Iterable[str]]],
) -> list[AuditEntry]:
    """Record the same action about several people at once, in one query: each item is
    (subject_user, target, field names), as for ``audit_record``; never values."""
    return AuditEntry.objects.bulk_create(
        [
            _audit_entry(
                actor=actor, action=action, subject_user=subject_user, target=target, fields=fields
            )
            for subject_user, target, fields in items
        ]
    )


def answers_apply(*, instance: models.Model, answers: "DataclassInstance") -> list[str]:
    """Put a form's answers on a row (as the service loaded it, so the old values are on it)
    and return the names of the fields that changed. Not saved or validated yet."""
    values = {answer.name: getattr(answers, answer.name) for answer in fields(answers)}
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name, value in values.items():
        setattr(instance, name, value)
    return changed


def instance_validate(instance: models.Model) -> None:
    """The model's own validation; failing is a refusal about the first field it names."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, problems = next(iter(error.message_dict.items()))
        raise ServiceRefusal(
            problems[0], field=None if field == NON_FIELD_ERRORS else field
        ) from error


def answers_save(
    *, actor: Person | None, instance: models.Model, answers: "DataclassInstance", action: str
) -> list[str]:
    """Put a form's answers on a row, validate, save, and record which fields changed (the
    names, never the values). ``instance`` is the row as the service loaded it, so the old
    values are on it; a model's own validation failing is a refusal about that field."""
    changed = answers_apply(instance=instance, answers=answers)
    instance_validate(instance)
    instance.save()
    audit_record(actor=actor, action=action, target=instance, fields=changed)
    return changed


def instance_update(
    *, actor: Person | None, instance: models.Model, values: Mapping[str, object], action: str
) -> list[str]:
    """Set the values, validate, save, and record which fields changed. Changes are found
    by comparing with the stored row (or a new, empty one), since a bound ModelForm has
    already set its values on ``instance``."""
    model = type(instance)
    stored = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    before = stored if stored is not None else model()
    changed = [name for name, value in values.items() if getattr(before, name) != value]
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=action, target=instance, fields=changed)
    return changed


@dataclass(frozen=True)
class SiteSettingsAnswers:
    name: str
    long_name: str
    tagline: str
    contact_email: str


@transaction.atomic
def site_settings_update(*, actor: Person, answers: SiteSettingsAnswers) -> SiteSettings:
    site, _ = SiteSettings.objects.select_for_update().get_or_create(pk=1)
    answers_save(actor=actor, instance=site, answers=answers, action="site_settings.update")
    return site


@transaction.atomic
def display_preferences_save(*, user: Person, choices: DisplayChoices) -> None:
    DisplayPreference.objects.update_or_create(user=user, defaults=choices.as_dict())


@transaction.atomic
def email_preferences_save(*, user: Person, turned_off: Iterable[str]) -> None:
    wanted_off = {key for key in turned_off if not email_kind_get(key).security}
    EmailOptOut.objects.filter(user=user).exclude(kind__in=wanted_off).delete()
    existing = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=user, kind=kind) for kind in sorted(wanted_off - existing)]
    )
    audit_record(actor=user, action="email_preferences.update", subject_user=user)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def email_queue(
    *,
    key: str,
    kind: str,
    to_address: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    recipient: Person | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboundEmail | None:
    """Write an e-mail to the outbox; a task sends it after the transaction commits.

    ``key`` names the purpose, recipient and object, so the same e-mail is never queued
    twice. Returns None when the recipient turned this kind of e-mail off.
    """
    email_kind = email_kind_get(kind)
    if (
        recipient is not None
        and not email_kind.security
        and EmailOptOut.objects.filter(user=recipient, kind=kind).exists()
    ):
        return None
    encoded_attachments = json.dumps(
        [
            {
                "filename": attachment.filename,
                "content": base64.b64encode(attachment.content).decode("ascii"),
                "mimetype": attachment.mimetype,
            }
            for attachment in attachments
        ]
    )
    # A new outbox e-mail is sent by a task that core's handlers queue once it commits.
    with transaction.atomic():
        email, _ = OutboundEmail.objects.get_or_create(
            key=key[:255],
            defaults={
                "kind": kind,
                "recipient": recipient,
                "to_address": to_address,
                "subject": " ".join(subject.split()),
                "text_body": text_body,
                "html_body": html_body,
                "attachments": encoded_attachments,
            },
        )
    return email


def html_from_text(*, subject: str, text: str) -> str:
    """An accessible HTML version of a plain-text e-mail: a heading, then its paragraphs."""
    paragraphs = [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]
    return render_to_string("emails/from_text.html", {"subject": subject, "paragraphs": paragraphs})


def email_text_queue(
    *,
    key: str,
    kind: str,
    recipient: Person,
    subject: str,
    text: str,
    attachments: Sequence[Attachment] = (),
) -> OutboundEmail | None:
    """A plain-text e-mail to a person, with an accessible HTML version made from it."""
    return email_queue(
        key=key,
        kind=kind,
        to_address=recipient.email,
        recipient=recipient,
        subject=subject,
        text_body=text,
        html_body=html_from_text(subject=subject, text=text),
        attachments=attachments,
    )


def email_render_and_queue(
    *,
    key: str,
    kind: str,
    template: str,
    context: Mapping[str, Any],
    to_address: str,
    recipient: Person | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboundEmail | None:
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` and queue them."""
    full_context = {"site_url": settings.SITE_URL, "site": site_settings_get(), **context}
    return email_queue(
        key=key,
        kind=kind,
        to_address=to_address,
        recipient=recipient,
        subject=render_to_string(f"emails/{template}_subject.txt", full_context).strip(),
        text_body=render_to_string(f"emails/{template}.txt", full_context),
        html_body=render_to_string(f"emails/{template}.html", full_context),
        attachments=attachments,
    )
