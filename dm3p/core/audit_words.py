"""The audit log in plain words: what was done ("Application: read health details") and
which fields it touched, by the names people know them by ("health details"), never the
code's names for them."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from dm3p.core.models import AuditEntry

# The few words the code's own names don't say plainly; anything else has its underscores
# read as spaces.
_SUBJECTS = {"accommodation": "Access request", "rsvp": "Answer to a gathering"}
_VERBS = {
    "view_sensitive": "read health details",
    "health_consent_withdrawn": "consent to share health details withdrawn",
    "view": "opened",
    "save": "saved",
    "update": "changed",
    "create": "created",
    "delete": "deleted",
    "request": "asked for",
    "hide": "hidden while looked into",
    "show": "shown again",
    "remove": "removed",
    "approve": "published after review",
    "decline": "not published after review",
}


@dataclass(frozen=True)
class AuditLine:
    """One audit entry as the log page shows it."""

    entry: AuditEntry
    action: str
    about: str
    fields: list[str]


def _spoken(name: str) -> str:
    return name.replace("_", " ")


def action_words(action: str) -> str:
    """ "application.view_sensitive" -> "Application: read health details"."""
    subject, _, verb = action.partition(".")
    said = _SUBJECTS.get(subject, _spoken(subject).capitalize())
    if not verb:
        return said
    return f"{said}: {_VERBS.get(verb, _spoken(verb.replace('.', ' ')))}"


def _model_of(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def field_words(object_type: str, names: list[str]) -> list[str]:
    """The fields' names as their forms and pages call them (the model's verbose names)."""
    model = _model_of(object_type)
    said = []
    for name in names:
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        verbose = getattr(field, "verbose_name", None)
        said.append(str(verbose) if verbose else _spoken(name))
    return said


def audit_lines(entries: list[AuditEntry]) -> list[AuditLine]:
    lines = []
    for entry in entries:
        model = _model_of(entry.object_type)
        about = str(model._meta.verbose_name) if model else _spoken(entry.object_type)
        lines.append(
            AuditLine(
                entry=entry,
                action=action_words(entry.action),
                about=about,
                fields=field_words(entry.object_type, list(entry.fields)),
            )
        )
    return lines
