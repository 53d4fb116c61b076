"""Reading the kinds of e-mail and the e-mails the site sends, which each app registers in
its ``emails.py`` on the ``EMAIL_KINDS`` and ``DECLARED_EMAILS`` hooks (dm3p/core/hooks.py).

People turn each kind on or off on their e-mail settings page; security e-mails are always sent.
"""

from dm3p.core.hooks import DECLARED_EMAILS, EMAIL_KINDS, DeclaredEmail, EmailKind


def email_kinds_in_order() -> list[EmailKind]:
    """Security first, then by label, as the e-mail settings page lists them."""
    return sorted(EMAIL_KINDS, key=lambda kind: (not kind.security, kind.label))


def email_kind_get(key: str) -> EmailKind:
    kind = EMAIL_KINDS.get(key)
    if kind is None:
        raise LookupError(f"No e-mail kind {key!r} is registered.")
    return kind


def declared_email_get(key: str) -> DeclaredEmail:
    email = DECLARED_EMAILS.get(key)
    if email is None:
        raise LookupError(f"No e-mail {key!r} is declared.")
    return email


SECURITY = EMAIL_KINDS.register(
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
