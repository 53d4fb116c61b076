"""The e-mails django-allauth sends (confirming an address, resetting a password, security
notices), as declared e-mails organizers may reword. The adapter (dm3p.accounts.adapter)
sends each through its wording, with allauth's context as the placeholders."""

from dm3p.core.emails import SECURITY
from dm3p.core.hooks import DECLARED_EMAILS, DeclaredEmail

_SIGNATURE = {
    "site_long_name": "The program's full name (Site settings).",
    "site_url": "The site's address.",
}
_GREETING = "Hello from {site_name}.\n\n"
_SIGN_OFF = "\n\n{site_long_name}\n{site_url}"


def _allauth_email(
    *,
    key: str,
    label: str,
    recipients: str,
    subject: str,
    content: str,
    placeholders: dict[str, str],
    required: tuple[str, ...] = (),
) -> DeclaredEmail:
    return DECLARED_EMAILS.register(
        DeclaredEmail(
            key=key,
            app="Accounts and security",
            label=label,
            kind=SECURITY,
            recipients=recipients,
            subject=subject,
            body=_GREETING + content + _SIGN_OFF,
            placeholders={**placeholders, **_SIGNATURE},
            required=required,
        )
    )


def _security_notice(
    *, key: str, label: str, subject: str, change: str, placeholders: dict[str, str] | None = None
) -> DeclaredEmail:
    return _allauth_email(
        key=key,
        label=label,
        recipients="The account's owner, after the change.",
        subject=subject,
        content="Something about how you sign in to your account has just changed:\n\n"
        f"{change}\n\nIf this was you, there is nothing to do. If it wasn't, choose a new "
        "password straight away from the sign-in page, and write to the organizers at "
        "{contact_email}.",
        placeholders={
            **(placeholders or {}),
            "contact_email": "The organizers' address (Site settings).",
        },
    )


_IGNORE = "If you didn't ask for this, you can ignore this e-mail."
_IGNORE_LATER = (
    "If it wasn't you, you can ignore this e-mail: nothing changes until the link is opened."
)

CONFIRM_ADDRESS = _allauth_email(
    key="account_confirm_address",
    label="Confirm an e-mail address",
    recipients="The address being added to an account, or a new member's address.",
    subject="Please confirm your e-mail address for {site_name}",
    content="Someone, probably you, asked to use this e-mail address for an account at "
    "{site_name} ({user_display}). To confirm it's yours, open this link:\n\n{activate_url}\n\n"
    f"{_IGNORE_LATER}",
    placeholders={
        "user_display": "The account's name or address.",
        "activate_url": "The link that confirms the address.",
    },
    required=("activate_url",),
)
RESET_PASSWORD = _allauth_email(
    key="account_reset_password",
    label="Reset a password",
    recipients="Whoever asked to reset the password of an account with this address.",
    subject="Choose a new password for {site_name}",
    content="Someone, probably you, asked to choose a new password for your account. To "
    "choose one, open this link:\n\n{password_reset_url}\n\nIf you didn't ask, you can "
    "ignore this e-mail: your password stays as it is.",
    placeholders={"password_reset_url": "The link to choose a new password."},
    required=("password_reset_url",),
)
RESET_PASSWORD_CODE = _allauth_email(
    key="account_reset_password_code",
    label="Code to reset a password",
    recipients="Whoever asked to reset the password of an account with this address "
    "(when resetting by code is turned on).",
    subject="Your code to choose a new password",
    content="Here is your code to choose a new password. Type it on the page you have open."
    f"\n\n{{code}}\n\n{_IGNORE}",
    placeholders={"code": "The one-time code."},
    required=("code",),
)
SIGN_IN_CODE = _allauth_email(
    key="account_sign_in_code",
    label="Code to sign in",
    recipients="Whoever asked to sign in by code (when signing in by code is turned on).",
    subject="Your sign-in code",
    content="Here is your code to sign in. Type it on the page you have open."
    f"\n\n{{code}}\n\n{_IGNORE}",
    placeholders={"code": "The one-time code."},
    required=("code",),
)
UNKNOWN_ACCOUNT = _allauth_email(
    key="account_unknown",
    label="No account with this address",
    recipients="Whoever asked to reset a password for an address that has no account.",
    subject="No account with this address",
    content="Someone, probably you, asked to choose a new password for an account with the "
    "address {email}. There is no account with this address.\n\nTo become a member, you "
    "apply first; this page explains how: {signup_url}\n\n" + _IGNORE,
    placeholders={
        "email": "The address that was typed.",
        "signup_url": "The sign-up page (it explains how to apply).",
    },
)
ACCOUNT_EXISTS = _allauth_email(
    key="account_already_exists",
    label="Account already exists",
    recipients="Whoever tried to sign up with an address that has an account.",
    subject="You already have an account",
    content="Someone, probably you, tried to make a new account with the address {email}. "
    "There is an account with this address already.\n\nIf you've forgotten its password, "
    "you can choose a new one here:\n\n{password_reset_url}\n\n" + _IGNORE,
    placeholders={
        "email": "The address that was typed.",
        "password_reset_url": "The page to reset a password.",
    },
)
EMAIL_CHANGED = _security_notice(
    key="account_email_changed",
    label="Address changed",
    subject="Your e-mail address has changed",
    change="Your e-mail address changed from {from_email} to {to_email}.",
    placeholders={"from_email": "The old address.", "to_email": "The new address."},
)
EMAIL_CONFIRMED = _security_notice(
    key="account_email_confirmed",
    label="Address confirmed",
    subject="Your e-mail address is confirmed",
    change="Your e-mail address is confirmed.",
)
EMAIL_REMOVED = _security_notice(
    key="account_email_removed",
    label="Address removed",
    subject="An e-mail address was removed from your account",
    change="The address {deleted_email} was removed from your account.",
    placeholders={"deleted_email": "The address removed."},
)
PASSWORD_CHANGED = _security_notice(
    key="account_password_changed",
    label="Password changed",
    subject="Your password has changed",
    change="Your password was changed.",
)
PASSWORD_WAS_RESET = _security_notice(
    key="account_password_reset",
    label="Password reset",
    subject="Your new password is saved",
    change="A new password was chosen for your account.",
)
PASSWORD_SET = _security_notice(
    key="account_password_set",
    label="Password set",
    subject="Your password is set",
    change="A password was set for your account.",
)
RECOVERY_CODES = _security_notice(
    key="account_recovery_codes",
    label="New recovery codes",
    subject="You have new recovery codes",
    change="New recovery codes for two-factor authentication were made; the old ones no "
    "longer work.",
)
TOTP_ACTIVATED = _security_notice(
    key="account_totp_activated",
    label="Authenticator app added",
    subject="Authenticator app added",
    change="An authenticator app was added for two-factor authentication.",
)
TOTP_DEACTIVATED = _security_notice(
    key="account_totp_deactivated",
    label="Authenticator app removed",
    subject="Authenticator app removed",
    change="The authenticator app was removed from two-factor authentication.",
)
SECURITY_KEY_ADDED = _security_notice(
    key="account_security_key_added",
    label="Security key added",
    subject="A passkey or security key was added",
    change="A new passkey or security key was added to your account.",
)
SECURITY_KEY_REMOVED = _security_notice(
    key="account_security_key_removed",
    label="Security key removed",
    subject="A passkey or security key was removed",
    change="A passkey or security key was removed from your account.",
)

# allauth's name for each e-mail (its template prefix) and the declared e-mail it sends.
ALLAUTH_EMAILS: dict[str, DeclaredEmail] = {
    "account/email/email_confirmation": CONFIRM_ADDRESS,
    "account/email/email_confirmation_signup": CONFIRM_ADDRESS,
    "account/email/password_reset_key": RESET_PASSWORD,
    "account/email/password_reset_code": RESET_PASSWORD_CODE,
    "account/email/login_code": SIGN_IN_CODE,
    "account/email/unknown_account": UNKNOWN_ACCOUNT,
    "account/email/account_already_exists": ACCOUNT_EXISTS,
    "account/email/email_changed": EMAIL_CHANGED,
    "account/email/email_confirm": EMAIL_CONFIRMED,
    "account/email/email_deleted": EMAIL_REMOVED,
    "account/email/password_changed": PASSWORD_CHANGED,
    "account/email/password_reset": PASSWORD_WAS_RESET,
    "account/email/password_set": PASSWORD_SET,
    "mfa/email/recovery_codes_generated": RECOVERY_CODES,
    "mfa/email/totp_activated": TOTP_ACTIVATED,
    "mfa/email/totp_deactivated": TOTP_DEACTIVATED,
    "mfa/email/webauthn_added": SECURITY_KEY_ADDED,
    "mfa/email/webauthn_removed": SECURITY_KEY_REMOVED,
}
