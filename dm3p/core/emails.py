"""The kinds of e-mail the site sends, and the e-mails themselves: registries that each app
fills with its own (in its ``emails.py``).

People turn each kind on or off on their e-mail settings page; security e-mails are always sent.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailKind:
    key: str
    label: str
    description: str
    security: bool = False


_kinds: dict[str, EmailKind] = {}


def email_kind_register(kind: EmailKind) -> EmailKind:
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"E-mail kind {kind.key!r} is registered twice with different details.")
    _kinds[kind.key] = kind
    return kind


def email_kind_unregister(key: str) -> None:
    _kinds.pop(key, None)


def email_kinds() -> list[EmailKind]:
    return sorted(_kinds.values(), key=lambda kind: (not kind.security, kind.label))


def email_kind_get(key: str) -> EmailKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"No e-mail kind {key!r} is registered.") from None


SECURITY = email_kind_register(
    EmailKind(
        key="security",
        label="Account and security",
        description="Confirming your address, resetting your password, and changes to how "
        "you sign in. These are always sent, so nobody can change your account unnoticed.",
        security=True,
    )
)


@dataclass(frozen=True)
class DeclaredEmail:
    """An e-mail the site sends, declared by the app that sends it (in its ``emails.py``):
    its shipped words, which organizers may reword on Staff → E-mails, and the placeholders
    the words may use, each with a line saying what it becomes. ``required`` placeholders
    must stay in the body (the e-mail is no use without them). Every e-mail also gets
    ``{site_name}``."""

    key: str
    app: str
    label: str
    kind: EmailKind
    recipients: str
    subject: str
    body: str
    placeholders: Mapping[str, str]
    required: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return (
            *self.placeholders,
            *(name for name in COMMON_PLACEHOLDERS if name not in self.placeholders),
        )


# Filled in for every e-mail, whatever it is.
COMMON_PLACEHOLDERS = {"site_name": "The site's short name (Site settings)."}
# The recipient's name, or "there" when they gave none ("Dear there" reads as a greeting).
NAME_PLACEHOLDER = {"name": "The recipient's name, or “there” when we don't know it."}

_declared: dict[str, DeclaredEmail] = {}


def email_declare(email: DeclaredEmail) -> DeclaredEmail:
    existing = _declared.get(email.key)
    if existing is not None and existing != email:
        raise ValueError(f"E-mail {email.key!r} is declared twice with different details.")
    email_kind_get(email.kind.key)
    _declared[email.key] = email
    return email


def declared_emails() -> list[DeclaredEmail]:
    """Every e-mail the site sends, in the order the apps declared them."""
    return list(_declared.values())


def declared_email_get(key: str) -> DeclaredEmail:
    try:
        return _declared[key]
    except KeyError:
        raise LookupError(f"No e-mail {key!r} is declared.") from None
