"""The kinds of e-mail the site sends: a registry that each app fills with its own kinds.

People turn each kind on or off on their e-mail settings page; security e-mails are always sent.
"""

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
