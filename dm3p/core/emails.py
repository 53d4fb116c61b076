"""Reading the kinds of e-mail and the e-mails the site sends, which each app registers in
its ``emails.py`` on the ``email_kinds`` and ``declared_emails`` hooks (dm3p/core/hooks.py).

People turn each kind on or off on their e-mail settings page; security e-mails are always sent.
"""

from dm3p.core.hooks import DeclaredEmail, EmailKind, declared_emails, email_kinds


def email_kinds_in_order() -> list[EmailKind]:
    """Security first, then by label, as the e-mail settings page lists them."""
    return sorted(email_kinds, key=lambda kind: (not kind.security, kind.label))


def email_kind_get(key: str) -> EmailKind:
    kind = email_kinds.get(key)
    if kind is None:
        raise LookupError(f"No e-mail kind {key!r} is registered.")
    return kind


def declared_email_get(key: str) -> DeclaredEmail:
    email = declared_emails.get(key)
    if email is None:
        raise LookupError(f"No e-mail {key!r} is declared.")
    return email


SECURITY = email_kinds.register(
    EmailKind(
        key="security",
        label="Account and security",
        description="Confirming your address, resetting your password, and changes to how "
        "you sign in. These are always sent, so nobody can change your account unnoticed.",
        security=True,
    )
)

# The recipient's name, or "there" when they gave none ("Dear there" reads as a greeting).
NAME_PLACEHOLDER = {"name": "The recipient's name, or “there” when we don't know it."}
