import base64
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string

from dm3p.core.display import DisplayChoices
from dm3p.core.emails import email_kind_get
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.models import (
    AuditEntry,
    DisplayPreference,
    EmailOptOut,
    EmailWording,
    OutboundEmail,
    SiteSettings,
)
from dm3p.core.placeholders import fill_placeholders, placeholder_problems
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.selectors import email_wording_get, site_settings_get
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


def answers_of[Answers: "DataclassInstance"](
    kind: type[Answers], instance: models.Model
) -> Answers:
    """The answers that would save ``instance`` as it is, to change a few of them."""
    return kind(**{answer.name: getattr(instance, answer.name) for answer in fields(kind)})


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


@dataclass(frozen=True)
class SiteSettingsAnswers:
    name: str
    long_name: str
    tagline: str
    contact_email: str
    time_zone: str


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
    headers: Mapping[str, str] | None = None,
) -> OutboundEmail | None:
    """Write an e-mail to the outbox; a task sends it after the transaction commits.

    ``key`` names the purpose, recipient and object, so the same e-mail is never queued
    twice. Returns None when the recipient turned this kind of e-mail off. ``headers`` are
    added to the e-mail as given (a ``Message-ID`` among them replaces the outbox's own).
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
                "headers": json.dumps(dict(headers)) if headers else None,
            },
        )
    return email


def html_from_text(*, subject: str, text: str) -> str:
    """An accessible HTML version of a plain-text e-mail: a heading, then its paragraphs."""
    paragraphs = [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]
    return render_to_string("emails/from_text.html", {"subject": subject, "paragraphs": paragraphs})


def email_wording_problems(
    *, email: DeclaredEmail, subject: str, body: str
) -> dict[str, list[str]]:
    """What is wrong with an organizer's words for ``email``, by field ("subject", "body"):
    unknown or misused placeholders, or a required one left out."""
    problems = {
        "subject": placeholder_problems(subject, email.allowed),
        "body": placeholder_problems(body, email.allowed, required=email.required),
    }
    return {field: found for field, found in problems.items() if found}


@transaction.atomic
def email_wording_save(*, actor: Person, email: DeclaredEmail, subject: str, body: str) -> None:
    """Keep an organizer's words for ``email``. Bad placeholders are refused here, so that
    sending never meets them."""
    problems = email_wording_problems(email=email, subject=subject, body=body)
    if problems:
        field, found = next(iter(problems.items()))
        raise ServiceRefusal(" ".join(found), field=field)
    before = email_wording_get(email=email)
    wording, _ = EmailWording.objects.update_or_create(
        key=email.key, defaults={"subject": subject, "body": body}
    )
    changed = [
        name
        for name, old, new in [("subject", before.subject, subject), ("body", before.body, body)]
        if old != new
    ]
    audit_record(
        actor=actor,
        action="email_wording.update",
        target=wording,
        fields=changed,
    )


@transaction.atomic
def email_wording_reset(*, actor: Person, email: DeclaredEmail) -> None:
    """Back to the shipped words: the organizers' own are forgotten."""
    wording = EmailWording.objects.filter(key=email.key).first()
    if wording is not None:
        audit_record(
            actor=actor, action="email_wording.reset", target=wording, fields=["subject", "body"]
        )
        wording.delete()


_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def email_wording_queue(
    *,
    email: DeclaredEmail,
    outbox_key: str,
    values: Mapping[str, object],
    recipient: Person | None = None,
    to_address: str = "",
    attachments: Sequence[Attachment] = (),
) -> OutboundEmail | None:
    """Queue ``email`` in the words organizers gave it (or the shipped ones), with its
    placeholders filled from ``values`` (``{site_name}``, and ``{name}`` from the recipient,
    are filled in here): plain text, and an accessible HTML version made from it. To a
    person (``recipient``; at ``to_address`` if given, else their own address), or to an
    address that belongs to nobody yet (``to_address`` alone).

    A value missing for a declared placeholder is a mistake in the program, raised at once;
    the organizers' words were checked when saved. A placeholder left empty takes its blank
    lines with it."""
    automatic = {"site_name": site_settings_get().name}
    if "name" in email.placeholders:
        automatic["name"] = (recipient.name if recipient is not None else "") or "there"
    missing = set(email.placeholders) - set(automatic) - set(values)
    if missing:
        raise ValueError(f"E-mail {email.key!r} needs values for {sorted(missing)}.")
    wording = email_wording_get(email=email)
    filled = {**automatic, **values}
    subject = " ".join(fill_placeholders(wording.subject, filled).split())
    text = _BLANK_LINES.sub("\n\n", fill_placeholders(wording.body, filled)).strip()
    return email_queue(
        key=outbox_key,
        kind=email.kind.key,
        to_address=to_address or (recipient.email if recipient is not None else ""),
        recipient=recipient,
        subject=subject,
        text_body=text,
        html_body=html_from_text(subject=subject, text=text),
        attachments=attachments,
    )
